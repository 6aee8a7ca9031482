package io.flashorder.order.query;

import io.flashorder.order.MalformedOrderException;
import io.flashorder.order.OrderHolds;
import io.flashorder.order.StoredOrder;
import io.flashorder.platform.error.ApiException;
import io.flashorder.security.PiiCipher;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads orders for their buyers: PostgreSQL first, the Redis hold record while the writer has not caught up. */
@ApplicationScoped
public class OrderQueries {

    private final OrderRepository orders;
    private final OrderHolds holds;
    private final PiiCipher pii;

    public OrderQueries(OrderRepository orders, OrderHolds holds, PiiCipher pii) {
        this.orders = orders;
        this.holds = holds;
        this.pii = pii;
    }

    /**
     * The buyer's order. An order of another buyer answers the same 404 as an unknown id, revealing nothing. An
     * order just placed is answered from its hold (read-your-writes) until the writer has committed it; if
     * PostgreSQL cannot be read, the hold still answers, and only when neither can tell is the answer a 503.
     */
    public Uni<OrderView> get(String buyerId, UUID orderId) {
        return orders.find(orderId)
                .map(DatabaseAnswer::of)
                .onFailure().recoverWithItem(DatabaseAnswer::failed)
                .chain(answer -> answer.order()
                        .map(stored -> Uni.createFrom().item(stored))
                        .orElseGet(() -> fromHold(buyerId, orderId, answer.failure())))
                .map(stored -> {
                    if (!buyerId.equals(stored.order().buyerId())) {
                        throw notFound(orderId);
                    }
                    return OrderView.of(stored.order(), stored.allocations(), stored.status(), stored.progress(),
                            pii);
                });
    }

    /** The order as PostgreSQL has it, for features acting on its events (no buyer check: never for a request). */
    public Uni<Optional<StoredOrder>> stored(UUID orderId) {
        return orders.find(orderId);
    }

    /** What notices need of the orders PostgreSQL has among these, by id (no buyer check: never for a request). */
    public Uni<Map<UUID, OrderHeader>> headers(List<UUID> orderIds) {
        return orders.headers(orderIds);
    }

    /** The stored order, read inside the caller's transaction (the risk review scores it while payment commits). */
    public Uni<Optional<StoredOrder>> stored(SqlConnection tx, UUID orderId) {
        return orders.find(tx, orderId);
    }

    /**
     * The buyer's history before this order (paid orders, cancellations since), for the risk review: inside the
     * caller's transaction, so a payment stampede never waits for a second connection.
     */
    public Uni<BuyerStats> buyerStats(SqlConnection tx, String buyerId, UUID orderId) {
        return orders.buyerStats(tx, buyerId, orderId);
    }

    private Uni<StoredOrder> fromHold(String buyerId, UUID orderId, Throwable databaseFailure) {
        if (databaseFailure != null) {
            Log.warnf("Order %s: PostgreSQL not readable (%s); trying its hold", orderId, databaseFailure.toString());
        }
        return holds.find(orderId)
                .onFailure(failure -> !(failure instanceof MalformedOrderException)).transform(failure -> {
                    Log.warnf("Order %s: hold not readable (%s)", orderId, failure.toString());
                    return unavailable();
                })
                .chain(hold -> {
                    if (hold.isPresent() && !buyerId.equals(hold.get().userId())) {
                        throw notFound(orderId);
                    }
                    Optional<StoredOrder> order = hold.flatMap(OrderHolds.Hold::order);
                    if (order.isPresent()) {
                        return Uni.createFrom().item(order.get());
                    }
                    // Not found only when PostgreSQL positively said so; otherwise it may well be there.
                    if (databaseFailure != null) {
                        throw unavailable();
                    }
                    // A hold without its order: the writer committed it (and deleted the stream entry the hold
                    // names) since PostgreSQL was asked, so it is asked once more.
                    return hold.isEmpty() ? Uni.createFrom().<StoredOrder>failure(notFound(orderId))
                            : orders.find(orderId).onFailure().transform(failure -> unavailable())
                            .map(again -> again.orElseThrow(() -> notFound(orderId)));
                });
    }

    private static ApiException notFound(UUID orderId) {
        return ApiException.notFound("order", orderId);
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("orders-unavailable", "Orders cannot be read right now; retry shortly");
    }

    /** What PostgreSQL said: the order, no order, or a failure. */
    private record DatabaseAnswer(Optional<StoredOrder> order, Throwable failure) {

        static DatabaseAnswer of(Optional<StoredOrder> order) {
            return new DatabaseAnswer(order, null);
        }

        static DatabaseAnswer failed(Throwable failure) {
            return new DatabaseAnswer(Optional.empty(), failure);
        }
    }
}
