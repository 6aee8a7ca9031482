package io.flashorder.fulfilment;

import io.flashorder.order.OrderStatus;

import java.time.Instant;
import java.util.UUID;

/** A merchant order whose receipt was confirmed, with its after-sales window. */
public record ReceiptView(UUID merchantOrderId, UUID orderId, OrderStatus status, Instant completedAt,
                          Instant afterSalesClosesAt, boolean afterSalesOpen, OrderStatus orderStatus) {
}
