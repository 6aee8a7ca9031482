package io.flashorder.inventory.bucket;

import java.util.List;
import java.util.UUID;

/**
 * One order's campaign units, to be reserved in its buyer's bucket (or, when that one is short, in another).
 *
 * @param buckets the campaign item's bucket count (every line of one reservation shares it)
 */
public record BucketReservation(UUID orderId, String userId, String idempotencyKeyDigest, String requestHash,
                                UUID campaignId, int perUserLimit, int buckets, List<Line> lines) {

    public record Line(UUID skuId, int quantity) {
    }

    int home() {
        return StockBuckets.homeOf(userId, buckets);
    }
}
