package io.flashorder.logistics.returns;

import io.flashorder.aftersale.AfterSaleService;
import io.flashorder.aftersale.CaseView;
import io.flashorder.logistics.LogisticsConfig;
import io.flashorder.logistics.returns.ReturnRepository.PlannedCase;
import io.flashorder.logistics.warehouse.ParcelLine;
import io.flashorder.logistics.warehouse.ParcelRepository;
import io.flashorder.logistics.warehouse.ParcelView;
import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.sql.Transactions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Return to sender (拒收): the merchant confirms that a refused parcel is back. The parcel is claimed first (REFUSED →
 * RETURNED, so two confirmations never refund twice) together with the id of the after-sales case that will refund
 * each merchant order it carries; then each case is opened through after-sales (a return-and-refund case, received
 * at once, its units restocked into the warehouses they came from), idempotently on its planned id. If the first
 * case fails the claim is given back, so the merchant can confirm again; if the process dies or fails later, the
 * parcel stays RETURNED without its case ids and {@link ReturnRecovery} opens what is missing.
 */
@ApplicationScoped
public class ReturnService {

    private final Pool pool;
    private final ParcelRepository parcels;
    private final ReturnRepository returns;
    private final AfterSaleService afterSales;
    private final LogisticsConfig config;
    private final Clock clock;

    public ReturnService(Pool pool, ParcelRepository parcels, ReturnRepository returns, AfterSaleService afterSales,
                         LogisticsConfig config, Clock clock) {
        this.pool = pool;
        this.parcels = parcels;
        this.returns = returns;
        this.afterSales = afterSales;
        this.config = config;
        this.clock = clock;
    }

    /**
     * No {@code @Timeout} here: cancelling between the claim and the refunds would leave a claimed parcel without its
     * cases (the recovery job would finish it, but only after its grace period); every statement is bounded by
     * PostgreSQL's statement timeouts of the steps it calls.
     */
    public Uni<ParcelView> returned(UUID merchantId, UUID parcelId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
        AtomicInteger opened = new AtomicInteger();
        return claim(merchantId, parcelId, now)
                .chain(plan -> openCases(parcelId, plan, opened)
                        .onFailure().call(failure -> opened.get() == 0
                                ? pool.withTransaction(tx -> returns.giveBack(tx, parcelId, now))
                                : recordProblem(parcelId, failure)))
                .chain(() -> pool.withConnection(connection -> view(connection, merchantId, parcelId)));
    }

    /**
     * The claim alone, in its own transaction: REFUSED → RETURNED with one planned case per merchant order. What a
     * process that dies right after it leaves behind.
     */
    Uni<List<PlannedCase>> claim(UUID merchantId, UUID parcelId, Instant now) {
        return Transactions.withStatementTimeout(pool, Duration.ofMillis(config.statementTimeoutMillis()),
                tx -> returns.claim(tx, merchantId, parcelId, now).chain(claimed -> claimed
                        ? parcels.lines(tx, List.of(parcelId)).map(lines -> plan(lines.getOrDefault(parcelId,
                                List.of()))).call(plan -> returns.insertPlan(tx, parcelId, plan))
                        : parcels.find(tx, merchantId, parcelId).<List<PlannedCase>>map(found -> {
                            var row = found.orElseThrow(() -> ApiException.notFound("parcel", parcelId));
                            throw ApiException.conflict("parcel-status", "Parcel " + row.id() + " is "
                                    + row.status() + "; only a refused parcel comes back to its merchant",
                                    Map.of("parcelId", parcelId, "currentStatus", row.status()));
                        })));
    }

    /**
     * Opens each planned case that is not open yet (after-sales answers an existing one as it is), then names them
     * on the parcel. Used by the confirmation and by the recovery job.
     */
    Uni<Void> openCases(UUID parcelId, List<PlannedCase> plan, AtomicInteger opened) {
        String reason = "parcel " + parcelId + " refused by the buyer and returned to the merchant";
        return Multi.createFrom().iterable(plan)
                .onItem().transformToUniAndConcatenate(planned -> afterSales.refundReturnedParcel(planned.caseId(),
                        planned.merchantOrderId(), planned.lines(), reason).invoke(opened::incrementAndGet))
                .map(CaseView::id)
                .collect().asList()
                .chain(caseIds -> returns.finish(pool, parcelId, caseIds));
    }

    Uni<Void> recordProblem(UUID parcelId, Throwable failure) {
        Log.warnf("Parcel %s: its return is finished by the recovery job (%s)", parcelId, failure.toString());
        return returns.recordProblem(pool, parcelId, failure.toString()).onFailure().recoverWithNull();
    }

    /** One case per merchant order the parcel carries units of, its id chosen now. */
    private static List<PlannedCase> plan(List<ParcelLine> lines) {
        Map<UUID, List<AfterSaleService.ReturnedLine>> byMerchantOrder = new TreeMap<>();
        for (ParcelLine line : lines) {
            byMerchantOrder.computeIfAbsent(line.merchantOrderId(), id -> new ArrayList<>())
                    .add(new AfterSaleService.ReturnedLine(line.lineId(), line.quantity()));
        }
        List<PlannedCase> plan = new ArrayList<>();
        byMerchantOrder.forEach((merchantOrder, returned) ->
                plan.add(new PlannedCase(merchantOrder, Ids.newId(), returned)));
        return plan;
    }

    private Uni<ParcelView> view(SqlClient client, UUID merchantId, UUID parcelId) {
        return parcels.find(client, merchantId, parcelId).chain(found -> parcels.lines(client, List.of(parcelId))
                .map(lines -> ParcelView.of(found.orElseThrow(), lines.getOrDefault(parcelId, List.of()))));
    }
}
