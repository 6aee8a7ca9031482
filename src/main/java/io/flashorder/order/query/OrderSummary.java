package io.flashorder.order.query;

import io.flashorder.order.MerchantOrderProgress;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.PaymentMethod;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One of a buyer's orders in its list: amounts, status and each merchant order's progress (no lines, no address). */
public record OrderSummary(UUID id, OrderStatus status, PaymentMethod paymentMethod, String currency, long subtotal,
                           long discountTotal, long shippingTotal, long payable, Instant placedAt,
                           Instant paymentDeadline, @Schema(nullable = true) Instant completedAt,
                           List<MerchantOrderSummary> merchantOrders) {

    public record MerchantOrderSummary(UUID id, UUID merchantId, OrderStatus status, long payable,
                                       @Schema(nullable = true) MerchantOrderProgress.Shipment shipment,
                                       @Schema(nullable = true) Instant autoConfirmAt,
                                       @Schema(nullable = true) Instant completedAt,
                                       @Schema(nullable = true) Instant afterSalesClosesAt, boolean afterSalesOpen) {
    }
}
