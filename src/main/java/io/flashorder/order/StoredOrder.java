package io.flashorder.order;

import java.util.List;

/** An order as read back (from PostgreSQL or from its hold record): the placed order, where it ships from, its state. */
public record StoredOrder(PlacedOrder order, List<Allocation> allocations, OrderStatus status) {
}
