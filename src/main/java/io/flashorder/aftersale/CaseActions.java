package io.flashorder.aftersale;

import io.flashorder.platform.sql.Transactions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How every case step runs: one transaction with a statement timeout, the order's row lock taken first, the caller
 * allowed to act on the case or answered 404; after the commit, the Redis side of the units the step returned and
 * the refund it started; the answer is the case as it is then.
 */
@ApplicationScoped
public class CaseActions {

    /** One step on a locked case. */
    public interface LockedAction {
        Uni<?> apply(SqlConnection tx, CaseRow found, Instant now);
    }

    private final Pool pool;
    private final AfterSaleRepository repository;
    private final ReturnedStock stock;
    private final CouponReturns coupons;
    private final AfterSaleConfig config;
    private final Clock clock;

    public CaseActions(Pool pool, AfterSaleRepository repository, ReturnedStock stock, CouponReturns coupons,
                       AfterSaleConfig config, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.stock = stock;
        this.coupons = coupons;
        this.config = config;
        this.clock = clock;
    }

    /** Locks the case's order, checks who may act on it (else 404), acts; answers the case as it is after. */
    public Uni<CaseView> act(UUID caseId, Predicate<CaseRow> allowed, LockedAction action) {
        Instant now = now();
        return run(caseId, tx -> repository.lockOrderOfCase(tx, caseId)
                .chain(() -> repository.find(tx, caseId))
                .chain(found -> action.apply(tx, found.filter(allowed)
                        .orElseThrow(() -> AfterSaleService.notFound(caseId)), now)));
    }

    /** Runs {@code work} in a transaction about case {@code caseId} (maybe new), then the steps after the commit. */
    public Uni<CaseView> run(UUID caseId, Function<SqlConnection, Uni<?>> work) {
        return inTransaction(tx -> work.apply(tx).replaceWithVoid())
                .onFailure(io.flashorder.platform.error.UniqueViolations::is)
                .transform(e -> CaseRequests.lineHeld(null))
                .call(() -> afterCommit(caseId))
                .chain(() -> view(caseId));
    }

    public Uni<CaseView> view(UUID caseId) {
        return pool.withConnection(c -> repository.find(c, caseId))
                .map(found -> found.orElseThrow(() -> AfterSaleService.notFound(caseId)).view());
    }

    public Uni<CaseRow> visible(UUID caseId, Predicate<CaseRow> allowed) {
        return pool.withConnection(c -> repository.find(c, caseId))
                .map(found -> found.filter(allowed).orElseThrow(() -> AfterSaleService.notFound(caseId)));
    }

    /** What PostgreSQL stores: the clock to the microsecond. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** One transaction with the after-sales statement timeout (a lock held elsewhere fails the call, never stalls it). */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return Transactions.withStatementTimeout(pool, Duration.ofMillis(config.statementTimeoutMillis()), work);
    }

    /** Steps that follow a commit (units back to Redis, coupons back to the buyer); each failure is left to its job. */
    public Uni<Void> afterCommit(UUID caseId) {
        return applyStockReturn(caseId).chain(() -> coupons.applyForCase(caseId, now()));
    }

    /** Gives back the coupons of orders refunded before shipment whose Redis step did not run. Emits how many. */
    public Uni<Integer> applyDueCouponReturns() {
        return coupons.applyDue(now().minus(config.stockReturnGrace()), config.batchSize(), now());
    }

    /**
     * Runs the Redis step of every stock return recorded more than the grace period ago and not applied yet (its
     * request failed after the commit, or the order's own stock step had not run then). Emits how many cases.
     */
    public Uni<Integer> applyDueStockReturns() {
        Instant before = now().minus(config.stockReturnGrace());
        return pool.withConnection(c -> repository.dueStockReturns(c, before, config.batchSize()))
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(caseId -> applyStockReturn(caseId).replaceWith(caseId))
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
}
