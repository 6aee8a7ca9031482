package io.flashorder.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What one event of the order stream tells analytics (read by {@link OrderFacts}). */
public sealed interface OrderFact {

    /** Units of one SKU. */
    record SkuUnits(UUID skuId, int quantity) {
    }

    /** Facts about one merchant order; every event of one carries its merchant. */
    sealed interface OfMerchantOrder extends OrderFact {
        UUID merchantOrderId();

        UUID merchantId();
    }

    /** {@code onlyMerchantOrder}: the order has no other merchant order (false when an older payload does not say). */
    record Placed(UUID merchantOrderId, UUID merchantId, UUID orderId, UUID campaignId, String currency, long payable,
                  UUID warehouseId, List<SkuUnits> lines, Instant at, boolean onlyMerchantOrder)
            implements OfMerchantOrder {
    }

    record Paid(UUID merchantOrderId, UUID merchantId, Instant at) implements OfMerchantOrder {
    }

    /** {@code reason}: a bounded category (buyer, payment-deadline, order-writer...), never the buyer's text. */
    record Cancelled(UUID merchantOrderId, UUID merchantId, String reason, Instant at) implements OfMerchantOrder {
    }

    record Shipped(UUID merchantOrderId, UUID merchantId, String carrier, Instant at) implements OfMerchantOrder {
    }

    /** The first parcel of the merchant order delivered. */
    record Delivered(UUID merchantOrderId, UUID merchantId, Instant at) implements OfMerchantOrder {
    }

    record Completed(UUID merchantOrderId, UUID merchantId, Instant at) implements OfMerchantOrder {
    }

    record CaseOpened(UUID caseId, UUID merchantOrderId, UUID merchantId, String reasonCode, List<SkuUnits> lines,
                      Instant at) implements OrderFact {
    }

    /** The case ended: succeeded, or closed (withdrawn, timed out, refused in arbitration). */
    record CaseEnded(UUID caseId, UUID merchantId, Instant at) implements OrderFact {
    }
}
