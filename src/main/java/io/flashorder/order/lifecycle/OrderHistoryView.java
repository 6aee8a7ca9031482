package io.flashorder.order.lifecycle;

import io.flashorder.order.OrderStatus;

import java.util.List;
import java.util.UUID;

/** GET /api/v1/orders/{id}/history: every transition the order went through, oldest first. */
public record OrderHistoryView(UUID orderId, OrderStatus status, List<TransitionView> transitions) {
}
