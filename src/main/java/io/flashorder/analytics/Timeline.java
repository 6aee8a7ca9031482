package io.flashorder.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What analytics knows of one merchant order, from its events in whatever order they arrived: each moment is set by
 * the first event that tells it and never changed. Counting happens on the difference between the timeline before
 * and after an event ({@link #countsSince}): a figure is counted once both its ends are known, whichever event came
 * last, and only once the placement is known (it says the merchant's currency, amount, warehouse and the hour the
 * order belongs to) and, for the stages after the hand-over, the shipment (its carrier), so the same events count
 * the same in any arrival order, and a late or repeated event never counts anything twice.
 */
public record Timeline(UUID merchantOrderId, UUID merchantId, UUID orderId, UUID campaignId, String currency,
                       long payable, UUID warehouseId, String carrier, List<OrderFact.SkuUnits> lines,
                       Instant placedAt, Instant paidAt, Instant cancelledAt, String cancelReason, Instant shippedAt,
                       Instant deliveredAt, Instant completedAt) {

    public static Timeline empty(UUID merchantOrderId, UUID merchantId) {
        return new Timeline(merchantOrderId, merchantId, null, null, null, 0, null, null, List.of(), null, null, null,
                null, null, null, null);
    }

    /** The timeline with what the fact adds (moments already known stay). */
    public Timeline with(OrderFact.OfMerchantOrder fact) {
        return switch (fact) {
            case OrderFact.Placed p -> placedAt != null ? this : new Timeline(merchantOrderId, merchantId, p.orderId(),
                    p.campaignId(), p.currency(), p.payable(), p.warehouseId(), carrier, p.lines(), p.at(), paidAt,
                    cancelledAt, cancelReason, shippedAt, deliveredAt, completedAt);
            case OrderFact.Paid p -> paidAt != null ? this : new Timeline(merchantOrderId, merchantId, orderId,
                    campaignId, currency, payable, warehouseId, carrier, lines, placedAt, p.at(), cancelledAt,
                    cancelReason, shippedAt, deliveredAt, completedAt);
            case OrderFact.Cancelled c -> cancelledAt != null ? this : new Timeline(merchantOrderId, merchantId,
                    orderId, campaignId, currency, payable, warehouseId, carrier, lines, placedAt, paidAt, c.at(),
                    c.reason(), shippedAt, deliveredAt, completedAt);
            case OrderFact.Shipped s -> shippedAt != null ? this : new Timeline(merchantOrderId, merchantId, orderId,
                    campaignId, currency, payable, warehouseId, s.carrier(), lines, placedAt, paidAt, cancelledAt,
                    cancelReason, s.at(), deliveredAt, completedAt);
            case OrderFact.Delivered d -> deliveredAt != null ? this : new Timeline(merchantOrderId, merchantId,
                    orderId, campaignId, currency, payable, warehouseId, carrier, lines, placedAt, paidAt, cancelledAt,
                    cancelReason, shippedAt, d.at(), completedAt);
            case OrderFact.Completed c -> completedAt != null ? this : new Timeline(merchantOrderId, merchantId,
                    orderId, campaignId, currency, payable, warehouseId, carrier, lines, placedAt, paidAt, cancelledAt,
                    cancelReason, shippedAt, deliveredAt, c.at());
        };
    }

    /** What becomes countable between {@code before} and this timeline. */
    public List<RollupCount> countsSince(Timeline before) {
        List<RollupCount> counts = new ArrayList<>();
        if (placedAt == null) {
            return counts;
        }
        Instant hour = placedAt.truncatedTo(ChronoUnit.HOURS);
        boolean newlyPlaced = before.placedAt == null;
        if (newlyPlaced) {
            counts.add(new RollupCount.Placed(merchantId, hour, currency, payable));
            if (campaignId != null) {
                counts.add(new RollupCount.CampaignOrder(campaignId, orderId, false));
            }
        }
        if (paidAt != null && (newlyPlaced || before.paidAt == null)) {
            counts.add(new RollupCount.Paid(merchantId, hour, currency, payable));
            lines.forEach(line -> counts.add(new RollupCount.SkuSold(merchantId, day(paidAt), line.skuId(),
                    line.quantity())));
            if (campaignId != null) {
                counts.add(new RollupCount.CampaignOrder(campaignId, orderId, true));
            }
        }
        if (cancelledAt != null && (newlyPlaced || before.cancelledAt == null)) {
            counts.add(new RollupCount.Cancelled(merchantId, hour, currency, cancelReason));
        }
        // Stages after the hand-over are attributed to its carrier: counted once the shipment is known too.
        boolean shipped = shippedAt != null;
        boolean shippedBefore = before.placedAt != null && before.shippedAt != null;
        stage(counts, Stage.PLACED_TO_PAID, true, placedAt, paidAt, !newlyPlaced, before.placedAt, before.paidAt,
                null);
        stage(counts, Stage.PAID_TO_SHIPPED, true, paidAt, shippedAt, !newlyPlaced, before.paidAt, before.shippedAt,
                carrier);
        stage(counts, Stage.SHIPPED_TO_DELIVERED, shipped, shippedAt, deliveredAt, shippedBefore, before.shippedAt,
                before.deliveredAt, carrier);
        stage(counts, Stage.DELIVERED_TO_COMPLETED, shipped, deliveredAt, completedAt, shippedBefore,
                before.deliveredAt, before.completedAt, carrier);
        return counts;
    }

    /**
     * Counts a stage when it becomes countable: both ends known and what it is attributed to ({@code ready}); it
     * was not countable before.
     */
    private void stage(List<RollupCount> counts, Stage stage, boolean ready, Instant start, Instant end,
                       boolean readyBefore, Instant startBefore, Instant endBefore, String stageCarrier) {
        boolean countable = ready && start != null && end != null;
        boolean countableBefore = readyBefore && startBefore != null && endBefore != null;
        if (countable && !countableBefore) {
            counts.add(new RollupCount.StageTime(merchantId, day(end), stage, warehouseId, stageCarrier,
                    Duration.between(start, end)));
        }
    }

    static Instant day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    }
}
