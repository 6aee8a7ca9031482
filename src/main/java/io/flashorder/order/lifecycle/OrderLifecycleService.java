package io.flashorder.order.lifecycle;

import io.flashorder.order.query.OrderQueries;
import io.flashorder.order.query.OrderView;
import io.flashorder.order.writer.OrderPersistence;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The buyer's side of the lifecycle: cancel an own order, read its history. Another buyer's order is a 404. */
@ApplicationScoped
public class OrderLifecycleService {

    private final OrderQueries orders;
    private final OrderPersistence persistence;
    private final OrderLifecycle lifecycle;
    private final OrderLifecycleRepository repository;
    private final Pool pool;

    public OrderLifecycleService(OrderQueries orders, OrderPersistence persistence, OrderLifecycle lifecycle,
                                 OrderLifecycleRepository repository, Pool pool) {
        this.orders = orders;
        this.persistence = persistence;
        this.lifecycle = lifecycle;
        this.repository = repository;
        this.pool = pool;
    }

    public Uni<OrderView> cancel(String buyerId, UUID orderId, String reason) {
        return orders.get(buyerId, orderId) // 404 unless it is the buyer's, even before PostgreSQL has it
                .chain(() -> persistence.ensurePersisted(orderId))
                .chain(() -> lifecycle.cancelByBuyer(buyerId, orderId, reason))
                .chain(() -> orders.get(buyerId, orderId));
    }

    public Uni<OrderHistoryView> history(String buyerId, UUID orderId) {
        return orders.get(buyerId, orderId).chain(order -> repository.history(pool, orderId)
                .map(transitions -> new OrderHistoryView(orderId, order.status(), transitions)));
    }
}
