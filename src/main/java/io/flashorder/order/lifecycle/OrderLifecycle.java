package io.flashorder.order.lifecycle;

import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.events.EventType;
import io.flashorder.events.Outbox;
import io.flashorder.inventory.OrderStock;
import io.flashorder.inventory.OrderStockService;
import io.flashorder.inventory.StockSettlement;
import io.flashorder.platform.error.ApiException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The order's lifecycle up to payment: pay, confirm cash on delivery, cancel, expire, and keeping Redis in step.
 * PostgreSQL decides (a guarded transition under the order's row lock, with its outbox events, in one transaction);
 * Redis follows after the commit with one idempotent script, and {@code stock_settled_at} records that it did. If
 * Redis is not reached, the settlement timer runs the script again later.
 */
@ApplicationScoped
public class OrderLifecycle {

    public static final String PAYMENT_DUE_ON_DELIVERY = "payment due on delivery";

    private final Pool pool;
    private final OrderLifecycleRepository repository;
    private final OrderTransitions transitions;
    private final OrderStockService stock;
    private final CatalogSnapshotService catalog;
    private final Outbox outbox;
    private final Instance<PaidOrderStep> paidSteps;
    private final Instance<BuyerCancellationStep> cancellationSteps;
    private final Clock clock;

    public OrderLifecycle(Pool pool, OrderLifecycleRepository repository, OrderTransitions transitions,
                          OrderStockService stock, CatalogSnapshotService catalog, Outbox outbox,
                          Instance<PaidOrderStep> paidSteps, Instance<BuyerCancellationStep> cancellationSteps,
                          Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.transitions = transitions;
        this.stock = stock;
        this.catalog = catalog;
        this.outbox = outbox;
        this.paidSteps = paidSteps;
        this.cancellationSteps = cancellationSteps;
        this.clock = clock;
    }

    /** Pays the locked order ({@code PAY} from pending, {@code REVIVE_LATE_PAYMENT} from cancelled), with OrderPaid. */
    public Uni<Void> pay(SqlConnection tx, OrderFacts order, OrderEvent event, OrderTransitions.Actor actor,
                         String reason, String paymentReference, Instant at) {
        String via = event == OrderEvent.REVIVE_LATE_PAYMENT ? "LATE_PAYMENT" : "PAYMENT";
        return move(tx, order, event, actor, reason, at, "paid_at")
                .chain(() -> eventPerMerchantOrder(tx, order, EventType.ORDER_PAID, at,
                        part -> new LifecycleEvents.OrderPaid(order.id(), part.id(), part.merchantId(), part.payable(),
                                order.currency(), via, false, paymentReference, at)))
                .chain(() -> runPaidSteps(tx, order, at));
    }

    /** Cancels the locked order ({@code CANCEL} by its buyer, {@code EXPIRE} at the deadline), with OrderCancelled. */
    public Uni<Void> cancel(SqlConnection tx, OrderFacts order, OrderEvent event, OrderTransitions.Actor actor,
                            String reason, Instant at) {
        return move(tx, order, event, actor, reason, at, "cancelled_at")
                .chain(() -> eventPerMerchantOrder(tx, order, EventType.ORDER_CANCELLED, at,
                        part -> new LifecycleEvents.OrderCancelled(order.id(), part.id(), part.merchantId(),
                                actor.name(), reason, at)));
    }

    /** A cash-on-delivery order goes to shipment at once, flagged: payment is due on delivery. */
    public Uni<Void> confirmCashOnDelivery(SqlConnection tx, OrderFacts order, Instant at) {
        return move(tx, order, OrderEvent.CONFIRM_COD, OrderTransitions.Actor.system("cod-confirmation"),
                PAYMENT_DUE_ON_DELIVERY, at, null)
                .chain(() -> repository.markPaymentDueOnDelivery(tx, order.id()))
                .chain(() -> eventPerMerchantOrder(tx, order, EventType.ORDER_PAID, at,
                        part -> new LifecycleEvents.OrderPaid(order.id(), part.id(), part.merchantId(), part.payable(),
                                order.currency(), "CASH_ON_DELIVERY", true, null, at)))
                .chain(() -> runPaidSteps(tx, order, at));
    }

    private Uni<Void> runPaidSteps(SqlConnection tx, OrderFacts order, Instant at) {
        return Multi.createFrom().iterable(paidSteps)
                .onItem().transformToUniAndConcatenate(step -> step.paid(tx, order.id(), at))
                .collect().last().replaceWithVoid();
    }

    /** Each merchant receives its own event about the order (routed to its webhook by the merchant id). */
    private Uni<Void> eventPerMerchantOrder(SqlConnection tx, OrderFacts order, EventType type, Instant at,
                                            Function<OrderFacts.Part, Object> payload) {
        return Multi.createFrom().iterable(order.merchantOrders())
                .onItem().transformToUniAndConcatenate(part -> outbox.append(tx, type, order.id(), part.merchantId(),
                        payload.apply(part), at))
                .collect().last().replaceWithVoid();
    }

    /** The buyer cancels its own order while it waits for payment. */
    public Uni<Void> cancelByBuyer(String buyerId, UUID orderId, String reason) {
        Instant at = clock.instant();
        return pool.withTransaction(tx -> repository.lock(tx, orderId).chain(found -> {
                    OrderFacts order = found.orElseThrow(() -> ApiException.notFound("order", orderId));
                    if (!order.buyerId().equals(buyerId)) {
                        throw ApiException.notFound("order", orderId);
                    }
                    return cancel(tx, order, OrderEvent.CANCEL, OrderTransitions.Actor.buyer(buyerId),
                            reason == null || reason.isBlank() ? "cancelled by the buyer" : reason.strip(), at)
                            .replaceWith(order);
                }))
                .call(order -> settleQuietly(order, true))
                .chain(order -> runCancellationSteps(buyerId, orderId, at));
    }

    private Uni<Void> runCancellationSteps(String buyerId, UUID orderId, Instant at) {
        return Multi.createFrom().iterable(cancellationSteps)
                .onItem().transformToUniAndConcatenate(step -> step.cancelledByBuyer(buyerId, orderId, at)
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("Order %s: cancellation step %s failed (%s)", orderId,
                                    step.getClass().getSimpleName(), failure.toString());
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }

    /** One batch of the deadline timer: expires what is due, then gives the stock back. Emits how many expired. */
    public Uni<Integer> expireDue(int batchSize) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> repository.claimExpired(tx, now, batchSize)
                        .chain(ids -> Multi.createFrom().iterable(ids)
                                .onItem().transformToUniAndConcatenate(id -> repository.read(tx, id).chain(found -> {
                                    OrderFacts order = found.orElseThrow();
                                    return cancel(tx, order, OrderEvent.EXPIRE,
                                            OrderTransitions.Actor.system("payment-deadline"),
                                            "the payment deadline passed", now)
                                            .replaceWith(order);
                                }))
                                .collect().asList()))
                .chain(expired -> Multi.createFrom().iterable(expired)
                        .onItem().transformToUniAndConcatenate(order -> settleQuietly(order, true))
                        .collect().asList().replaceWith(expired.size()));
    }

    /** One batch of COD confirmations. Emits how many were confirmed. */
    public Uni<Integer> confirmPendingCashOnDelivery(int batchSize) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> repository.claimCodPending(tx, batchSize)
                        .chain(ids -> Multi.createFrom().iterable(ids)
                                .onItem().transformToUniAndConcatenate(id -> repository.read(tx, id).chain(found ->
                                        confirmCashOnDelivery(tx, found.orElseThrow(), now).replaceWith(found.get())))
                                .collect().asList()))
                .chain(confirmed -> Multi.createFrom().iterable(confirmed)
                        .onItem().transformToUniAndConcatenate(order -> settleQuietly(order, false))
                        .collect().asList().replaceWith(confirmed.size()));
    }

    /**
     * Heals what a crash left behind: orders PostgreSQL moved at least {@code grace} ago whose Redis step never ran.
     * Each is claimed under its row lock while its script runs, so two pods never settle the same order at once.
     */
    public Uni<Integer> settleForgotten(java.time.Duration grace, int batchSize) {
        Instant before = clock.instant().minus(grace);
        return pool.withTransaction(tx -> repository.claimUnsettled(tx, before, batchSize)
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> repository.read(tx, id)
                                .chain(found -> settle(tx, found.orElseThrow(), releases(found.get())))
                                .invoke(outcome -> Log.infof("Order %s settled by the timer: %s", id, outcome)))
                        .collect().asList().map(List::size)));
    }

    /**
     * After the commit: Redis follows PostgreSQL (the units given back when {@code release}, else sold). A failure
     * is logged; the settlement timer will heal it.
     */
    public Uni<StockSettlement> settleQuietly(OrderFacts order, boolean release) {
        return pool.withConnection(connection -> settle(connection, order, release))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Order %s: Redis not settled yet (%s); the settlement timer will retry", order.id(),
                            failure.toString());
                    return null;
                });
    }

    /** A cancelled order that no payment revived gives its units back; any other decided order has sold them. */
    private static boolean releases(OrderFacts order) {
        return order.cancelledAt() != null && order.paidAt() == null;
    }

    private Uni<StockSettlement> settle(SqlClient client, OrderFacts order, boolean release) {
        return repository.stock(client, order).chain(reserved -> run(release, reserved)).call(outcome -> {
            if (outcome == StockSettlement.ALREADY_RELEASED) {
                // A paid order whose units were given back: PostgreSQL and Redis disagree. Loud, and left unsettled.
                Log.errorf("Order %s is %s but its stock was released in Redis", order.id(), order.status());
                return Uni.createFrom().voidItem();
            }
            if (outcome == StockSettlement.SHORT) {
                // Left unsettled: once the reconciliation has repaired the counters, the timer runs it again.
                return Uni.createFrom().voidItem();
            }
            // MISSING is settled too: without a hold no run can ever move the units; the counters are the
            // reconciliation's (and recovery's) to make agree with what PostgreSQL now says.
            return repository.markSettled(client, order.id(), clock.instant());
        });
    }

    private Uni<StockSettlement> run(boolean release, OrderStock reserved) {
        int perUserLimit = catalog.current().perUserLimit(reserved.campaignId());
        return release ? stock.release(reserved, perUserLimit) : stock.commit(reserved, perUserLimit);
    }

    private Uni<Void> move(SqlConnection tx, OrderFacts order, OrderEvent event, OrderTransitions.Actor actor,
                           String reason, Instant at, String timestampColumn) {
        return transitions.moveOrder(tx, order.id(), order.status(), event, actor, reason, at, timestampColumn)
                .invoke(won -> {
                    if (!won) {
                        // Only without the row lock; every caller holds it, so this is a bug or a manual change.
                        throw ApiException.conflict("order-changed", "Order " + order.id() + " changed meanwhile; retry");
                    }
                })
                .replaceWithVoid();
    }
}
