package io.flashorder.aftersale.timers;

import io.flashorder.aftersale.AfterSaleConfig;
import io.flashorder.aftersale.AfterSaleEvent;
import io.flashorder.aftersale.AfterSaleRepository;
import io.flashorder.aftersale.AfterSaleType;
import io.flashorder.aftersale.CaseActions;
import io.flashorder.aftersale.CaseRow;
import io.flashorder.aftersale.CaseTransitions;
import io.flashorder.events.EventType;
import io.flashorder.order.lifecycle.OrderClosing;
import io.flashorder.order.lifecycle.OrderEvent;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.lifecycle.OrderTransitions.Actor;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * After-sales deadlines, by the injected clock, batch by batch: each batch claims its rows' orders with
 * {@code FOR UPDATE SKIP LOCKED}, so pods running this at once share the work and never do it twice, and a buyer or
 * merchant acting on the same case at that moment either waits or is skipped. What a due case becomes depends on
 * where it waits: review → approved; goods not shipped back → closed; shipped back, not received → refunded
 * (returns); replacement not confirmed → succeeded; rejection not disputed → closed. Completed merchant orders
 * whose after-sales window ended are closed (交易关闭), and their order with them when nothing else of it is open.
 */
@ApplicationScoped
public class AfterSaleTimers {

    private final AfterSaleRepository repository;
    private final CaseTransitions moves;
    private final CaseActions actions;
    private final OrderClosing closing;
    private final AfterSaleConfig config;

    public AfterSaleTimers(AfterSaleRepository repository, CaseTransitions moves, CaseActions actions,
                           OrderClosing closing, AfterSaleConfig config) {
        this.repository = repository;
        this.moves = moves;
        this.actions = actions;
        this.closing = closing;
        this.config = config;
    }

    /** Acts on every case whose deadline passed; emits how many. */
    public Uni<Integer> runDeadlines() {
        return batches(this::deadlineBatch);
    }

    /** Closes every completed merchant order whose after-sales window ended; emits how many. */
    public Uni<Integer> closeEndedWindows() {
        return batches(this::windowBatch);
    }

    private Uni<Integer> batches(java.util.function.Supplier<Uni<Integer>> batch) {
        int size = config.batchSize();
        return Multi.createBy().repeating().uni(batch::get).whilst(done -> done == size)
                .select().first(20)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> deadlineBatch() {
        Instant now = actions.now();
        return actions.inTransaction(tx -> repository.claimDue(tx, now, config.batchSize())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> repository.find(tx, id)
                                .chain(found -> due(tx, found.orElseThrow(), now)).replaceWith(id))
                        .collect().asList().map(List::size)));
    }

    private Uni<Void> due(SqlConnection tx, CaseRow found, Instant now) {
        return switch (found.status()) {
            case PENDING_REVIEW -> moves.approve(tx, found, AfterSaleEvent.AUTO_APPROVE, Actor.system("review-timeout"),
                    "not reviewed in time: approved automatically", now).replaceWithVoid();
            case AWAITING_RETURN -> {
                if (found.returnShippedAt() == null) {
                    yield close(tx, found, "the goods were not shipped back in time", now);
                }
                if (found.type() == AfterSaleType.RETURN_REFUND) {
                    Actor actor = Actor.system("receipt-timeout");
                    yield moves.transition(tx, found, AfterSaleEvent.START_REFUND, actor,
                                    "the goods were not received in time: refunded", null, now)
                            .call(() -> moves.startRefund(tx, found, now)).replaceWithVoid();
                }
                yield repository.setDue(tx, found.id(), null); // an exchange waits for the merchant's receipt
            }
            case EXCHANGE_SHIPPING -> {
                Actor actor = Actor.system("exchange-confirm");
                String reason = "the replacement was not confirmed in time: received";
                yield moves.transition(tx, found, AfterSaleEvent.CONFIRM_EXCHANGE, actor, reason, null, now)
                        .call(to -> moves.event(tx, EventType.AFTER_SALE_SUCCEEDED, found, to,
                                AfterSaleEvent.CONFIRM_EXCHANGE, actor, reason, now)).replaceWithVoid();
            }
            case REJECTED -> close(tx, found, "the rejection was not disputed in time", now);
            default -> repository.setDue(tx, found.id(), null);
        };
    }

    private Uni<Void> close(SqlConnection tx, CaseRow found, String reason, Instant now) {
        Actor actor = Actor.system("after-sale-deadline");
        return moves.transition(tx, found, AfterSaleEvent.CLOSE, actor, reason, null, now)
                .call(to -> moves.event(tx, EventType.AFTER_SALE_CLOSED, found, to, AfterSaleEvent.CLOSE, actor,
                        reason, now)).replaceWithVoid();
    }

    private Uni<Integer> windowBatch() {
        Instant now = actions.now();
        Actor actor = Actor.system("after-sales-window");
        return actions.inTransaction(tx -> repository.claimWindowEnded(tx, now, config.batchSize())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> closeWindow(tx, id, actor, now).replaceWith(id))
                        .collect().asList().map(List::size)));
    }

    private Uni<Void> closeWindow(SqlConnection tx, UUID merchantOrderId, Actor actor, Instant now) {
        return repository.merchantOrder(tx, merchantOrderId).map(found -> found.orElseThrow())
                .chain(mo -> closing.closeMerchantOrder(tx, mo.orderId(), mo.id(), mo.merchantId(),
                        OrderStatus.COMPLETED, OrderEvent.CLOSE_AFTER_SALES_WINDOW, actor,
                        "the after-sales window ended", now))
                .replaceWithVoid();
    }
}
