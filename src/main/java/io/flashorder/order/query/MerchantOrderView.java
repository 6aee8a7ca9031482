package io.flashorder.order.query;

import io.flashorder.order.MerchantOrderProgress;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.PaymentMethod;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A merchant order as its merchant sees it. The recipient's name and phone are masked; the street address is
 * shown only while the merchant order awaits shipment (the one time the merchant needs it), the region always.
 */
public record MerchantOrderView(UUID id, UUID orderId, OrderStatus status, PaymentMethod paymentMethod,
                                String currency, long subtotal, long discountTotal, long shippingFee, long payable,
                                Instant placedAt, ShipTo shipTo, @Schema(nullable = true) String buyerNote,
                                List<Line> lines, @Schema(nullable = true) MerchantOrderProgress.Shipment shipment,
                                @Schema(nullable = true) Instant autoConfirmAt,
                                @Schema(nullable = true) Instant completedAt,
                                @Schema(nullable = true) Instant afterSalesClosesAt, boolean afterSalesOpen) {

    public record ShipTo(String recipient, String phone, String regionCode, @Schema(nullable = true) String detail) {
    }

    public record Line(UUID skuId, String title, int quantity, long unitPrice, long payable) {
    }
}
