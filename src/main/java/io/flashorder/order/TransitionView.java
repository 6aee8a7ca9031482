package io.flashorder.order;

import java.time.Instant;
import java.util.UUID;

/** One recorded transition of an order (or of one of its merchant orders when {@code merchantOrderId} is set). */
public record TransitionView(OrderStatus from, OrderStatus to, String actor, String reason, Instant at,
                             UUID merchantOrderId) {
}
