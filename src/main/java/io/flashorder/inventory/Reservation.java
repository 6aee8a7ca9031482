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
 * @param role          what this call is to a bucketed order (see lua/reserve_order.lua)
 * @param homeSlot      the buyer's home bucket slot ({@code slot} itself unless the role is {@link Role#DONOR})
 */
public record Reservation(OrderSlot slot, UUID orderId, String userId, String idempotencyKeyDigest, String requestHash,
                          long paymentDeadlineEpochMillis, String phoneFingerprint,
                          String addressFingerprint, UUID campaignId, int campaignPerUserLimit,
                          List<Line> lines, List<String> couponIds, String payloadJson, long points,
                          Role role, OrderSlot homeSlot) {

    /** An order of {@code {p}}, or of a one-bucket item: one call decides it, as it always did. */
    public Reservation(OrderSlot slot, UUID orderId, String userId, String idempotencyKeyDigest, String requestHash,
                       long paymentDeadlineEpochMillis, String phoneFingerprint, String addressFingerprint,
                       UUID campaignId, int campaignPerUserLimit, List<Line> lines, List<String> couponIds,
                       String payloadJson, long points) {
        this(slot, orderId, userId, idempotencyKeyDigest, requestHash, paymentDeadlineEpochMillis, phoneFingerprint,
                addressFingerprint, campaignId, campaignPerUserLimit, lines, couponIds, payloadJson, points,
                Role.SINGLE, slot);
    }

    public enum Role {
        /** The only call: a refusal is final. */
        SINGLE(""),
        /**
         * The buyer's home bucket: when it lacks the units it counts the buyer's units against the limit, records the
         * key as pending and answers {@link ReservationOutcome.Pending}; the other buckets are asked next.
         */
        HOME("H"),
        /** Another bucket, asked after home lacked the units: no limit here (counted at home), a refusal recorded. */
        DONOR("D");

        final String code;

        Role(String code) {
            this.code = code;
        }
    }

    /** The campaign units this order counts against the buyer's limit. */
    public int campaignUnits() {
        return lines.stream().filter(Line::atCampaignPrice).mapToInt(Line::quantity).sum();
    }

    /** The same order, asked of another bucket's slot after its home bucket lacked the units. */
    public Reservation inDonor(OrderSlot donor, UUID pendingOrderId, String donorPayloadJson) {
        return new Reservation(donor, pendingOrderId, userId, idempotencyKeyDigest, requestHash,
                paymentDeadlineEpochMillis, phoneFingerprint, addressFingerprint, campaignId, campaignPerUserLimit,
                lines, couponIds, donorPayloadJson, points, Role.DONOR, homeSlot);
    }

    public record Line(UUID skuId, int quantity, boolean atCampaignPrice, int lowStockThreshold,
                       List<UUID> warehousesByPreference) {
    }
}
