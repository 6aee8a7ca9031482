package io.flashorder.fulfilment;

import io.flashorder.order.OrderStatus;

import java.time.Instant;
import java.util.UUID;

/** A shipped merchant order: the parcel, when receipt will be confirmed automatically, where the order stands. */
public record ShipmentView(UUID id, UUID merchantOrderId, UUID orderId, String carrier, String trackingNumber,
                           Instant shippedAt, Instant autoConfirmAt, OrderStatus merchantOrderStatus,
                           OrderStatus orderStatus) {
}
