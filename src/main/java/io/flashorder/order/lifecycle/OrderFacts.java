package io.flashorder.order.lifecycle;

import io.flashorder.inventory.OrderSlot;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.PaymentMethod;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the lifecycle needs to know of an order, read (and usually locked) inside a transaction.
 *
 * @param stockSlot where its reservation lives in Redis ({@code customer_order.stock_slot}, see {@code OrderSlot})
 */
public record OrderFacts(UUID id, String buyerId, OrderStatus status, PaymentMethod paymentMethod, String currency,
                         long payable, UUID campaignId, List<String> couponIds, List<Part> merchantOrders,
                         Instant paidAt, Instant cancelledAt, Instant stockSettledAt, OrderSlot stockSlot) {

    /** One merchant order: who sells it and what it costs (the events each merchant receives). */
    public record Part(UUID id, UUID merchantId, long payable) {
    }
}
