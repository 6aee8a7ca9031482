package io.flashorder.inventory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the reservation script decided. */
public sealed interface ReservationOutcome {

    /** Accepted: stock held, coupons locked, order on the stream. */
    record Accepted(UUID orderId, String allocationJson, List<UUID> lowStockSkus) implements ReservationOutcome {
    }

    /** The same idempotency key and body were accepted before, as this order. */
    record Replayed(UUID orderId) implements ReservationOutcome {
    }

    /** The idempotency key was used before for a different body. */
    record KeyReused() implements ReservationOutcome {
    }

    record Blacklisted(String what) implements ReservationOutcome {
    }

    record RateLimited() implements ReservationOutcome {
    }

    record LimitExceeded(int alreadyBought, int limit) implements ReservationOutcome {
    }

    /**
     * Units still available of each SKU that cannot fill its line.
     *
     * @param decidedAtMicros Redis time of a bucketed order's refusal (its last bucket's answer), 0 otherwise
     */
    record SoldOut(Map<UUID, Long> availableBySku, long decidedAtMicros) implements ReservationOutcome {

        public SoldOut(Map<UUID, Long> availableBySku) {
            this(availableBySku, 0);
        }
    }

    record CouponUnavailable(String couponId) implements ReservationOutcome {
    }

    /** The buyer's points mirror is missing or of another epoch: load it from the ledger, then reserve again. */
    record PointsNotLoaded() implements ReservationOutcome {
    }

    /** The order spends more points than the buyer can spend now. */
    record PointsInsufficient(long spendable) implements ReservationOutcome {
    }

    /**
     * A bucketed order's home bucket lacked the units (or an earlier attempt of the same request did): the buyer's
     * units are counted there and the key is pending for {@code orderId}; the other buckets are asked next, then the
     * home is settled.
     *
     * @param availableBySku units the home bucket had of each SKU it could not fill (empty for a retry)
     */
    record Pending(UUID orderId, Map<UUID, Long> availableBySku) implements ReservationOutcome {
    }

    /** A donor bucket could not fill the order (or refused this attempt before); decided at Redis time µs. */
    record BucketShort(Map<UUID, Long> availableBySku, long decidedAtMicros) implements ReservationOutcome {
    }

    /** The stock is not trusted now (being verified or rebuilt after Redis lost data): nothing was done. */
    record Recovering() implements ReservationOutcome {
    }
}
