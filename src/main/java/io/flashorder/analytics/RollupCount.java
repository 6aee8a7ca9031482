package io.flashorder.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One thing to count in the rollups ({@link RollupWriter}); hours and days are UTC. */
public sealed interface RollupCount {

    /** An order placed in {@code hour}: its amount is GMV. */
    record Placed(UUID merchantId, Instant hour, String currency, long amount) implements RollupCount {
    }

    /** An order placed in {@code hour} was paid (the paid rate of that hour's orders). */
    record Paid(UUID merchantId, Instant hour, String currency, long amount) implements RollupCount {
    }

    /** An order placed in {@code hour} was cancelled, for a reason category. */
    record Cancelled(UUID merchantId, Instant hour, String currency, String reason) implements RollupCount {
    }

    /** Units of a SKU paid for on {@code day} (the base of its after-sales rate). */
    record SkuSold(UUID merchantId, Instant day, UUID skuId, int units) implements RollupCount {
    }

    /** A stage that ended on {@code day}, attributed to the warehouse and carrier (null: not known, or not yet). */
    record StageTime(UUID merchantId, Instant day, Stage stage, UUID warehouseId, String carrier,
                     Duration duration) implements RollupCount {
    }

    /** An order of a campaign accepted, or paid (each counted once per order). */
    record CampaignOrder(UUID campaignId, UUID orderId, boolean paid) implements RollupCount {
    }

    /**
     * An order of a campaign accepted whose only merchant order was placed now: that merchant order's timeline counts
     * it once, so it is added as it is, without the order's dedupe row in analytics_campaign_order.
     */
    record CampaignAccepted(UUID campaignId) implements RollupCount {
    }

    /** An after-sale case opened on {@code day} for a reason, over units of SKUs. */
    record CaseOpened(UUID merchantId, Instant day, String reason, List<OrderFact.SkuUnits> lines)
            implements RollupCount {
    }
}
