package io.flashorder.inventory.bucket;

import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hot-SKU buckets against the real Redis: no unit sold twice, no buyer refused while a bucket still had a unit, the
 * per-buyer limit held across buckets, releases back to the bucket the units came from, and the reconciliation
 * invariant per bucket and summed.
 */
@QuarkusTest
class BucketStockServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    BucketStockService buckets;
    @Inject
    CircuitBreakerMaintenance breakers;
    @Inject
    RedisScripts scripts;

    @BeforeEach
    void closeBreakers() {
        breakers.resetAll();
    }

    /**
     * 2,000 buyers for 500 units in 3 buckets (167, 167, 166), 400 of them sending a second order at the same time
     * (limit 1 each): exactly 500 accepted, each buyer at most once, and no refusal decided before the last
     * acceptance (decision times are Redis server times, taken inside the deciding script). Only 100 buyers live in
     * bucket 2, so at least 66 of its units must go to buyers of the other buckets.
     */
    @Test
    void aStampedeSellsExactlyTheStockAndRefusesNobodyWhileABucketHasSome() {
        UUID campaign = UUID.randomUUID();
        UUID sku = UUID.randomUUID();
        assertThat(load(campaign, sku, 500, 3)).isEqualTo(3);

        List<BucketReservation> orders = new ArrayList<>();
        List<String> buyers = new ArrayList<>(buyersWithHome(campaign, 0, 3, 950));
        buyers.addAll(buyersWithHome(campaign, 1, 3, 950));
        buyers.addAll(buyersWithHome(campaign, 2, 3, 100));
        for (int buyer = 0; buyer < buyers.size(); buyer++) {
            orders.add(order(campaign, sku, buyers.get(buyer), 1, 1, 3));
            if (buyer % 5 == 0) {
                orders.add(order(campaign, sku, buyers.get(buyer), 1, 1, 3));
            }
        }
        Collections.shuffle(orders);
        List<Result> results = Multi.createFrom().iterable(orders)
                .onItem().transformToUni(order -> buckets.reserve(order).map(outcome -> new Result(order, outcome)))
                .merge(200).collect().asList().await().atMost(WAIT);

        List<BucketOutcome.Held> held = results.stream().map(Result::outcome)
                .filter(BucketOutcome.Held.class::isInstance).map(BucketOutcome.Held.class::cast).toList();
        List<BucketOutcome.SoldOut> soldOut = results.stream().map(Result::outcome)
                .filter(BucketOutcome.SoldOut.class::isInstance).map(BucketOutcome.SoldOut.class::cast).toList();
        long limited = results.stream().filter(r -> r.outcome() instanceof BucketOutcome.LimitExceeded).count();
        assertThat(held).hasSize(500);
        assertThat(held.size() + soldOut.size() + limited).isEqualTo(orders.size());

        Map<String, Integer> perBuyer = new HashMap<>();
        results.stream().filter(r -> r.outcome() instanceof BucketOutcome.Held)
                .forEach(r -> perBuyer.merge(r.order().userId(), 1, Integer::sum));
        assertThat(perBuyer.values()).allSatisfy(units -> assertThat(units).isEqualTo(1));

        long lastAcceptance = held.stream().mapToLong(BucketOutcome.Held::decidedAtMicros).max().orElseThrow();
        long refusedTooEarly = soldOut.stream().filter(refusal -> refusal.decidedAtMicros() < lastAcceptance).count();
        assertThat(refusedTooEarly).as("refusals decided before the last acceptance").isZero();
        assertThat(soldOut).allSatisfy(refusal -> assertThat(refusal.availableBySku()).containsEntry(sku, 0L));
        assertThat(held.stream().filter(BucketOutcome.Held::fellBack).count())
                .as("acceptances from another bucket than the buyer's").isGreaterThanOrEqualTo(66);

        BucketLevels levels = levels(campaign, sku, 3);
        assertThat(levels.consistent()).isTrue();
        assertThat(levels.loaded()).isEqualTo(500);
        assertThat(levels.held()).isEqualTo(500);
        assertThat(levels.available()).isZero();
        assertThat(levels.buckets()).extracting(BucketLevels.Bucket::loaded).containsExactly(167L, 167L, 166L);
    }

    /** Every buyer in bucket 0 (by choice of ids), stock spread over 3: the other buckets fill the orders. */
    @Test
    void buyersOfOneBucketAreServedFromTheOthers() {
        UUID campaign = UUID.randomUUID();
        UUID sku = UUID.randomUUID();
        load(campaign, sku, 30, 3);
        List<BucketReservation> orders = buyersWithHome(campaign, 0, 3, 60).stream()
                .map(user -> order(campaign, sku, user, 1, 1, 3)).toList();
        List<BucketOutcome> outcomes = Multi.createFrom().iterable(orders).onItem().transformToUni(buckets::reserve)
                .merge(60).collect().asList().await().atMost(WAIT);

        List<BucketOutcome.Held> held = outcomes.stream().filter(BucketOutcome.Held.class::isInstance)
                .map(BucketOutcome.Held.class::cast).toList();
        assertThat(held).hasSize(30);
        assertThat(held).extracting(BucketOutcome.Held::bucket).containsOnly(0, 1, 2);
        assertThat(held.stream().filter(h -> h.bucket() != 0).count()).isEqualTo(20);
        long lastAcceptance = held.stream().mapToLong(BucketOutcome.Held::decidedAtMicros).max().orElseThrow();
        assertThat(outcomes).filteredOn(BucketOutcome.SoldOut.class::isInstance)
                .hasSize(30).allSatisfy(refusal ->
                        assertThat(((BucketOutcome.SoldOut) refusal).decidedAtMicros()).isGreaterThan(lastAcceptance));
        assertThat(levels(campaign, sku, 3).consistent()).isTrue();
    }

    /** The limit is counted in the buyer's home bucket, so units taken from another bucket count against it too. */
    @Test
    void thePerBuyerLimitHoldsAcrossBuckets() {
        UUID campaign = UUID.randomUUID();
        UUID sku = UUID.randomUUID();
        load(campaign, sku, 3, 3); // one unit per bucket
        String buyer = buyersWithHome(campaign, 1, 3, 1).getFirst();

        BucketOutcome first = reserve(order(campaign, sku, buyer, 1, 2, 3));
        BucketOutcome second = reserve(order(campaign, sku, buyer, 1, 2, 3));
        BucketOutcome third = reserve(order(campaign, sku, buyer, 1, 2, 3));

        assertThat(first).isInstanceOfSatisfying(BucketOutcome.Held.class, held -> assertThat(held.bucket()).isEqualTo(1));
        assertThat(second).isInstanceOfSatisfying(BucketOutcome.Held.class, held -> assertThat(held.fellBack()).isTrue());
        assertThat(third).isEqualTo(new BucketOutcome.LimitExceeded(2, 2));
        assertThat(levels(campaign, sku, 3).available()).isEqualTo(1);
    }

    @Test
    void aReleaseReturnsTheUnitsToTheBucketTheyCameFromOnce() {
        UUID campaign = UUID.randomUUID();
        UUID sku = UUID.randomUUID();
        load(campaign, sku, 2, 3); // buckets 0 and 1 hold a unit, bucket 2 none
        String buyer = buyersWithHome(campaign, 2, 3, 1).getFirst();
        BucketReservation order = order(campaign, sku, buyer, 1, 1, 3);
        BucketOutcome.Held held = (BucketOutcome.Held) reserve(order);
        assertThat(held.bucket()).isZero();
        assertThat(reserve(order(campaign, sku, buyer, 1, 1, 3))).isInstanceOf(BucketOutcome.LimitExceeded.class);

        BucketRelease released = buckets.release(order.orderId(), buyer, campaign, 3).await().atMost(WAIT);
        assertThat(released).isEqualTo(new BucketRelease(BucketRelease.Status.RELEASED, 0));
        BucketLevels levels = levels(campaign, sku, 3);
        assertThat(levels.buckets()).extracting(BucketLevels.Bucket::available).containsExactly(1L, 1L, 0L);
        assertThat(levels.held()).isZero();
        assertThat(levels.consistent()).isTrue();

        assertThat(buckets.release(order.orderId(), buyer, campaign, 3).await().atMost(WAIT))
                .isEqualTo(new BucketRelease(BucketRelease.Status.ALREADY, 0));
        assertThat(levels(campaign, sku, 3).buckets()).extracting(BucketLevels.Bucket::available)
                .containsExactly(1L, 1L, 0L);
        assertThat(buckets.release(UUID.randomUUID(), buyer, campaign, 3).await().atMost(WAIT).status())
                .isEqualTo(BucketRelease.Status.MISSING);
        // The buyer's counted unit came back in its home bucket: it may buy again.
        assertThat(reserve(order(campaign, sku, buyer, 1, 1, 3))).isInstanceOf(BucketOutcome.Held.class);
    }

    @Test
    void aRepeatedRequestIsAnsweredAsBeforeAndAReusedKeyIsRefused() {
        UUID campaign = UUID.randomUUID();
        UUID sku = UUID.randomUUID();
        load(campaign, sku, 1, 2);
        String buyer = buyersWithHome(campaign, 0, 2, 1).getFirst();
        BucketReservation order = order(campaign, sku, buyer, 1, 5, 2);
        reserve(order); // taken in bucket 0 or by fallback in bucket 1, wherever the unit is
        BucketReservation retry = new BucketReservation(UUID.randomUUID(), buyer, order.idempotencyKeyDigest(),
                order.requestHash(), campaign, 5, 2, order.lines());
        assertThat(reserve(retry)).isEqualTo(new BucketOutcome.Replayed(order.orderId(), "HELD"));
        BucketReservation otherBody = new BucketReservation(UUID.randomUUID(), buyer, order.idempotencyKeyDigest(),
                "another-body", campaign, 5, 2, order.lines());
        assertThat(reserve(otherBody)).isEqualTo(new BucketOutcome.KeyReused());
        assertThat(levels(campaign, sku, 2).held()).isEqualTo(1);
    }

    /**
     * A request cut short between another bucket's take and the settlement at home (the pod died): its retry finishes
     * it with the units already taken, even if its home bucket has units again by then, so none are left behind.
     */
    @Test
    void aRetryFinishesAFallbackThatWasCutShort() {
        UUID campaign = UUID.randomUUID();
        UUID sku = UUID.randomUUID();
        load(campaign, sku, 2, 2); // one unit per bucket
        List<String> homeZero = buyersWithHome(campaign, 0, 2, 2);
        BucketReservation first = order(campaign, sku, homeZero.get(0), 1, 5, 2);
        assertThat(reserve(first)).isInstanceOfSatisfying(BucketOutcome.Held.class,
                held -> assertThat(held.bucket()).isZero());

        BucketReservation cut = order(campaign, sku, homeZero.get(1), 1, 5, 2);
        assertThat(runScript("bucket_reserve", List.of(StockBuckets.campaign(campaign, 0),
                        StockBuckets.campaignBuyers(campaign, 0),
                        StockBuckets.idempotency(cut.userId(), cut.idempotencyKeyDigest(), 0),
                        StockBuckets.hold(cut.orderId(), 0)),
                List.of(cut.orderId().toString(), cut.userId(), cut.requestHash(), "600", "5", "0", "1", sku.toString(), "1"))
                .get(0).toString()).isEqualTo("SHORT");
        assertThat(runScript("bucket_take", List.of(StockBuckets.campaign(campaign, 1), StockBuckets.take(cut.orderId(), 1)),
                List.of(cut.userId(), "1", sku.toString(), "1")).get(0).toString()).isEqualTo("TAKEN");
        // ... no settlement: the pod died. Then bucket 0 gets its unit back.
        assertThat(buckets.release(first.orderId(), first.userId(), campaign, 2).await().atMost(WAIT).status())
                .isEqualTo(BucketRelease.Status.RELEASED);

        BucketReservation retry = new BucketReservation(UUID.randomUUID(), cut.userId(), cut.idempotencyKeyDigest(),
                cut.requestHash(), campaign, 5, 2, cut.lines());
        assertThat(reserve(retry)).isInstanceOfSatisfying(BucketOutcome.Held.class, held -> {
            assertThat(held.orderId()).isEqualTo(cut.orderId());
            assertThat(held.bucket()).isEqualTo(1);
        });
        assertThat(reserve(retry)).isEqualTo(new BucketOutcome.Replayed(cut.orderId(), "HELD"));
        BucketLevels levels = levels(campaign, sku, 2);
        assertThat(levels.buckets()).extracting(BucketLevels.Bucket::available).containsExactly(1L, 0L);
        assertThat(levels.buckets()).extracting(BucketLevels.Bucket::held).containsExactly(0L, 1L);
        assertThat(levels.consistent()).isTrue();
    }

    @Test
    void aBatchIsLoadedOnceSplitEvenly() {
        UUID campaign = UUID.randomUUID();
        UUID sku = UUID.randomUUID();
        UUID batch = UUID.randomUUID();
        assertThat(buckets.load(campaign, sku, batch, 10, 4).await().atMost(WAIT).appliedNow()).isEqualTo(4);
        assertThat(buckets.load(campaign, sku, batch, 10, 4).await().atMost(WAIT).appliedNow()).isZero();
        BucketLevels levels = levels(campaign, sku, 4);
        assertThat(levels.buckets()).extracting(BucketLevels.Bucket::available).containsExactly(3L, 3L, 2L, 2L);
        assertThat(levels.loaded()).isEqualTo(10);
        assertThat(levels.consistent()).isTrue();
    }

    private io.vertx.mutiny.redis.client.Response runScript(String name, List<String> keys, List<String> args) {
        return scripts.run(LuaScript.load(name), keys, args).await().atMost(WAIT);
    }

    private int load(UUID campaign, UUID sku, long units, int count) {
        return buckets.load(campaign, sku, UUID.randomUUID(), units, count).await().atMost(WAIT).appliedNow();
    }

    private BucketOutcome reserve(BucketReservation order) {
        return buckets.reserve(order).await().atMost(WAIT);
    }

    private BucketLevels levels(UUID campaign, UUID sku, int count) {
        return buckets.levels(campaign, sku, count).await().atMost(WAIT);
    }

    private static BucketReservation order(UUID campaign, UUID sku, String user, int quantity, int limit, int count) {
        return new BucketReservation(UUID.randomUUID(), user, UUID.randomUUID().toString(), "body-" + user, campaign,
                limit, count, List.of(new BucketReservation.Line(sku, quantity)));
    }

    private static List<String> buyersWithHome(UUID campaign, int home, int count, int how) {
        return IntStream.iterate(0, i -> i + 1).mapToObj(i -> "buyer-" + campaign + "-" + i)
                .filter(user -> StockBuckets.homeOf(user, count) == home).limit(how).toList();
    }

    private record Result(BucketReservation order, BucketOutcome outcome) {
    }
}
