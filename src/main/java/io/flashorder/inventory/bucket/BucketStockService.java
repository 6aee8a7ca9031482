package io.flashorder.inventory.bucket;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.InventoryService;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.SoldOutCache;
import io.flashorder.inventory.StockRecoveringException;
import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * A campaign item's stock split over buckets in different Redis hash slots (see {@link StockBuckets}). Every script
 * call touches one bucket's slot. A reservation runs in the buyer's home bucket (per-buyer limit, idempotency,
 * hold); if that bucket cannot fill it, the other buckets are asked in turn (at most B - 1 more calls, then one to
 * settle the hold), and the order is refused, and the SKU announced sold out, only when no bucket could fill it.
 */
@ApplicationScoped
public class BucketStockService {

    private static final LuaScript RESERVE = LuaScript.load("bucket_reserve");
    private static final LuaScript TAKE = LuaScript.load("bucket_take");
    private static final LuaScript SETTLE = LuaScript.load("bucket_settle");
    private static final LuaScript RELEASE = LuaScript.load("bucket_release");
    private static final LuaScript RETURN = LuaScript.load("bucket_return");
    /** How long an accepted idempotency key is remembered, as for checkout's reservations. */
    private static final long IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

    private final RedisScripts scripts;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveKeyCommands<String> redisKeys;
    private final ReactivePubSubCommands<String> pubsub;
    private final SoldOutCache soldOut;
    private final InventoryService inventory;

    public BucketStockService(RedisScripts scripts, ReactiveRedisDataSource redis, SoldOutCache soldOut,
                              InventoryService inventory) {
        this.scripts = scripts;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.redisKeys = redis.key(String.class);
        this.pubsub = redis.pubsub(String.class);
        this.soldOut = soldOut;
        this.inventory = inventory;
    }

    /**
     * Loads {@code units} of a campaign SKU, split evenly over its buckets, each bucket's share applied once per
     * batch (a retried batch changes nothing): bucket i > 0 first gets its share of the SKU's warehouse units moved out
     * of {@code {p}} (as many as {@code {p}} has), so an order served there needs no {@code {p}} key. Emits how many
     * buckets applied their share now.
     */
    @Timeout(value = 2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000, skipOn = StockRecoveringException.class)
    public Uni<Integer> load(UUID campaignId, UUID skuId, UUID batchId, long units, int buckets) {
        List<Long> shares = StockBuckets.split(units, buckets);
        return Multi.createFrom().range(0, buckets).filter(bucket -> shares.get(bucket) > 0)
                .onItem().transformToUniAndConcatenate(bucket -> (bucket == 0 ? Uni.createFrom().item(Map.<UUID, Long>of())
                        : inventory.moveOutOfPartition(batchId, skuId, bucket, shares.get(bucket)))
                        .chain(moved -> inventory.applyBucketShare(OrderSlot.of(bucket), batchId, campaignId, skuId,
                                shares.get(bucket), moved)))
                .collect().asList()
                .map(applied -> (int) applied.stream().filter(Boolean::booleanValue).count())
                .call(() -> announce(InventoryKeys.RESTOCKED_CHANNEL, campaignId, List.of(skuId)));
    }

    /** The breaker of checkout's reservation ({@code ReservationService.reserve}): it opens for a failing Redis only. */
    @Timeout(value = 5000)
    @CircuitBreaker(requestVolumeThreshold = 200, failureRatio = 0.75, delay = 1000, successThreshold = 2)
    public Uni<BucketOutcome> reserve(BucketReservation reservation) {
        int home = reservation.home();
        List<String> keys = List.of(StockBuckets.campaign(reservation.campaignId(), home),
                StockBuckets.campaignBuyers(reservation.campaignId(), home),
                StockBuckets.idempotency(reservation.userId(), reservation.idempotencyKeyDigest(), home),
                StockBuckets.hold(reservation.orderId(), home));
        List<String> args = new ArrayList<>();
        args.add(reservation.orderId().toString());
        args.add(reservation.userId());
        args.add(reservation.requestHash());
        args.add(Long.toString(IDEMPOTENCY_TTL_SECONDS));
        args.add(Integer.toString(reservation.perUserLimit()));
        args.add(Integer.toString(home));
        args.add(Integer.toString(reservation.lines().size()));
        args.addAll(lineArguments(reservation));
        return scripts.run(RESERVE, keys, args).chain(response -> switch (response.get(0).toString()) {
            case "HELD" -> Uni.createFrom().item(
                    new BucketOutcome.Held(reservation.orderId(), home, home, response.get(1).toLong()));
            case "SHORT" -> fallBack(reservation, reservation.orderId(), new Shortage(reservation.buckets())
                    .add(response), StockBuckets.fallbacksOf(home, reservation.buckets()));
            case "REPLAY" -> replayed(reservation, UUID.fromString(response.get(1).toString()));
            case "KEY_REUSED" -> Uni.createFrom().item(new BucketOutcome.KeyReused());
            case "LIMIT_EXCEEDED" -> Uni.createFrom().item(
                    new BucketOutcome.LimitExceeded(response.get(1).toInteger(), response.get(2).toInteger()));
            default -> Uni.createFrom().failure(new IllegalStateException("Unknown bucket verdict " + response.get(0)));
        });
    }

    /**
     * Releases a held order once: the buyer's counted units go back in its home bucket, the stock to the bucket it
     * was taken from. A repeated call sends the units back to that bucket again, which changes nothing if they are
     * there already and finishes the job if a failure came between the two steps.
     */
    @Timeout(value = 2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public Uni<BucketRelease> release(UUID orderId, String userId, UUID campaignId, int buckets) {
        int home = StockBuckets.homeOf(userId, buckets);
        List<String> keys = List.of(StockBuckets.hold(orderId, home), StockBuckets.campaignBuyers(campaignId, home),
                StockBuckets.campaign(campaignId, home));
        return scripts.run(RELEASE, keys, List.of(Integer.toString(home))).chain(response -> {
            BucketRelease.Status status = BucketRelease.Status.valueOf(response.get(0).toString());
            if (status != BucketRelease.Status.RELEASED && status != BucketRelease.Status.ALREADY) {
                return Uni.createFrom().item(new BucketRelease(status, null));
            }
            int origin = Integer.parseInt(response.get(1).toString());
            Uni<Void> returned = origin == home ? Uni.createFrom().voidItem()
                    : giveBack(orderId, campaignId, origin).replaceWithVoid();
            Uni<Void> announced = status == BucketRelease.Status.RELEASED
                    ? announce(InventoryKeys.RESTOCKED_CHANNEL, campaignId, skusOf(response.get(2).toString()))
                    : Uni.createFrom().voidItem();
            return returned.call(() -> announced).map(done -> new BucketRelease(status, origin));
        });
    }

    /** Each bucket's counters of a campaign SKU: what the reconciliation checks, per bucket and summed. */
    @Timeout(value = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public Uni<BucketLevels> levels(UUID campaignId, UUID skuId, int buckets) {
        String[] fields = {StockBuckets.field(skuId, InventoryKeys.AVAILABLE), StockBuckets.field(skuId, InventoryKeys.HELD),
                StockBuckets.field(skuId, InventoryKeys.SOLD), StockBuckets.field(skuId, InventoryKeys.LOADED)};
        List<Uni<BucketLevels.Bucket>> reads = IntStream.range(0, buckets).mapToObj(bucket ->
                hashes.hmget(StockBuckets.campaign(campaignId, bucket), fields).map(values ->
                        new BucketLevels.Bucket(bucket, count(values, fields[0]), count(values, fields[1]),
                                count(values, fields[2]), count(values, fields[3])))).toList();
        return Uni.join().all(reads).andFailFast().map(all -> new BucketLevels(campaignId, skuId, all));
    }

    /** A request seen before: answered as it was, or, if its fallback was cut short, carried on where it stopped. */
    private Uni<BucketOutcome> replayed(BucketReservation reservation, UUID orderId) {
        return hashes.hget(StockBuckets.hold(orderId, reservation.home()), "status").chain(status -> {
            if (!"FALLBACK".equals(status)) {
                return Uni.createFrom().item(new BucketOutcome.Replayed(orderId, status == null ? "" : status));
            }
            // A bucket that gave units before the request was cut short is asked first (its take record answers
            // TAKEN again), so units taken then are never left behind for a bucket that has some again now.
            List<Integer> donors = StockBuckets.fallbacksOf(reservation.home(), reservation.buckets());
            return Multi.createFrom().iterable(donors)
                    .onItem().transformToUniAndConcatenate(donor -> redisKeys.exists(StockBuckets.take(orderId, donor))
                            .map(taken -> taken ? donor : -1))
                    .filter(donor -> donor >= 0).collect().first()
                    .chain(gave -> fallBack(reservation, orderId, new Shortage(reservation.buckets()),
                            gave == null ? donors : List.of(gave)));
        });
    }

    private Uni<BucketOutcome> fallBack(BucketReservation reservation, UUID orderId, Shortage shortage,
                                        List<Integer> donors) {
        if (donors.isEmpty()) {
            return settle(reservation, orderId, "").chain(response -> "STATE".equals(response.get(0).toString())
                    // a concurrent retry of the same request settled the hold first: its answer stands
                    ? Uni.createFrom().item(new BucketOutcome.Replayed(orderId, response.get(1).toString()))
                    : refused(reservation, shortage, response.get(1).toLong()));
        }
        int donor = donors.getFirst();
        List<String> args = new ArrayList<>();
        args.add(reservation.userId());
        args.add(Integer.toString(reservation.lines().size()));
        args.addAll(lineArguments(reservation));
        return scripts.run(TAKE, List.of(StockBuckets.campaign(reservation.campaignId(), donor),
                StockBuckets.take(orderId, donor)), args).chain(response -> {
            if ("SHORT".equals(response.get(0).toString())) {
                return fallBack(reservation, orderId, shortage.add(response), donors.subList(1, donors.size()));
            }
            long takenAt = response.get(1).toLong();
            return settle(reservation, orderId, Integer.toString(donor)).chain(settled -> {
                // STATE HELD with this donor as origin: a concurrent retry of the same request settled it first.
                boolean ours = "HELD".equals(settled.get(0).toString())
                        || ("HELD".equals(settled.get(1).toString())
                        && Integer.toString(donor).equals(settled.get(2).toString()));
                if (ours) {
                    return Uni.createFrom().item(new BucketOutcome.Held(orderId, reservation.home(), donor, takenAt));
                }
                // The hold went another way meanwhile (a concurrent retry settled it elsewhere, or it is gone):
                // these units are nobody's, so they go back.
                Log.warnf("Bucket hold of order %s was %s when bucket %d gave its units: giving them back", orderId,
                        settled.get(1), donor);
                return giveBack(orderId, reservation.campaignId(), donor).chain(() -> Uni.createFrom().failure(
                        new IllegalStateException("The bucket hold of order " + orderId + " changed during its fallback")));
            });
        });
    }

    private Uni<Response> settle(BucketReservation reservation, UUID orderId, String origin) {
        int home = reservation.home();
        return scripts.run(SETTLE, List.of(StockBuckets.hold(orderId, home),
                StockBuckets.campaignBuyers(reservation.campaignId(), home),
                StockBuckets.idempotency(reservation.userId(), reservation.idempotencyKeyDigest(), home)), List.of(origin));
    }

    /** No bucket could fill the order: SKUs no bucket had a unit of are sold out, here and, announced, everywhere. */
    private Uni<BucketOutcome> refused(BucketReservation reservation, Shortage shortage, long decidedAt) {
        Map<UUID, Long> everywhere = shortage.shortEverywhere();
        List<UUID> soldOutSkus = everywhere.entrySet().stream().filter(sku -> sku.getValue() == 0)
                .map(Map.Entry::getKey).toList();
        soldOutSkus.forEach(sku -> soldOut.markSoldOut(SoldOutCache.keyOf(sku, reservation.campaignId())));
        return announce(InventoryKeys.SOLD_OUT_CHANNEL, reservation.campaignId(), soldOutSkus)
                .replaceWith(new BucketOutcome.SoldOut(everywhere, decidedAt));
    }

    private Uni<Response> giveBack(UUID orderId, UUID campaignId, int bucket) {
        return scripts.run(RETURN, List.of(StockBuckets.take(orderId, bucket), StockBuckets.campaign(campaignId, bucket)),
                List.of());
    }

    private Uni<Void> announce(String channel, UUID campaignId, List<UUID> skus) {
        if (skus.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(skus)
                .onItem().transformToUniAndConcatenate(sku -> pubsub.publish(channel, SoldOutCache.keyOf(sku, campaignId)))
                .collect().last().replaceWithVoid();
    }

    private static List<String> lineArguments(BucketReservation reservation) {
        List<String> args = new ArrayList<>(reservation.lines().size() * 2);
        for (BucketReservation.Line line : reservation.lines()) {
            args.add(line.skuId().toString());
            args.add(Integer.toString(line.quantity()));
        }
        return args;
    }

    /** The SKUs of a hold's {@code lines} field: {@code sku=qty,sku=qty}. */
    private static List<UUID> skusOf(String lines) {
        return Arrays.stream(lines.split(",")).map(line -> UUID.fromString(line.substring(0, line.indexOf('='))))
                .toList();
    }

    private static long count(Map<String, String> values, String field) {
        String value = values.get(field);
        return value == null ? 0L : Long.parseLong(value);
    }

    /** What the buckets asked so far lacked: per SKU, the units it had in each bucket that could not fill it. */
    private static final class Shortage {

        private final int buckets;
        private final Map<UUID, long[]> bySku = new LinkedHashMap<>(); // {units summed, buckets that lacked it}

        Shortage(int buckets) {
            this.buckets = buckets;
        }

        /** Adds a SHORT answer: {'SHORT', time, sku, units, sku, units, ...}. */
        Shortage add(Response shortAnswer) {
            for (int i = 2; i + 1 < shortAnswer.size(); i += 2) {
                long[] seen = bySku.computeIfAbsent(UUID.fromString(shortAnswer.get(i).toString()), sku -> new long[2]);
                seen[0] += shortAnswer.get(i + 1).toLong();
                seen[1]++;
            }
            return this;
        }

        /** SKUs no bucket had enough of, with their units summed (0: sold out in every bucket). */
        Map<UUID, Long> shortEverywhere() {
            Map<UUID, Long> everywhere = new LinkedHashMap<>();
            bySku.forEach((sku, seen) -> {
                if (seen[1] == buckets) {
                    everywhere.put(sku, seen[0]);
                }
            });
            return everywhere;
        }
    }
}
