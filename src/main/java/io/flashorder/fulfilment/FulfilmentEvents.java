package io.flashorder.fulfilment;

import io.flashorder.order.OrderStatus;

import java.time.Instant;
import java.util.UUID;

/** Payloads of the events fulfilment emits (through the outbox); no personal data in them. */
final class FulfilmentEvents {

    private FulfilmentEvents() {
    }

    record Shipped(UUID orderId, UUID merchantOrderId, UUID merchantId, String carrier, String trackingNumber,
                   Instant shippedAt, Instant autoConfirmAt, OrderStatus orderStatus) {
    }

    record Completed(UUID orderId, UUID merchantOrderId, UUID merchantId, String confirmedBy, Instant completedAt,
                     Instant afterSalesClosesAt, OrderStatus orderStatus) {
    }
}
