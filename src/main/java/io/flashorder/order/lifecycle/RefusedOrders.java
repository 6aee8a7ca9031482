package io.flashorder.order.lifecycle;

import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.inventory.OrderStock;
import io.flashorder.inventory.OrderStockService;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.writer.OrderBatchRepository;
import io.flashorder.order.writer.PersistableOrder;
import io.flashorder.order.writer.RefusedOrderCancellation;
import io.flashorder.platform.sql.SqlFailures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An accepted order PostgreSQL refused to store (the writer dead-letters its entry) must not keep its stock, and its
 * buyer and merchants must learn what happened. It is recorded as a storable copy (the buyer's note left out, other
 * text cleaned of what PostgreSQL refuses), cancelled by the system ({@code REJECT}) with a reason the buyer can read
 * and OrderCancelled events for its merchants, and its stock released by the idempotent release script, exactly as a
 * cancellation does. If even the copy is refused, the stock is released from the entry's own payload; the
 * dead-letter entry keeps the order for an operator either way.
 */
@ApplicationScoped
public class RefusedOrders implements RefusedOrderCancellation {

    /** What the buyer reads in the order's history; the merchants get it in their OrderCancelled events. */
    public static final String REASON = "We could not record this order, so it was cancelled: nothing was charged "
            + "and its items were released";

    private final Pool pool;
    private final OrderBatchRepository batches;
    private final OrderLifecycleRepository rows;
    private final OrderLifecycle lifecycle;
    private final OrderStockService stock;
    private final CatalogSnapshotService catalog;
    private final Clock clock;

    public RefusedOrders(Pool pool, OrderBatchRepository batches, OrderLifecycleRepository rows,
                         OrderLifecycle lifecycle, OrderStockService stock, CatalogSnapshotService catalog,
                         Clock clock) {
        this.pool = pool;
        this.batches = batches;
        this.rows = rows;
        this.lifecycle = lifecycle;
        this.stock = stock;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Cancels each refused order and releases its stock, one after the other. Fails only when PostgreSQL or Redis
     * cannot be reached, so the writer acknowledges nothing and tries again.
     */
    @Override
    public Uni<Void> cancel(List<PersistableOrder> refused) {
        return Multi.createFrom().iterable(refused)
                .onItem().transformToUniAndConcatenate(this::cancel)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> cancel(PersistableOrder refused) {
        UUID orderId = refused.order().id();
        return batches.insert(List.of(refused.storableCopy()))
                .chain(() -> pool.withTransaction(tx -> rows.lock(tx, orderId).chain(found -> {
                    OrderFacts order = found.orElseThrow();
                    if (order.status() != OrderStatus.PENDING_PAYMENT) {
                        return Uni.createFrom().item(Optional.<OrderFacts>empty()); // cancelled on an earlier try
                    }
                    return lifecycle.cancel(tx, order, OrderEvent.REJECT, OrderTransitions.Actor.system("order-writer"),
                            REASON, clock.instant()).replaceWith(Optional.of(order));
                })))
                .chain(cancelled -> cancelled.isEmpty() ? Uni.createFrom().voidItem()
                        : lifecycle.settleQuietly(cancelled.get(), true).replaceWithVoid())
                .invoke(() -> Log.warnf("Order %s was refused by PostgreSQL: recorded as cancelled, stock released",
                        orderId))
                .onFailure(SqlFailures::blamesTheRows).recoverWithUni(failure -> {
                    Log.errorf("Order %s cannot be recorded even as cancelled (%s); releasing its stock from the "
                            + "dead-letter entry", orderId, failure.getMessage());
                    OrderStock reserved = refused.reservedStock();
                    return stock.release(reserved, catalog.current().perUserLimit(reserved.campaignId()))
                            .replaceWithVoid();
                });
    }
}
