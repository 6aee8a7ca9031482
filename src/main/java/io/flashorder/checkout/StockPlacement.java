package io.flashorder.checkout;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.Reservation;
import io.flashorder.inventory.ReservationOutcome;
import io.flashorder.inventory.ReservationService;
import io.flashorder.inventory.SoldOutCache;
import io.flashorder.inventory.bucket.BucketShortage;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Takes an order's stock in Redis along its {@link StockRoute}: one reservation script call in {@code {p}}; for an
 * order of a split item, the call in the buyer's home bucket slot and, when home lacks the units (the buyer's units
 * are then counted and the key pending there), the same order in each other bucket in turn (at most B - 1 calls),
 * then one call settling the home. The order is refused, and its SKUs announced sold out, only when every bucket
 * lacked them. A retry of the request (same key) finds the home pending and walks the same buckets with the same
 * order id; each bucket repeats its first answer to that order, so a fallback cut short is finished, never doubled.
 */
@Singleton
public class StockPlacement {

    private final ReservationService reservations;
    private final SoldOutCache soldOut;
    private final ReactivePubSubCommands<String> pubsub;

    public StockPlacement(ReservationService reservations, SoldOutCache soldOut, ReactiveRedisDataSource redis) {
        this.reservations = reservations;
        this.soldOut = soldOut;
        this.pubsub = redis.pubsub(String.class);
    }

    /**
     * @param payloadFor the order's payload for an order id: a retry carries on with the id its first attempt got
     */
    Uni<ReservationOutcome> reserve(StockRoute route, Reservation reservation, Function<UUID, String> payloadFor) {
        if (!route.bucketed()) {
            return reserveOnce(reservation);
        }
        return reserveOnce(reservation).chain(outcome -> outcome instanceof ReservationOutcome.Pending pending
                ? fallBack(reservation, pending.orderId(), route.donors(),
                        new BucketShortage(route.buckets()).add(pending.availableBySku()), 0, payloadFor)
                : Uni.createFrom().item(outcome));
    }

    private Uni<ReservationOutcome> fallBack(Reservation home, UUID orderId, List<OrderSlot> donors, BucketShortage shortage,
                                             long decidedAtMicros, Function<UUID, String> payloadFor) {
        if (donors.isEmpty()) {
            // Every donor refused this order and recorded it, so no attempt or sweep can hold it anywhere now: the
            // settlement answers REFUSED, or SETTLED when another attempt or the sweeper refused it first.
            return reservations.settleFallback(home, orderId, false)
                    .chain(() -> refused(home, shortage, decidedAtMicros));
        }
        Reservation donor = home.inDonor(donors.getFirst(), orderId, payloadFor.apply(orderId));
        List<OrderSlot> rest = donors.subList(1, donors.size());
        return reserveOnce(donor).chain(outcome -> switch (outcome) {
            case ReservationOutcome.BucketShort lacking -> fallBack(home, orderId, rest,
                    shortage.add(lacking.availableBySku()), lacking.decidedAtMicros(), payloadFor);
            case ReservationOutcome.Accepted accepted -> held(home, orderId, donor.slot()).replaceWith(outcome);
            case ReservationOutcome.Replayed replayed when replayed.orderId().equals(orderId) ->
                    held(home, orderId, donor.slot()).replaceWith(outcome);
            // Recovering, a blacklist, ...: the home stays pending (the buyer's units counted); a retry finishes it.
            default -> Uni.createFrom().item(outcome);
        });
    }

    private Uni<String> held(Reservation home, UUID orderId, OrderSlot donor) {
        return reservations.settleFallback(home, orderId, true).invoke(verdict -> {
            if (!"HELD".equals(verdict)) {
                Log.errorf("Order %s is held in %s but its home %s had settled its key otherwise", orderId, donor,
                        home.homeSlot());
            }
        });
    }

    /** No bucket could fill the order: what no bucket has a unit of is sold out, here and, announced, everywhere. */
    private Uni<ReservationOutcome> refused(Reservation home, BucketShortage shortage, long decidedAtMicros) {
        Map<UUID, Long> everywhere = shortage.shortEverywhere();
        List<UUID> gone = everywhere.entrySet().stream().filter(sku -> sku.getValue() == 0).map(Map.Entry::getKey)
                .toList();
        ReservationOutcome.SoldOut soldOut = new ReservationOutcome.SoldOut(
                everywhere.isEmpty() ? shortage.seen() : everywhere, decidedAtMicros);
        return gone.isEmpty() ? Uni.createFrom().item(soldOut)
                : announceSoldOut(home.campaignId(), gone).replaceWith(soldOut);
    }

    /**
     * Remembered here and announced on {@code stock:soldout}, so every pod refuses these SKUs without a Redis call
     * until a restock (the bucketed scripts never announce it: one bucket being empty is not the SKU sold out).
     */
    private Uni<Void> announceSoldOut(UUID campaignId, List<UUID> skus) {
        return Multi.createFrom().iterable(skus).onItem().transformToUniAndConcatenate(sku -> {
                    String name = SoldOutCache.keyOf(sku, campaignId);
                    soldOut.markSoldOut(name);
                    return pubsub.publish(InventoryKeys.SOLD_OUT_CHANNEL, name);
                })
                .collect().last().replaceWithVoid();
    }

    private Uni<ReservationOutcome> reserveOnce(Reservation reservation) {
        return reservations.reserve(reservation)
                .onFailure(TimeoutException.class).recoverWithUni(late -> afterLateAnswer(reservation, late));
    }

    /**
     * A reservation not answered in time may still have run (a busy pod reads the answer late): the key's record says
     * whether it did, and then the buyer gets the order instead of a 503 with the stock held for nobody.
     */
    private Uni<ReservationOutcome> afterLateAnswer(Reservation reservation, Throwable late) {
        return reservations.placedKey(reservation.slot(), reservation.userId(), reservation.idempotencyKeyDigest())
                .onFailure().transform(ignored -> late)
                .chain(placed -> placed.map(key -> Uni.createFrom().item(key.outcomeFor(reservation.requestHash())))
                        .orElseGet(() -> Uni.createFrom().failure(late)));
    }
}
