package io.flashorder.logistics.returns;

import io.flashorder.aftersale.AfterSaleService;
import io.flashorder.aftersale.CaseView;
import io.flashorder.logistics.warehouse.ParcelLine;
import io.flashorder.logistics.warehouse.ParcelRepository;
import io.flashorder.logistics.warehouse.ParcelStatus;
import io.flashorder.logistics.warehouse.ParcelView;
import io.flashorder.platform.error.ApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Return to sender (拒收): the merchant confirms that a refused parcel is back. The parcel is claimed first (REFUSED →
 * RETURNED, so two confirmations never refund twice), then each merchant order it carries is refunded for the
 * parcel's units through after-sales (a return-and-refund case, received at once, its units restocked into the
 * warehouses they came from); if that fails the claim is given back, so the merchant can confirm again.
 */
@ApplicationScoped
public class ReturnService {

    private final Pool pool;
    private final ParcelRepository parcels;
    private final AfterSaleService afterSales;
    private final Clock clock;

    public ReturnService(Pool pool, ParcelRepository parcels, AfterSaleService afterSales, Clock clock) {
        this.pool = pool;
        this.parcels = parcels;
        this.afterSales = afterSales;
        this.clock = clock;
    }

    /**
     * No {@code @Timeout} here: cancelling between the claim and the refunds would leave a claimed parcel without its
     * cases; every statement is bounded by PostgreSQL's statement timeouts of the steps it calls.
     */
    public Uni<ParcelView> returned(UUID merchantId, UUID parcelId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
        return claim(merchantId, parcelId, now)
                .chain(lines -> refund(parcelId, lines)
                        .onFailure().call(() -> giveBack(parcelId, now)))
                .chain(caseIds -> pool.withConnection(connection -> connection.preparedQuery(
                                "UPDATE parcel SET return_case_ids = $2 WHERE id = $1")
                        .execute(Tuple.of(parcelId, caseIds.toArray(UUID[]::new)))
                        .chain(() -> view(connection, merchantId, parcelId))));
    }

    private Uni<List<ParcelLine>> claim(UUID merchantId, UUID parcelId, Instant now) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        UPDATE parcel SET status = 'RETURNED', returned_at = $3, updated_at = $3, version = version + 1
                        WHERE id = $1 AND merchant_id = $2 AND status = 'REFUSED'""")
                .execute(Tuple.of(parcelId, merchantId, now.atOffset(ZoneOffset.UTC)))
                .chain(updated -> updated.rowCount() == 1
                        ? parcels.lines(tx, List.of(parcelId)).map(lines -> lines.getOrDefault(parcelId, List.of()))
                        : parcels.find(tx, merchantId, parcelId).<List<ParcelLine>>map(found -> {
                            var row = found.orElseThrow(() -> ApiException.notFound("parcel", parcelId));
                            throw ApiException.conflict("parcel-status", "Parcel " + parcelId + " is " + row.status()
                                    + "; only a refused parcel comes back to its merchant",
                                    Map.of("parcelId", parcelId, "currentStatus", row.status()));
                        })));
    }

    private Uni<List<UUID>> refund(UUID parcelId, List<ParcelLine> lines) {
        Map<UUID, List<AfterSaleService.ReturnedLine>> byMerchantOrder = new TreeMap<>();
        for (ParcelLine line : lines) {
            byMerchantOrder.computeIfAbsent(line.merchantOrderId(), id -> new ArrayList<>())
                    .add(new AfterSaleService.ReturnedLine(line.lineId(), line.quantity()));
        }
        String reason = "parcel " + parcelId + " refused by the buyer and returned to the merchant";
        return Multi.createFrom().iterable(byMerchantOrder.entrySet())
                .onItem().transformToUniAndConcatenate(entry ->
                        afterSales.refundReturnedParcel(entry.getKey(), entry.getValue(), reason))
                .map(CaseView::id)
                .collect().asList();
    }

    private Uni<Void> giveBack(UUID parcelId, Instant claimedAt) {
        return pool.preparedQuery("""
                        UPDATE parcel SET status = 'REFUSED', returned_at = NULL, version = version + 1
                        WHERE id = $1 AND status = 'RETURNED' AND returned_at = $2""")
                .execute(Tuple.of(parcelId, claimedAt.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    private Uni<ParcelView> view(SqlClient client, UUID merchantId, UUID parcelId) {
        return parcels.find(client, merchantId, parcelId).chain(found -> parcels.lines(client, List.of(parcelId))
                .map(lines -> ParcelView.of(found.orElseThrow(), lines.getOrDefault(parcelId, List.of()))));
    }
}
