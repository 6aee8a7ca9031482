package io.flashorder.aftersale;

import io.flashorder.events.EventType;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.lifecycle.OrderTransitions.Actor;
import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.Problem;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
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
 * {@code timers.StockReturnJob} if that failed).
 */
@ApplicationScoped
public class AfterSaleService {

    /** Merchant order statuses a case may be opened in. */
    private static final Set<OrderStatus> OPENABLE = EnumSet.of(OrderStatus.AWAITING_SHIPMENT,
            OrderStatus.AWAITING_RECEIPT, OrderStatus.COMPLETED, OrderStatus.AFTER_SALE);
    private static final String NEW = "NEW";

    private final Pool pool;
    private final AfterSaleRepository repository;
    private final CaseTransitions moves;
    private final CaseActions actions;
    private final AfterSaleSettingsRepository settings;

    public AfterSaleService(Pool pool, AfterSaleRepository repository, CaseTransitions moves, CaseActions actions,
                            AfterSaleSettingsRepository settings) {
        this.pool = pool;
        this.repository = repository;
        this.moves = moves;
        this.actions = actions;
        this.settings = settings;
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
        Instant now = actions.now();
        UUID caseId = Ids.newId();
        Actor actor = Actor.buyer(buyerId);
        return actions.run(caseId, tx -> repository.lockOrderOfMerchantOrder(tx, request.merchantOrderId())
                        .chain(() -> repository.merchantOrder(tx, request.merchantOrderId()))
                        .chain(found -> {
                            MerchantOrderFacts mo = found.filter(m -> m.buyerId().equals(buyerId))
                                    .orElseThrow(() -> ApiException.notFound("merchant-order",
                                            request.merchantOrderId()));
                            checkOpenable(mo, request.type(), now);
                            return repository.lines(tx, mo.id()).chain(lines ->
                                    openLocked(tx, caseId, mo, lines, request, actor, now));
                        }));
    }

    public Uni<CaseView> buyerCase(String buyerId, UUID caseId) {
        return actions.visible(caseId, found -> found.buyerId().equals(buyerId)).map(CaseRow::view);
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
        return actions.act(caseId, found -> found.buyerId().equals(buyerId), (tx, found, now) -> {
            if (found.returnShippedAt() != null) {
                throw ApiException.conflict("return-already-shipped",
                        "The goods are on their way back; the merchant finishes the case");
            }
            return moves.transition(tx, found, AfterSaleEvent.WITHDRAW, actor, "withdrawn by the buyer", null, now)
                    .call(to -> moves.event(tx, EventType.AFTER_SALE_CLOSED, found, to, AfterSaleEvent.WITHDRAW, actor,
                            "withdrawn by the buyer", now));
        });
    }

    /** The buyer disputes a rejection, once: an admin decides (the lines are held again meanwhile). */
    public Uni<CaseView> dispute(String buyerId, UUID caseId, DecisionRequest request) {
        Actor actor = Actor.buyer(buyerId);
        String reason = request.reason().strip();
        return actions.act(caseId, found -> found.buyerId().equals(buyerId), (tx, found, now) -> {
            if (found.disputed()) {
                throw ApiException.conflict("already-disputed", "This case was disputed once already");
            }
            return moves.transition(tx, found, AfterSaleEvent.DISPUTE, actor, reason, null, now);
        });
    }

    /** The buyer received the exchange's replacement: the case succeeds. */
    public Uni<CaseView> confirmExchange(String buyerId, UUID caseId) {
        Actor actor = Actor.buyer(buyerId);
        String reason = "replacement received";
        return actions.act(caseId, found -> found.buyerId().equals(buyerId), (tx, found, now) ->
                moves.transition(tx, found, AfterSaleEvent.CONFIRM_EXCHANGE, actor, reason, null, now)
                        .call(to -> moves.event(tx, EventType.AFTER_SALE_SUCCEEDED, found, to,
                                AfterSaleEvent.CONFIRM_EXCHANGE, actor, reason, now)));
    }

    // ------------------------------------------------------------------------------------------------- merchant

    /** The merchant's after-sales timeouts (null: the platform default, listed beside). */
    public Uni<AfterSaleSettingsView> settings(UUID merchantId) {
        return pool.withConnection(c -> settings.find(c, merchantId));
    }

    public Uni<AfterSaleSettingsView> saveSettings(UUID merchantId, AfterSaleSettingsView.Request request) {
        return pool.withTransaction(tx -> settings.save(tx, merchantId, request, actions.now()))
                .chain(() -> settings(merchantId));
    }

    public Uni<CaseView> merchantCase(UUID merchantId, UUID caseId) {
        return actions.visible(caseId, found -> found.merchantId().equals(merchantId)).map(CaseRow::view);
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
        return actions.act(caseId, found -> found.merchantId().equals(merchantId), (tx, found, now) ->
                moves.approve(tx, found, AfterSaleEvent.APPROVE, actor, "approved by the merchant", now));
    }

    /** Refuses a case under review, with the merchant's reason (the buyer may dispute it once). */
    public Uni<CaseView> reject(UUID merchantId, UUID caseId, DecisionRequest request) {
        Actor actor = Actor.merchant(merchantId);
        String reason = request.reason().strip();
        return actions.act(caseId, found -> found.merchantId().equals(merchantId), (tx, found, now) ->
                moves.transition(tx, found, AfterSaleEvent.REJECT, actor, reason, reason, now)
                        .call(to -> moves.event(tx, EventType.AFTER_SALE_REJECTED, found, to, AfterSaleEvent.REJECT, actor,
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
        return refundReturnedParcel(Ids.newId(), merchantOrderId, lines, reason);
    }

    /**
     * The same, idempotent on {@code caseId} (chosen by the caller before it asks): when a case with that id exists
     * already for the merchant order, it is answered as it is and nothing else happens, so a caller that died after
     * asking may ask again without refunding twice.
     */
    public Uni<CaseView> refundReturnedParcel(UUID caseId, UUID merchantOrderId, List<ReturnedLine> lines,
                                              String reason) {
        Instant now = actions.now();
        Actor actor = Actor.system("logistics");
        String why = reason == null || reason.isBlank() ? "parcel returned to the merchant"
                : reason.strip().substring(0, Math.min(500, reason.strip().length()));
        return actions.run(caseId, tx -> repository.lockOrderOfMerchantOrder(tx, merchantOrderId)
                        .chain(() -> repository.find(tx, caseId))
                        .chain(existing -> existing.isPresent()
                                ? Uni.createFrom().item(existing.filter(c -> c.merchantOrderId().equals(merchantOrderId))
                                        .orElseThrow(() -> ApiException.conflict("case-id-taken", "Case " + caseId
                                                + " belongs to another merchant order")))
                                : openReturnedParcelCase(tx, caseId, merchantOrderId, lines, why, actor, now)));
    }

    private Uni<?> openReturnedParcelCase(SqlConnection tx, UUID caseId, UUID merchantOrderId,
                                          List<ReturnedLine> lines, String why, Actor actor, Instant now) {
        return repository.merchantOrder(tx, merchantOrderId)
                .chain(found -> {
                    MerchantOrderFacts mo = found.orElseThrow(() ->
                            ApiException.notFound("merchant-order", merchantOrderId));
                    checkOpenable(mo, AfterSaleType.RETURN_REFUND, null);
                    return repository.lines(tx, mo.id()).chain(facts -> {
                        OpenCaseRequest request = parcelRequest(mo, facts, lines, why);
                        return openLocked(tx, caseId, mo, facts, request, actor, now)
                                .chain(() -> repository.find(tx, caseId)).map(row -> row.orElseThrow())
                                .chain(opened -> moves.approve(tx, opened, AfterSaleEvent.AUTO_APPROVE, actor,
                                        why, now))
                                .chain(() -> repository.find(tx, caseId)).map(row -> row.orElseThrow())
                                .chain(approved -> moves.transition(tx, approved, AfterSaleEvent.RECEIVE_RETURN,
                                        actor, why, null, now)
                                        .call(to -> moves.returnUnits(tx, approved, now))
                                        .call(to -> moves.event(tx, EventType.AFTER_SALE_RETURN_RECEIVED, approved,
                                                to, AfterSaleEvent.RECEIVE_RETURN, actor, why, now)))
                                .chain(() -> repository.find(tx, caseId)).map(row -> row.orElseThrow())
                                .chain(received -> moves.transition(tx, received, AfterSaleEvent.START_REFUND,
                                        actor, why, null, now)
                                        .call(to -> moves.startRefund(tx, received, now)));
                    });
                });
    }

    // ---------------------------------------------------------------------------------------------- internals

    private Uni<Void> openLocked(SqlConnection tx, UUID caseId, MerchantOrderFacts mo, List<LineFacts> lines,
                                 OpenCaseRequest request, Actor actor, Instant now) {
        Map<UUID, Integer> units = CaseRequests.units(request, lines);
        RefundAllocation.Quote quote = request.type().refunds() && !(mo.cashOnDelivery() && !mo.shipped())
                ? RefundAllocation.quote(lines.stream().map(LineFacts::moneyState).toList(), units, mo.shippingFee(),
                        !mo.shipped())
                : new RefundAllocation.Quote(zeroes(units), 0, 0);
        return repository.insertCase(tx, caseId, mo, request, quote, lines, now)
                .chain(() -> repository.recordTransition(tx, caseId, CaseTransitions.OPENED, NEW, AfterSaleStatus.PENDING_REVIEW,
                        actor.name(), request.reasonCode().name(), now))
                .chain(() -> moves.opened(tx, caseId, mo.merchantId(), now))
                .chain(() -> moves.enterAfterSale(tx, mo.id(), actor, "after-sale case " + caseId + " opened", now))
                .chain(() -> repository.find(tx, caseId)).map(row -> row.orElseThrow())
                .call(opened -> moves.event(tx, EventType.AFTER_SALE_REQUESTED, opened, AfterSaleStatus.PENDING_REVIEW,
                        null, actor, request.reasonCode().name(), now))
                .chain(opened -> request.type() == AfterSaleType.REFUND_ONLY && !mo.shipped()
                        ? moves.approve(tx, opened, AfterSaleEvent.AUTO_APPROVE, Actor.system("after-sale"),
                                "refund only before shipment", now).replaceWithVoid()
                        : Uni.createFrom().voidItem());
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

    private Uni<CaseHistoryView> history(UUID caseId, Predicate<CaseRow> allowed) {
        return actions.visible(caseId, allowed).chain(found -> pool.withConnection(c -> repository.history(c, caseId))
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

    static ApiException notFound(Object caseId) {
        return ApiException.notFound("after-sale-case", caseId);
    }


}
