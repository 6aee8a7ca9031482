package io.flashorder.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashorder.events.EventType;
import io.flashorder.order.PaymentMethod;
import io.flashorder.order.query.OrderHeader;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Which notice, if any, an order event means for the buyer. Placement, payment and cancellation are events per
 * merchant order, but one notice per order: only the event of the order's first merchant order speaks for it.
 * A cash-on-delivery order's confirmation is no payment, so it says nothing.
 */
final class NoticeReader {

    /** The job that cancels an order at its payment deadline (see the order lifecycle). */
    static final String DEADLINE_ACTOR = "system:payment-deadline";

    private NoticeReader() {
    }

    /** The event types notices come from; others are not read at all. */
    static boolean concerns(String type) {
        return kindOf(type).isPresent() || EventType.ORDER_CANCELLED.name().equals(type);
    }

    static Optional<Notice> read(UUID eventId, String type, JsonNode payload, OrderHeader order) {
        EventType event;
        try {
            event = EventType.valueOf(type);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
        Builder notice = new Builder(eventId, order);
        return switch (event) {
            case ORDER_PLACED -> speaksForOrder(payload, order) ? Optional.of(notice.build(NoticeKind.ORDER_PLACED,
                    order.payable(), order.paymentMethod() == PaymentMethod.COD ? null : order.paymentDeadline(),
                    null, null, order.paymentMethod().name())) : Optional.empty();
            case ORDER_PAID -> speaksForOrder(payload, order) && !payload.path("paymentDueOnDelivery").asBoolean()
                    ? Optional.of(notice.build(NoticeKind.PAYMENT_SUCCEEDED, order.payable(), null, null, null, null))
                    : Optional.empty();
            case PAYMENT_FAILED -> Optional.of(notice.build(NoticeKind.PAYMENT_FAILED, order.payable(),
                    order.paymentDeadline(), null, null, text(payload, "reason")));
            case ORDER_CANCELLED -> speaksForOrder(payload, order)
                    ? Optional.of(DEADLINE_ACTOR.equals(text(payload, "by"))
                            ? notice.build(NoticeKind.PAYMENT_EXPIRED, order.payable(), null, null, null, null)
                            : notice.build(NoticeKind.ORDER_CANCELLED, order.payable(), null, null, null,
                                    text(payload, "reason")))
                    : Optional.empty();
            case ORDER_SHIPPED -> Optional.of(notice.build(NoticeKind.ORDER_SHIPPED, 0, null,
                    text(payload, "carrier"), text(payload, "trackingNumber"), null));
            case SHIPMENT_DELIVERED -> Optional.of(notice.build(NoticeKind.ORDER_DELIVERED, 0, null,
                    text(payload, "carrier"), text(payload, "trackingNumber"), null));
            case AFTER_SALE_REFUNDED -> Optional.of(notice.build(NoticeKind.REFUND_COMPLETED,
                    payload.path("refundTotal").asLong(), null, null, null, null));
            case AFTER_SALE_REQUESTED, AFTER_SALE_APPROVED, AFTER_SALE_REJECTED, AFTER_SALE_RETURN_RECEIVED,
                 AFTER_SALE_EXCHANGE_SHIPPED, AFTER_SALE_SUCCEEDED, AFTER_SALE_CLOSED ->
                    Optional.of(notice.build(NoticeKind.AFTER_SALE_UPDATED, payload.path("refundTotal").asLong(),
                            null, null, null, text(payload, "status")));
            default -> Optional.empty();
        };
    }

    private static Optional<NoticeKind> kindOf(String type) {
        return switch (type) {
            case "ORDER_PLACED" -> Optional.of(NoticeKind.ORDER_PLACED);
            case "ORDER_PAID" -> Optional.of(NoticeKind.PAYMENT_SUCCEEDED);
            case "PAYMENT_FAILED" -> Optional.of(NoticeKind.PAYMENT_FAILED);
            case "ORDER_SHIPPED" -> Optional.of(NoticeKind.ORDER_SHIPPED);
            case "SHIPMENT_DELIVERED" -> Optional.of(NoticeKind.ORDER_DELIVERED);
            case "AFTER_SALE_REFUNDED" -> Optional.of(NoticeKind.REFUND_COMPLETED);
            case "AFTER_SALE_REQUESTED", "AFTER_SALE_APPROVED", "AFTER_SALE_REJECTED", "AFTER_SALE_RETURN_RECEIVED",
                 "AFTER_SALE_EXCHANGE_SHIPPED", "AFTER_SALE_SUCCEEDED", "AFTER_SALE_CLOSED" ->
                    Optional.of(NoticeKind.AFTER_SALE_UPDATED);
            default -> Optional.empty();
        };
    }

    /** Order-wide events come once per merchant order: the first merchant order's event speaks for the order. */
    private static boolean speaksForOrder(JsonNode payload, OrderHeader order) {
        String part = text(payload, "merchantOrderId");
        return part == null || order.firstMerchantOrderId() == null
                || order.firstMerchantOrderId().toString().equals(part);
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private record Builder(UUID eventId, OrderHeader order) {

        Notice build(NoticeKind kind, long amount, Instant deadline, String carrier, String tracking, String detail) {
            return new Notice(kind, eventId, order.id(), order.buyerId(), order.phoneEncrypted(),
                    order.currency(), amount, deadline, carrier, tracking, detail);
        }
    }
}
