package io.flashorder.aftersale;

import io.flashorder.events.EventType;
import io.flashorder.events.Outbox;
import io.flashorder.order.lifecycle.MerchantOrderTimers;
import io.flashorder.order.lifecycle.OrderClosing;
import io.flashorder.order.lifecycle.OrderEvent;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.lifecycle.OrderTransitions;
import io.flashorder.order.lifecycle.OrderTransitions.Actor;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.Problem;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The moves every after-sales step shares, inside the caller's transaction (the order's row lock held): a guarded
 * case transition with its history row, the merchant order entering and leaving AFTER_SALE (or CLOSED once every
 * unit is refunded, the order with it once all its merchant orders are closed, and its coupons given back when
 * nothing had shipped), the merchant order's own timers paused meanwhile, the outbox event, the units a case puts
 * back into stock, and the refund a case starts.
 */
@ApplicationScoped
public class CaseTransitions {

    static final String OPENED = "OPEN";

    private final AfterSaleRepository repository;
    private final OrderTransitions transitions;
    private final Outbox outbox;
    private final AfterSaleSettingsRepository settings;
    private final Instance<ReleasedUnitsStep> releasedSteps;
    private final OrderClosing closing;
    private final MerchantOrderTimers timers;
    private final CouponReturns coupons;

    public CaseTransitions(AfterSaleRepository repository, OrderTransitions transitions, Outbox outbox,
                           AfterSaleSettingsRepository settings, Instance<ReleasedUnitsStep> releasedSteps,
                           OrderClosing closing, MerchantOrderTimers timers, CouponReturns coupons) {
        this.repository = repository;
        this.transitions = transitions;
        this.outbox = outbox;
        this.settings = settings;
        this.releasedSteps = releasedSteps;
        this.closing = closing;
        this.timers = timers;
        this.coupons = coupons;
    }

    /** A new case waits for review until its merchant's review deadline. */
    public Uni<Void> opened(SqlConnection tx, UUID caseId, UUID merchantId, Instant now) {
        return settings.timeouts(tx, merchantId).chain(timeouts -> repository.setDue(tx, caseId,
                timeouts.dueAt(AfterSaleStatus.PENDING_REVIEW, null, now)));
    }

    /** Approval (by the merchant, automatically, or by arbitration): refund-only cases start their refund. */
    public Uni<AfterSaleStatus> approve(SqlConnection tx, CaseRow found, AfterSaleEvent event, Actor actor,
                                               String reason, Instant now) {
        return transition(tx, found, event, actor, reason, null, now)
                .call(to -> event(tx, EventType.AFTER_SALE_APPROVED, found, to, event, actor, reason, now))
                .call(to -> to != AfterSaleStatus.PENDING_REFUND ? Uni.createFrom().voidItem()
                        : (found.beforeShipment() ? releaseUnits(tx, found, now) : Uni.createFrom().voidItem())
                        .chain(() -> startRefund(tx, found, now)));
    }

    /** The case waits for its money: one refund row (online, or offline for cash on delivery), due at once. */
    public Uni<Void> startRefund(SqlConnection tx, CaseRow found, Instant now) {
        return repository.merchantOrder(tx, found.merchantOrderId()).map(mo -> mo.orElseThrow())
                .chain(mo -> repository.insertRefund(tx, found, mo.cashOnDelivery(), now));
    }

    /** Records the case's units as going back to the warehouses they were allocated from. */
    public Uni<Void> returnUnits(SqlConnection tx, CaseRow found, Instant now) {
        return recordReturn(tx, found, now).replaceWithVoid();
    }

    /** Before shipment: the units go back to stock, and the steps of other features learn which (same transaction). */
    private Uni<Void> releaseUnits(SqlConnection tx, CaseRow found, Instant now) {
        return recordReturn(tx, found, now).chain(returns -> {
            List<ReleasedUnitsStep.ReleasedUnits> released = returns.stream().map(r ->
                    new ReleasedUnitsStep.ReleasedUnits(r.lineId(), r.warehouseId(), r.quantity())).toList();
            return Multi.createFrom().iterable(releasedSteps)
                    .onItem().transformToUniAndConcatenate(step -> step.released(tx, found.merchantOrderId(),
                            released, now))
                    .collect().last().replaceWithVoid();
        });
    }

    private Uni<List<AfterSaleRepository.StockReturn>> recordReturn(SqlConnection tx, CaseRow found, Instant now) {
        Map<UUID, AfterSaleRepository.LineUnits> units = new LinkedHashMap<>();
        found.lines().forEach(line -> units.put(line.lineId(),
                new AfterSaleRepository.LineUnits(line.skuId(), line.quantity())));
        return repository.allocateReturn(tx, units)
                .call(returns -> repository.insertStockReturn(tx, found.id(), returns, now));
    }

    /**
     * One guarded move of the case with its history row; the merchant order follows when the case stops (or
     * starts again) being open. Emits the status reached.
     */
    public Uni<AfterSaleStatus> transition(SqlConnection tx, CaseRow found, AfterSaleEvent event, Actor actor,
                                            String reason, String decisionReason, Instant now) {
        AfterSaleStatus to = AfterSaleStateMachine.next(found.type(), found.status(), event)
                .orElseThrow(() -> illegal(found, event));
        return repository.move(tx, found, to, decisionReason, event == AfterSaleEvent.DISPUTE, now)
                .chain(won -> {
                    if (!won) {
                        return Uni.createFrom().failure(ApiException.conflict("transition-lost", "Case " + found.id()
                                + " was changed by someone else; reload it", Map.of("caseId", found.id())));
                    }
                    return repository.recordTransition(tx, found.id(), event.name(), found.status().name(), to,
                            actor.name(), reason, now)
                            .chain(() -> settings.timeouts(tx, found.merchantId()))
                            .chain(timeouts -> repository.setDue(tx, found.id(), timeouts.dueAt(to, event, now)));
                })
                .chain(() -> {
                    if (found.status().isOpen() && !to.isOpen()) {
                        return leaveAfterSale(tx, found.merchantOrderId(), actor, now);
                    }
                    if (!found.status().isOpen() && to.isOpen()) {
                        return enterAfterSale(tx, found.merchantOrderId(), actor, "after-sale case " + found.id()
                                + " disputed", now);
                    }
                    return Uni.createFrom().voidItem();
                })
                .replaceWith(to);
    }

    public Uni<Void> enterAfterSale(SqlConnection tx, UUID merchantOrderId, Actor actor, String reason, Instant now) {
        return repository.merchantOrder(tx, merchantOrderId).map(found -> found.orElseThrow()).chain(mo -> {
            if (mo.status() == OrderStatus.AFTER_SALE) {
                return Uni.createFrom().voidItem();
            }
            return transitions.moveMerchantOrder(tx, mo.orderId(), mo.id(), mo.status(), OrderEvent.OPEN_AFTER_SALE,
                    actor, reason, now, null).chain(won -> won ? timers.pause(tx, mo.id(), now)
                    : Uni.createFrom().failure(ApiException.conflict("transition-lost", "Merchant order " + mo.id()
                            + " was changed by someone else; retry", Map.of("merchantOrderId", mo.id()))));
        });
    }

    /** The last open case ended: back to where the merchant order was, or CLOSED when every unit is refunded. */
    private Uni<Void> leaveAfterSale(SqlConnection tx, UUID merchantOrderId, Actor actor, Instant now) {
        return repository.openCases(tx, merchantOrderId).chain(open -> open > 0 ? Uni.createFrom().voidItem()
                : repository.merchantOrder(tx, merchantOrderId).map(found -> found.orElseThrow()).chain(mo -> {
                    if (mo.status() != OrderStatus.AFTER_SALE) {
                        return Uni.createFrom().voidItem();
                    }
                    return repository.lines(tx, merchantOrderId).chain(lines -> {
                        boolean allRefunded = lines.stream().allMatch(line -> line.refunded() == line.bought());
                        if (allRefunded) {
                            return closing.closeMerchantOrder(tx, mo.orderId(), mo.id(), mo.merchantId(),
                                            OrderStatus.AFTER_SALE, OrderEvent.CLOSE, actor, "every unit refunded", now)
                                    .chain(orderClosed -> orderClosed ? coupons.record(tx, mo.orderId(), now)
                                            : Uni.createFrom().voidItem());
                        }
                        OrderStatus back = mo.statusWithoutAfterSale();
                        return transitions.moveMerchantOrder(tx, mo.orderId(), mo.id(), OrderStatus.AFTER_SALE,
                                resumeEvent(back), actor, "no after-sale case open any more", now, null)
                                .chain(won -> won ? timers.resume(tx, mo.id(), now) : Uni.createFrom().voidItem());
                    });
                }));
    }

    public Uni<Void> event(SqlConnection tx, EventType type, CaseRow found, AfterSaleStatus status,
                            AfterSaleEvent event, Actor actor, String reason, Instant now) {
        return outbox.append(tx, type, found.orderId(), found.merchantId(), AfterSaleEvents.CaseChanged.of(found,
                status, event == null ? OPENED : event.name(), actor.name(), reason, now), now).replaceWithVoid();
    }

    private static OrderEvent resumeEvent(OrderStatus back) {
        return switch (back) {
            case AWAITING_SHIPMENT -> OrderEvent.RESUME_AFTER_SALE_TO_SHIPMENT;
            case AWAITING_RECEIPT -> OrderEvent.RESUME_AFTER_SALE_TO_RECEIPT;
            default -> OrderEvent.RESUME_AFTER_SALE_TO_COMPLETED;
        };
    }

    private static ApiException illegal(CaseRow found, AfterSaleEvent event) {
        return new ApiException(Problem.of(409, "illegal-transition", "Conflict", "A " + found.type() + " case in "
                        + "status " + found.status() + " cannot " + event.name().toLowerCase().replace('_', ' '))
                .withExtensions(Map.of("currentStatus", found.status().name(), "event", event.name())));
    }
}
