package io.flashorder.fulfilment;

import io.flashorder.events.EventType;
import io.flashorder.events.Outbox;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.lifecycle.OrderEvent;
import io.flashorder.order.lifecycle.OrderTransitions.Actor;
import io.flashorder.order.lifecycle.OrderTransitions;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.sql.Transactions;
import io.flashorder.points.PointsService;
import io.flashorder.settings.MerchantSettingsService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Receipt of a merchant order, confirmed by its buyer or automatically ({@link AutoConfirmJob}):
 * AWAITING_RECEIPT → COMPLETED, its after-sales window opened until completion + the merchant's after-sales days,
 * an OrderCompleted event, the buyer's member points. The order is COMPLETED when none of its merchant orders awaits shipment or receipt.
 */
@ApplicationScoped
public class ReceiptService {

    private final Pool pool;
    private final FulfilmentRepository repository;
    private final OrderTransitions transitions;
    private final Outbox outbox;
    private final MerchantSettingsService settings;
    private final FulfilmentConfig config;
    private final PointsService points;
    private final Clock clock;

    public ReceiptService(Pool pool, FulfilmentRepository repository, OrderTransitions transitions, Outbox outbox,
                          MerchantSettingsService settings, FulfilmentConfig config, PointsService points,
                          Clock clock) {
        this.points = points;
        this.pool = pool;
        this.repository = repository;
        this.transitions = transitions;
        this.outbox = outbox;
        this.settings = settings;
        this.config = config;
        this.clock = clock;
    }

    /** The buyer confirms receipt of one merchant order of its own order; anything else answers 404. */
    public Uni<ReceiptView> confirm(String buyerId, UUID orderId, UUID merchantOrderId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
        return Transactions.withStatementTimeout(pool, statementTimeout(), tx -> repository.lock(tx, merchantOrderId)
                .chain(found -> {
                    MerchantOrderRef ref = found
                            .filter(mo -> mo.orderId().equals(orderId) && mo.buyerId().equals(buyerId))
                            .orElseThrow(() -> ApiException.notFound("merchant-order", merchantOrderId));
                    return complete(tx, ref, OrderEvent.CONFIRM_RECEIPT, Actor.buyer(buyerId),
                            "receipt confirmed by the buyer", now);
                }));
    }

    /**
     * Confirms every merchant order whose auto-confirm time has passed, batch by batch. Each batch claims its rows
     * with FOR UPDATE SKIP LOCKED, so pods running this at the same time share the work and never do it twice.
     * Emits how many were confirmed.
     */
    public Uni<Integer> confirmDue() {
        int batchSize = config.autoConfirmBatchSize();
        return Multi.createBy().repeating().uni(this::confirmDueBatch)
                .whilst(confirmed -> confirmed == batchSize)
                .select().first(config.autoConfirmMaxBatches())
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> confirmDueBatch() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
        Actor actor = Actor.system("auto-confirm");
        return Transactions.withStatementTimeout(pool, statementTimeout(), tx -> repository.claimDue(tx, now,
                        config.autoConfirmBatchSize())
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(ref -> complete(tx, ref, OrderEvent.AUTO_CONFIRM, actor,
                                "no confirmation within the auto-confirm period", now))
                        .collect().asList()
                        .map(java.util.List::size)));
    }

    private Uni<ReceiptView> complete(SqlConnection tx, MerchantOrderRef ref, OrderEvent event, Actor actor,
                                      String reason, Instant now) {
        Instant closesAt = now.plus(Duration.ofDays(settings.afterSalesDays(ref.merchantId())));
        return transitions.moveMerchantOrder(tx, ref.orderId(), ref.id(), ref.status(), event, actor, reason, now,
                        "completed_at")
                .chain(won -> won ? repository.setAfterSalesClosesAt(tx, ref.id(), closesAt)
                        : Uni.createFrom().failure(Transitions.lost(ref)))
                .chain(() -> advanceOrder(tx, ref, event, actor, now))
                .call(() -> points.earn(tx, ref.orderId(), ref.id(), ref.buyerId(), now))
                .call(orderStatus -> outbox.append(tx, EventType.ORDER_COMPLETED, ref.orderId(), ref.merchantId(),
                        new FulfilmentEvents.Completed(ref.orderId(), ref.id(), ref.merchantId(), event.name(), now,
                                closesAt, orderStatus), now))
                .map(orderStatus -> new ReceiptView(ref.id(), ref.orderId(), OrderStatus.COMPLETED, now, closesAt,
                        closesAt.isAfter(now), orderStatus));
    }

    /** The order completes once none of its merchant orders awaits shipment or receipt. */
    private Uni<OrderStatus> advanceOrder(SqlConnection tx, MerchantOrderRef ref, OrderEvent event, Actor actor,
                                          Instant now) {
        return repository.openCounts(tx, ref.orderId()).chain(counts -> {
            if (counts.notDelivered() > 0) {
                return Uni.createFrom().item(ref.orderStatus());
            }
            return transitions.moveOrder(tx, ref.orderId(), OrderStatus.AWAITING_RECEIPT, event, actor,
                            "every merchant order completed", now, "completed_at")
                    .map(won -> won ? OrderStatus.COMPLETED : ref.orderStatus());
        });
    }

    private Duration statementTimeout() {
        return Duration.ofMillis(config.statementTimeoutMillis());
    }
}
