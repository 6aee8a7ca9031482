package io.flashorder.order.lifecycle;

import io.flashorder.order.OrderStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** One recorded transition of an order (or of one of its merchant orders when {@code merchantOrderId} is set). */
public record TransitionView(OrderStatus from, OrderStatus to, String actor, @Schema(nullable = true) String reason,
                             Instant at, @Schema(nullable = true) UUID merchantOrderId) {
}
