package io.flashorder.order.writer;

import io.flashorder.order.OrderHolds;
import io.flashorder.order.StoredOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Makes sure PostgreSQL has an order before the lifecycle moves it: a payment or a cancellation may arrive before
 * the writer has caught up. The order is then written from its hold with the writer's own idempotent insert
 * (ON CONFLICT DO NOTHING), so the writer's later insert of the same order changes nothing.
 */
@ApplicationScoped
public class OrderPersistence {

    private final Pool pool;
    private final OrderHolds holds;
    private final OrderBatchRepository batches;
    private final OrderPlacedAnnouncer announcer;
    private final Clock clock;

    public OrderPersistence(Pool pool, OrderHolds holds, OrderBatchRepository batches, OrderPlacedAnnouncer announcer,
                            Clock clock) {
        this.pool = pool;
        this.holds = holds;
        this.batches = batches;
        this.announcer = announcer;
        this.clock = clock;
    }

    /** Emits true when PostgreSQL has the order (now), false when neither PostgreSQL nor Redis knows it. */
    public Uni<Boolean> ensurePersisted(UUID orderId) {
        return inDatabase(orderId)
                .chain(found -> found ? Uni.createFrom().item(true)
                        : holds.find(orderId).chain(hold -> {
                            if (hold.isEmpty()) {
                                return Uni.createFrom().item(false);
                            }
                            if (hold.get().order().isEmpty()) {
                                // The writer committed it (and deleted the entry its hold names) meanwhile.
                                return inDatabase(orderId);
                            }
                            StoredOrder order = hold.get().order().get();
                            // Announced here, so OrderPlaced comes before the events of the payment that follows.
                            PersistableOrder persistable = PersistableOrder.of(hold.get().slot(), order.order(), order.allocations());
                            return batches.insert(List.of(persistable))
                                    .call(() -> announcer.announce(persistable, clock.instant()))
                                    .replaceWith(true);
                        }));
    }

    private Uni<Boolean> inDatabase(UUID orderId) {
        return pool.preparedQuery("SELECT 1 FROM customer_order WHERE id = $1").execute(Tuple.of(orderId))
                .map(rows -> rows.size() > 0);
    }
}
