package io.flashorder.aftersale;

import io.flashorder.events.EventType;
import io.flashorder.events.Outbox;
import io.flashorder.order.OrderEvent;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.OrderTransitions;
import io.flashorder.order.OrderTransitions.Actor;
import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.Problem;
import io.flashorder.platform.error.UniqueViolations;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * After-sale cases: opened by buyers, reviewed by merchants, each move a guarded transition with its history and an
 * outbox event, in one transaction under the order's row lock. While a merchant order has an open case it is
 * AFTER_SALE; when the last one ends it goes back where it was, or to CLOSED once every unit is refunded.
 * Units a case frees (refund-only before shipment, a refused parcel) go back to available stock: recorded in
 * PostgreSQL in the transaction, moved in Redis right after it by an idempotent script (and by
 * {@link AfterSaleJobs} if that failed).
 */
@ApplicationScoped
public class AfterSaleService {

    /** Merchant order statuses a case may be opened in. */
    private static final Set<OrderStatus> OPENABLE = EnumSet.of(OrderStatus.AWAITING_SHIPMENT,
            OrderStatus.AWAITING_RECEIPT, OrderStatus.COMPLETED, OrderStatus.AFTER_SALE);
    private static final String OPENED = "OPEN";
    private static final String NEW = "NEW";

    private final Pool pool;
    private final AfterSaleRepository repository;
    private final OrderTransitions transitions;
    private final Outbox outbox;
    private final ReturnedStock stock;
    private final AfterSaleConfig config;
    private final Clock clock;

    public AfterSaleService(Pool pool, AfterSaleRepository repository, OrderTransitions transitions, Outbox outbox,
                            ReturnedStock stock, AfterSaleConfig config, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.transitions = transitions;
        this.outbox = outbox;
        this.stock = stock;
        this.config = config;
        this.clock = clock;
    }

    /** A line and units of it (for {@link #refundReturnedParcel}). */
    public record ReturnedLine(UUID lineId, int quantity) {
    }

    // ---------------------------------------------------------------------------------------------------- buyer

    /**
     * Opens a case on one of the buyer's merchant orders. Refund-only before shipment is approved at once and its
     * units go back to available stock.
     */
    public Uni<CaseView> open(String buyerId, OpenCaseRequest request) {
        CaseRequests.checkShape(request);
        Instant now = now();
        UUID caseId = Ids.newId();
        Actor actor = Actor.buyer(buyerId);
        return pool.withTransaction(tx -> statementTimeout(tx)
                        .chain(() -> repository.lockOrderOfMerchantOrder(tx, request.merchantOrderId()))
                        .chain(() -> repository.merchantOrder(tx, request.merchantOrderId()))
                        .chain(found -> {
                            MerchantOrderFacts mo = found.filter(m -> m.buyerId().equals(buyerId))
                                    .orElseThrow(() -> ApiException.notFound("merchant-order",
                                            request.merchantOrderId()));
                            checkOpenable(mo, request.type(), now);
                            return repository.lines(tx, mo.id()).chain(lines ->
                                    openLocked(tx, caseId, mo, lines, request, actor, now));
                        }))
                .onFailure(UniqueViolations::is).transform(e -> CaseRequests.lineHeld(null))
                .call(() -> applyStockReturn(caseId))
                .chain(() -> view(caseId));
    }

    public Uni<CaseView> buyerCase(String buyerId, UUID caseId) {
        return visible(caseId, found -> found.buyerId().equals(buyerId)).map(CaseRow::view);
    }

    public Uni<CaseHistoryView> buyerHistory(String buyerId, UUID caseId) {
        return history(caseId, found -> found.buyerId().equals(buyerId));
    }

    public Uni<Page<CaseView>> buyerCases(String buyerId, String status, PageRequest page) {
        AfterSaleStatus filter = parseStatus(status);
        return pool.withConnection(c -> repository.buyerCases(c, buyerId, filter, page))
                .map(rows -> Page.of(rows, page, CaseRow::id, CaseRow::view));
    }

    /** The buyer withdraws its case: before review, after a rejection, or before shipping the goods back. */
    public Uni<CaseView> withdraw(String buyerId, UUID caseId) {
        Actor actor = Actor.buyer(buyerId);
        return act(caseId, found -> found.buyerId().equals(buyerId), (tx, found, now) -> {
            if (found.returnShippedAt() != null) {
                throw ApiException.conflict("return-already-shipped",
                        "The goods are on their way back; the merchant finishes the case");
            }
            return transition(tx, found, AfterSaleEvent.WITHDRAW, actor, "withdrawn by the buyer", null, now)
                    .call(to -> event(tx, EventType.AFTER_SALE_CLOSED, found, to, AfterSaleEvent.WITHDRAW, actor,
                            "withdrawn by the buyer", now));
        });
    }

    // ------------------------------------------------------------------------------------------------- merchant

    public Uni<CaseView> merchantCase(UUID merchantId, UUID caseId) {
        return visible(caseId, found -> found.merchantId().equals(merchantId)).map(CaseRow::view);
    }

    public Uni<CaseHistoryView> merchantHistory(UUID merchantId, UUID caseId) {
        return history(caseId, found -> found.merchantId().equals(merchantId));
    }

    public Uni<MerchantCaseList> merchantCases(UUID merchantId, String status, PageRequest page) {
        AfterSaleStatus filter = parseStatus(status);
        return pool.withConnection(c -> repository.merchantCases(c, merchantId, filter, page)
                .chain(rows -> repository.counts(c, merchantId).map(counts -> {
                    Page<CaseView> shown = Page.of(rows, page, CaseRow::id, CaseRow::view);
                    return new MerchantCaseList(shown.items(), shown.nextCursor(), counts);
                })));
    }

    /** Approves a case under review: a refund-only case waits for its refund, the others for the goods. */
    public Uni<CaseView> approve(UUID merchantId, UUID caseId) {
        Actor actor = Actor.merchant(merchantId);
        return act(caseId, found -> found.merchantId().equals(merchantId), (tx, found, now) ->
                approveLocked(tx, found, AfterSaleEvent.APPROVE, actor, "approved by the merchant", now));
    }

    /** Refuses a case under review, with the merchant's reason (the buyer may dispute it once). */
    public Uni<CaseView> reject(UUID merchantId, UUID caseId, DecisionRequest request) {
        Actor actor = Actor.merchant(merchantId);
        String reason = request.reason().strip();
        return act(caseId, found -> found.merchantId().equals(merchantId), (tx, found, now) ->
                transition(tx, found, AfterSaleEvent.REJECT, actor, reason, reason, now)
                        .call(to -> event(tx, EventType.AFTER_SALE_REJECTED, found, to, AfterSaleEvent.REJECT, actor,
                                reason, now)));
    }

    // ------------------------------------------------------------------------------------------------ logistics

    /**
     * The entry point for a parcel that came back to the merchant (refused by the buyer or returned to sender):
     * opens a return-and-refund case for {@code lines} (empty: every unit not refunded yet), approved and received
     * at once, its units put back into the warehouses they were allocated from, and its refund started (the case
     * waits in PENDING_REFUND until the refund is confirmed). The merchant order must have shipped. Refused like
     * a buyer's request when a line is in another open case (409) or has fewer units left (422).
     */
    public Uni<CaseView> refundReturnedParcel(UUID merchantOrderId, List<ReturnedLine> lines, String reason) {
        Instant now = now();
        UUID caseId = Ids.newId();
        Actor actor = Actor.system("logistics");
        String why = reason == null || reason.isBlank() ? "parcel returned to the merchant"
                : reason.strip().substring(0, Math.min(500, reason.strip().length()));
        return pool.withTransaction(tx -> statementTimeout(tx)
                        .chain(() -> repository.lockOrderOfMerchantOrder(tx, merchantOrderId))
                        .chain(() -> repository.merchantOrder(tx, merchantOrderId))
                        .chain(found -> {
                            MerchantOrderFacts mo = found.orElseThrow(() ->
                                    ApiException.notFound("merchant-order", merchantOrderId));
                            checkOpenable(mo, AfterSaleType.RETURN_REFUND, null);
                            return repository.lines(tx, mo.id()).chain(facts -> {
                                OpenCaseRequest request = parcelRequest(mo, facts, lines, why);
                                return openLocked(tx, caseId, mo, facts, request, actor, now)
                                        .chain(() -> repository.find(tx, caseId)).map(row -> row.orElseThrow())
                                        .chain(opened -> approveLocked(tx, opened, AfterSaleEvent.AUTO_APPROVE, actor,
                                                why, now))
                                        .chain(() -> repository.find(tx, caseId)).map(row -> row.orElseThrow())
                                        .chain(approved -> transition(tx, approved, AfterSaleEvent.RECEIVE_RETURN,
                                                actor, why, null, now)
                                                .call(to -> returnUnits(tx, approved, now))
                                                .call(to -> event(tx, EventType.AFTER_SALE_RETURN_RECEIVED, approved,
                                                        to, AfterSaleEvent.RECEIVE_RETURN, actor, why, now)))
                                        .chain(() -> repository.find(tx, caseId)).map(row -> row.orElseThrow())
                                        .chain(received -> transition(tx, received, AfterSaleEvent.START_REFUND,
                                                actor, why, null, now)
                                                .call(to -> repository.insertRefund(tx, received, mo.cashOnDelivery(),
                                                        now)));
                            });
                        }))
                .onFailure(UniqueViolations::is).transform(e -> CaseRequests.lineHeld(null))
                .call(() -> applyStockReturn(caseId))
                .chain(() -> view(caseId));
    }

    // ----------------------------------------------------------------------------------------------- stock jobs

    /**
     * Runs the Redis step of every stock return recorded more than the grace period ago and not applied yet (its
     * request failed after the commit, or the order's own stock step had not run then). Emits how many cases.
     */
    public Uni<Integer> applyDueStockReturns() {
        Instant before = now().minus(config.stockReturnGrace());
        return pool.withConnection(c -> repository.dueStockReturns(c, before, config.batchSize()))
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(this::applyStockReturn)
                        .collect().asList().map(List::size));
    }

    /** Moves a case's recorded units in Redis once the order's own stock step has run; failures wait for the job. */
    Uni<Void> applyStockReturn(UUID caseId) {
        return pool.withConnection(c -> repository.orderStockSettled(c, caseId)
                        .chain(settled -> settled ? repository.unappliedReturn(c, caseId)
                                : Uni.createFrom().item(List.<ReturnedStock.Units>of()))
                        .chain(units -> units.isEmpty() ? Uni.createFrom().voidItem()
                                : stock.giveBack(caseId, units).chain(outcome -> outcome == ReturnedStock.Outcome.SHORT
                                        ? Uni.createFrom().voidItem()
                                        : repository.markReturnApplied(c, caseId, now()))))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("Case %s: its units go back to Redis later (%s)", caseId, failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    // ---------------------------------------------------------------------------------------------- internals

    private interface LockedAction {
        Uni<?> apply(SqlConnection tx, CaseRow found, Instant now);
    }

    /** Locks the case's order, checks who may act on it (else 404), acts, and answers the case as it is after. */
    private Uni<CaseView> act(UUID caseId, Predicate<CaseRow> allowed, LockedAction action) {
        Instant now = now();
        return pool.withTransaction(tx -> statementTimeout(tx)
                        .chain(() -> repository.lockOrderOfCase(tx, caseId))
                        .chain(() -> repository.find(tx, caseId))
                        .chain(found -> action.apply(tx, found.filter(allowed)
                                .orElseThrow(() -> notFound(caseId)), now)))
                .onFailure(UniqueViolations::is).transform(e -> CaseRequests.lineHeld(null))
                .call(() -> applyStockReturn(caseId))
                .chain(() -> view(caseId));
    }

    private Uni<Void> openLocked(SqlConnection tx, UUID caseId, MerchantOrderFacts mo, List<LineFacts> lines,
                                 OpenCaseRequest request, Actor actor, Instant now) {
        Map<UUID, Integer> units = CaseRequests.units(request, lines);
        RefundAllocation.Quote quote = request.type().refunds() && !(mo.cashOnDelivery() && !mo.shipped())
                ? RefundAllocation.quote(lines.stream().map(LineFacts::moneyState).toList(), units, mo.shippingFee(),
                        !mo.shipped())
                : new RefundAllocation.Quote(zeroes(units), 0, 0);
        return repository.insertCase(tx, caseId, mo, request, quote, lines, now)
                .chain(() -> repository.recordTransition(tx, caseId, OPENED, NEW, AfterSaleStatus.PENDING_REVIEW,
                        actor.name(), request.reasonCode().name(), now))
                .chain(() -> enterAfterSale(tx, mo.id(), actor, "after-sale case " + caseId + " opened", now))
                .chain(() -> repository.find(tx, caseId)).map(row -> row.orElseThrow())
                .call(opened -> event(tx, EventType.AFTER_SALE_REQUESTED, opened, AfterSaleStatus.PENDING_REVIEW,
                        null, actor, request.reasonCode().name(), now))
                .chain(opened -> request.type() == AfterSaleType.REFUND_ONLY && !mo.shipped()
                        ? approveLocked(tx, opened, AfterSaleEvent.AUTO_APPROVE, Actor.system("after-sale"),
                                "refund only before shipment", now).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    private Uni<AfterSaleStatus> approveLocked(SqlConnection tx, CaseRow found, AfterSaleEvent event, Actor actor,
                                               String reason, Instant now) {
        return transition(tx, found, event, actor, reason, null, now)
                .call(to -> event(tx, EventType.AFTER_SALE_APPROVED, found, to, event, actor, reason, now))
                .call(to -> to != AfterSaleStatus.PENDING_REFUND ? Uni.createFrom().voidItem()
                        : repository.merchantOrder(tx, found.merchantOrderId()).map(mo -> mo.orElseThrow())
                        .call(mo -> found.beforeShipment() ? returnUnits(tx, found, now) : Uni.createFrom().voidItem())
                        .call(mo -> repository.insertRefund(tx, found, mo.cashOnDelivery(), now)));
    }

    /** Records the case's units as going back to the warehouses they were allocated from. */
    private Uni<Void> returnUnits(SqlConnection tx, CaseRow found, Instant now) {
        Map<UUID, AfterSaleRepository.LineUnits> units = new LinkedHashMap<>();
        found.lines().forEach(line -> units.put(line.lineId(),
                new AfterSaleRepository.LineUnits(line.skuId(), line.quantity())));
        return repository.allocateReturn(tx, units)
                .chain(returns -> repository.insertStockReturn(tx, found.id(), returns, now));
    }

    /**
     * One guarded move of the case with its history row; the merchant order follows when the case stops (or
     * starts again) being open. Emits the status reached.
     */
    private Uni<AfterSaleStatus> transition(SqlConnection tx, CaseRow found, AfterSaleEvent event, Actor actor,
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
                            actor.name(), reason, now);
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

    private Uni<Void> enterAfterSale(SqlConnection tx, UUID merchantOrderId, Actor actor, String reason, Instant now) {
        return repository.merchantOrder(tx, merchantOrderId).map(found -> found.orElseThrow()).chain(mo -> {
            if (mo.status() == OrderStatus.AFTER_SALE) {
                return Uni.createFrom().voidItem();
            }
            return transitions.moveMerchantOrder(tx, mo.orderId(), mo.id(), mo.status(), OrderEvent.OPEN_AFTER_SALE,
                    actor, reason, now, null).chain(won -> won ? Uni.createFrom().voidItem()
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
                            return transitions.moveMerchantOrder(tx, mo.orderId(), mo.id(), OrderStatus.AFTER_SALE,
                                            OrderEvent.CLOSE, actor, "every unit refunded", now, null)
                                    .call(won -> !won ? Uni.createFrom().voidItem()
                                            : outbox.append(tx, EventType.ORDER_CLOSED, mo.orderId(), mo.merchantId(),
                                            new AfterSaleEvents.OrderClosed(mo.orderId(), mo.id(), mo.merchantId(),
                                                    OrderStatus.CLOSED, "every unit refunded", now), now))
                                    .replaceWithVoid();
                        }
                        OrderStatus back = mo.statusWithoutAfterSale();
                        return transitions.moveMerchantOrder(tx, mo.orderId(), mo.id(), OrderStatus.AFTER_SALE,
                                resumeEvent(back), actor, "no after-sale case open any more", now, null)
                                .replaceWithVoid();
                    });
                }));
    }

    private Uni<Void> event(SqlConnection tx, EventType type, CaseRow found, AfterSaleStatus status,
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

    /**
     * A case may be opened while the merchant order is paid and not closed, within its after-sales window once it
     * completed; goods can only come back once they shipped.
     */
    private static void checkOpenable(MerchantOrderFacts mo, AfterSaleType type, Instant now) {
        boolean windowOver = now != null && mo.completedAt() != null && mo.afterSalesClosesAt() != null
                && !now.isBefore(mo.afterSalesClosesAt());
        if (!OPENABLE.contains(mo.status()) || windowOver) {
            throw new ApiException(Problem.of(409, "after-sale-not-allowed", "Conflict", windowOver
                            ? "The after-sales window of this merchant order ended at " + mo.afterSalesClosesAt()
                            : "A merchant order in status " + mo.status() + " cannot get an after-sale case")
                    .withExtensions(Map.of("currentStatus", mo.status().name())));
        }
        if (type.returnsGoods() && !mo.shipped()) {
            throw ApiException.unprocessable("not-shipped", "Nothing shipped yet: ask for " + AfterSaleType.REFUND_ONLY
                    + " (approved at once) instead of " + type);
        }
    }

    private static OpenCaseRequest parcelRequest(MerchantOrderFacts mo, List<LineFacts> facts,
                                                 List<ReturnedLine> lines, String reason) {
        List<OpenCaseRequest.Line> asked = lines == null || lines.isEmpty()
                ? facts.stream().filter(line -> line.available() > 0)
                        .map(line -> new OpenCaseRequest.Line(line.lineId(), line.available())).toList()
                : lines.stream().map(line -> new OpenCaseRequest.Line(line.lineId(), line.quantity())).toList();
        if (asked.isEmpty()) {
            throw ApiException.unprocessable("quantity-not-available",
                    "Every unit of merchant order " + mo.id() + " is refunded or in a case already");
        }
        return new OpenCaseRequest(mo.id(), AfterSaleType.RETURN_REFUND, ReasonCode.NOT_RECEIVED, reason, List.of(),
                asked);
    }

    private Uni<CaseView> view(UUID caseId) {
        return pool.withConnection(c -> repository.find(c, caseId))
                .map(found -> found.orElseThrow(() -> notFound(caseId)).view());
    }

    private Uni<CaseRow> visible(UUID caseId, Predicate<CaseRow> allowed) {
        return pool.withConnection(c -> repository.find(c, caseId))
                .map(found -> found.filter(allowed).orElseThrow(() -> notFound(caseId)));
    }

    private Uni<CaseHistoryView> history(UUID caseId, Predicate<CaseRow> allowed) {
        return visible(caseId, allowed).chain(found -> pool.withConnection(c -> repository.history(c, caseId))
                .map(transitions -> new CaseHistoryView(caseId, found.status(), transitions)));
    }

    private static AfterSaleStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return AfterSaleStatus.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status", "must be one of " + java.util.Arrays.toString(
                    AfterSaleStatus.values()));
        }
    }

    private static Map<UUID, Long> zeroes(Map<UUID, Integer> units) {
        Map<UUID, Long> zero = new LinkedHashMap<>();
        units.keySet().forEach(line -> zero.put(line, 0L));
        return zero;
    }

    private static ApiException illegal(CaseRow found, AfterSaleEvent event) {
        return new ApiException(Problem.of(409, "illegal-transition", "Conflict", "A " + found.type() + " case in "
                        + "status " + found.status() + " cannot " + event.name().toLowerCase().replace('_', ' '))
                .withExtensions(Map.of("currentStatus", found.status().name(), "event", event.name())));
    }

    static ApiException notFound(Object caseId) {
        return ApiException.notFound("after-sale-case", caseId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
    }

    private Uni<Void> statementTimeout(SqlConnection tx) {
        return tx.query("SET LOCAL statement_timeout = " + Math.max(1, config.statementTimeoutMillis())).execute()
                .replaceWithVoid();
    }
}
