package io.flashorder.order.writer;

import io.flashorder.order.PaymentMethod;
import io.flashorder.order.PlacedOrder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The OrderPlaced payload a merchant receives for its merchant order: what was bought, no personal data. */
public record OrderPlacedEvent(UUID orderId, UUID merchantOrderId, UUID merchantId, PaymentMethod paymentMethod,
                               String currency, long subtotal, long discountTotal, long shippingFee, long payable,
                               Instant placedAt, Instant paymentDeadline, List<Line> lines) {

    public record Line(UUID skuId, String title, int quantity, long unitPrice, long payable) {
    }

    /** The event id of a merchant order's OrderPlaced: the same every time it is announced. */
    public static UUID eventId(UUID merchantOrderId) {
        return UUID.nameUUIDFromBytes(("ORDER_PLACED:" + merchantOrderId).getBytes(StandardCharsets.UTF_8));
    }

    static OrderPlacedEvent of(PlacedOrder order, PlacedOrder.MerchantPart part) {
        return new OrderPlacedEvent(order.id(), part.id(), part.merchantId(), order.paymentMethod(), order.currency(),
                part.subtotal(), part.discountTotal(), part.shippingFee(), part.payable(), order.placedAt(),
                order.paymentDeadline(), part.lines().stream().map(line -> new Line(line.skuId(), line.title(),
                        line.quantity(), line.unitPrice(), line.payable())).toList());
    }
}
