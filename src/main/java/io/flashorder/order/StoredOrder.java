package io.flashorder.order;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An order as read back (from PostgreSQL or from its hold record): the placed order, where it ships from, its
 * state, and per merchant order its progress (empty for a hold: nothing has shipped before PostgreSQL has it).
 */
public record StoredOrder(PlacedOrder order, List<Allocation> allocations, OrderStatus status,
                          Map<UUID, MerchantOrderProgress> progress) {

    public StoredOrder(PlacedOrder order, List<Allocation> allocations, OrderStatus status) {
        this(order, allocations, status, Map.of());
    }
}
