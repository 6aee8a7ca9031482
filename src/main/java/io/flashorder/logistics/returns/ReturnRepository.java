package io.flashorder.logistics.returns;

import io.flashorder.aftersale.AfterSaleService.ReturnedLine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL of return to sender: the claim of a refused parcel, the cases planned for it, and their completion. */
@ApplicationScoped
public class ReturnRepository {

    private static final String CLAIM = """
            UPDATE parcel SET status = 'RETURNED', returned_at = $3, updated_at = $3, version = version + 1
            WHERE id = $1 AND merchant_id = $2 AND status = 'REFUSED'""";
    private static final String INSERT_PLAN = """
            INSERT INTO parcel_return_case (parcel_id, merchant_order_id, case_id)
            SELECT $1, merchant_order_id, case_id FROM unnest($2::uuid[], $3::uuid[]) AS u(merchant_order_id, case_id)""";
    /** The planned case of each merchant order with the parcel's units of it. */
    private static final String PLAN = """
            SELECT rc.merchant_order_id, rc.case_id, pl.line_id, pl.quantity
            FROM parcel_return_case rc JOIN parcel_line pl
                ON pl.parcel_id = rc.parcel_id AND pl.merchant_order_id = rc.merchant_order_id
            WHERE rc.parcel_id = $1
            ORDER BY rc.merchant_order_id, pl.line_id""";
    private static final String GIVE_BACK_PLAN = "DELETE FROM parcel_return_case WHERE parcel_id = $1";
    private static final String GIVE_BACK = """
            UPDATE parcel SET status = 'REFUSED', returned_at = NULL, version = version + 1
            WHERE id = $1 AND status = 'RETURNED' AND returned_at = $2 AND return_case_ids IS NULL""";
    private static final String FINISH = """
            UPDATE parcel SET return_case_ids = $2, return_retry_at = NULL, return_problem = NULL
            WHERE id = $1 AND status = 'RETURNED' AND return_case_ids IS NULL""";
    /** Returned parcels whose cases were not all opened, past the grace period and their lease; skips locked ones. */
    private static final String LEASE_UNFINISHED = """
            WITH due AS (
                SELECT id FROM parcel
                WHERE status = 'RETURNED' AND return_case_ids IS NULL AND returned_at <= $1
                  AND (return_retry_at IS NULL OR return_retry_at <= $2) AND return_attempts < $3
                ORDER BY returned_at LIMIT $4
                FOR UPDATE SKIP LOCKED)
            UPDATE parcel p SET return_retry_at = $5, return_attempts = p.return_attempts + 1
            FROM due WHERE p.id = due.id
            RETURNING p.id""";
    private static final String PROBLEM = "UPDATE parcel SET return_problem = $2 WHERE id = $1";

    /** REFUSED → RETURNED; emits whether this call claimed it. */
    public Uni<Boolean> claim(SqlConnection tx, UUID merchantId, UUID parcelId, Instant at) {
        return tx.preparedQuery(CLAIM).execute(Tuple.of(parcelId, merchantId, utc(at)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> insertPlan(SqlConnection tx, UUID parcelId, List<PlannedCase> plan) {
        return tx.preparedQuery(INSERT_PLAN).execute(Tuple.of(parcelId,
                        plan.stream().map(PlannedCase::merchantOrderId).toArray(UUID[]::new),
                        plan.stream().map(PlannedCase::caseId).toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    /** The parcel's planned cases, in merchant order id order. */
    public Uni<List<PlannedCase>> plan(SqlClient client, UUID parcelId) {
        return client.preparedQuery(PLAN).execute(Tuple.of(parcelId)).map(rows -> {
            Map<UUID, UUID> cases = new LinkedHashMap<>();
            Map<UUID, List<ReturnedLine>> lines = new LinkedHashMap<>();
            for (Row row : rows) {
                UUID merchantOrder = row.getUUID("merchant_order_id");
                cases.put(merchantOrder, row.getUUID("case_id"));
                lines.computeIfAbsent(merchantOrder, id -> new ArrayList<>())
                        .add(new ReturnedLine(row.getUUID("line_id"), row.getInteger("quantity")));
            }
            List<PlannedCase> plan = new ArrayList<>();
            cases.forEach((merchantOrder, caseId) -> plan.add(new PlannedCase(merchantOrder, caseId,
                    lines.get(merchantOrder))));
            return plan;
        });
    }

    /** Undoes a claim none of whose cases was opened (only the claim of {@code claimedAt}). */
    public Uni<Void> giveBack(SqlConnection tx, UUID parcelId, Instant claimedAt) {
        return tx.preparedQuery(GIVE_BACK).execute(Tuple.of(parcelId, utc(claimedAt)))
                .chain(updated -> updated.rowCount() == 1
                        ? tx.preparedQuery(GIVE_BACK_PLAN).execute(Tuple.of(parcelId)).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** Every planned case is open: they are named on the parcel, which no job picks again. */
    public Uni<Void> finish(SqlClient client, UUID parcelId, List<UUID> caseIds) {
        return client.preparedQuery(FINISH).execute(Tuple.of(parcelId, caseIds.toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    /** Up to {@code limit} unfinished parcels claimed before {@code claimedBefore}, leased until {@code leaseUntil}. */
    public Uni<List<UUID>> leaseUnfinished(SqlConnection tx, Instant claimedBefore, Instant now, int maxAttempts,
                                           int limit, Instant leaseUntil) {
        return tx.preparedQuery(LEASE_UNFINISHED).execute(Tuple.of(utc(claimedBefore), utc(now), maxAttempts, limit,
                utc(leaseUntil))).map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    public Uni<Void> recordProblem(SqlClient client, UUID parcelId, String problem) {
        return client.preparedQuery(PROBLEM).execute(Tuple.of(parcelId,
                problem.substring(0, Math.min(problem.length(), 1000)))).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** The after-sales case (its id chosen at the claim) that refunds one merchant order's units of the parcel. */
    public record PlannedCase(UUID merchantOrderId, UUID caseId, List<ReturnedLine> lines) {
    }
}
