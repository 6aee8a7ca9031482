package io.flashorder.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One of a buyer's orders in its list: amounts, status and each merchant order's progress (no lines, no address). */
public record OrderSummary(UUID id, OrderStatus status, PaymentMethod paymentMethod, String currency, long subtotal,
                           long discountTotal, long shippingTotal, long payable, Instant placedAt,
                           Instant paymentDeadline, Instant completedAt, List<MerchantOrderSummary> merchantOrders) {

    public record MerchantOrderSummary(UUID id, UUID merchantId, OrderStatus status, long payable,
                                       MerchantOrderProgress.Shipment shipment, Instant autoConfirmAt,
                                       Instant completedAt, Instant afterSalesClosesAt, boolean afterSalesOpen) {
    }
}
