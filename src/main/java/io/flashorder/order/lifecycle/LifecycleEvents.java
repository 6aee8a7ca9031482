package io.flashorder.order.lifecycle;

import java.time.Instant;
import java.util.UUID;

/** Payloads of the lifecycle's outbox events, one per merchant order so each merchant hears of its own part. */
public final class LifecycleEvents {

    private LifecycleEvents() {
    }

    /**
     * The order is paid (or, for cash on delivery, confirmed with {@code paymentDueOnDelivery}): ship it.
     * {@code via} says how: PAYMENT, LATE_PAYMENT or CASH_ON_DELIVERY.
     */
    public record OrderPaid(UUID orderId, UUID merchantOrderId, UUID merchantId, long amount, String currency,
                            String via, boolean paymentDueOnDelivery, String paymentReference, Instant at) {
    }

    /** The order was cancelled before payment, by its buyer or at its payment deadline. */
    public record OrderCancelled(UUID orderId, UUID merchantOrderId, UUID merchantId, String by, String reason,
                                 Instant at) {
    }

    /**
     * Closed for good (交易关闭): a merchant order (fully refunded, or its after-sales window ended), or, with
     * {@code merchantOrderId} and {@code merchantId} null, the order itself once every merchant order is closed.
     */
    public record OrderClosed(UUID orderId, UUID merchantOrderId, UUID merchantId, String status, String reason,
                              Instant at) {
    }
}
