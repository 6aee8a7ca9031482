package io.flashorder.inventory;

import java.util.List;
import java.util.UUID;

/**
 * Everything the reservation script needs to accept or refuse one order in a single Redis call.
 *
 * @param payloadJson   the order as it goes to the hold record and the placed-orders stream
 * @param campaignId    the campaign whose stock and per-user limit apply, or null
 * @param lines         in a stable order; each names its warehouses in the buyer region's order of preference
 * @param points        member points the order spends (0: none, and the script does not touch the points mirror)
 * @param slot          where every key the script touches lives ({@link OrderSlot#HOME} but for bucketed stock)
 */
public record Reservation(OrderSlot slot, UUID orderId, String userId, String idempotencyKeyDigest, String requestHash,
                          long paymentDeadlineEpochMillis, String phoneFingerprint,
                          String addressFingerprint, UUID campaignId, int campaignPerUserLimit,
                          List<Line> lines, List<String> couponIds, String payloadJson, long points) {

    public record Line(UUID skuId, int quantity, boolean atCampaignPrice, int lowStockThreshold,
                       List<UUID> warehousesByPreference) {
    }
}
