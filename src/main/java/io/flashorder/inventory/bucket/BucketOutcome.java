package io.flashorder.inventory.bucket;

import java.util.Map;
import java.util.UUID;

/**
 * What a bucket reservation decided. Times are Redis server times in microseconds, taken inside the script that
 * decided, so tests can order decisions made in different calls (and on different cluster nodes of one host).
 */
public sealed interface BucketOutcome {

    /** Units held in {@code bucket}: the buyer's home bucket, or the one it fell back to. */
    record Held(UUID orderId, int home, int bucket, long decidedAtMicros) implements BucketOutcome {

        public boolean fellBack() {
            return bucket != home;
        }
    }

    /** The same idempotency key and body came before, as this order (status of its hold: HELD, FALLBACK, ...). */
    record Replayed(UUID orderId, String status) implements BucketOutcome {
    }

    record KeyReused() implements BucketOutcome {
    }

    record LimitExceeded(int alreadyCounted, int limit) implements BucketOutcome {
    }

    /**
     * No bucket could fill the order: units each short SKU had, summed over the buckets when each was asked (0 = the
     * SKU is sold out everywhere). Decided after the last bucket was asked.
     */
    record SoldOut(Map<UUID, Long> availableBySku, long decidedAtMicros) implements BucketOutcome {
    }
}
