package io.flashorder.aftersale.refund;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of after-sale refunds, inside the caller's transaction (the case's order row locked first where it changes). */
@ApplicationScoped
public class RefundRepository {

    private static final String COLUMNS = """
            id, case_id, order_id, amount, currency, method, status, attempts, provider, provider_refund_id""";
    private static final String OF_CASE = "SELECT " + COLUMNS + " FROM after_sale_refund WHERE case_id = $1 FOR UPDATE";
    private static final String CASE_OF_PROVIDER_REFUND = """
            SELECT case_id FROM after_sale_refund WHERE provider = $1 AND provider_refund_id = $2""";
    /** Due refunds, claimed for one lease: another pod skips them, and picks them up again if this one dies. */
    private static final String CLAIM_DUE = """
            UPDATE after_sale_refund SET next_attempt_at = $2, updated_at = $1
            WHERE id IN (SELECT id FROM after_sale_refund
                         WHERE status = 'PENDING' AND provider_refund_id IS NULL AND next_attempt_at <= $1
                         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING case_id""";
    private static final String REQUESTED = """
            UPDATE after_sale_refund SET provider = $2, provider_refund_id = $3, next_attempt_at = NULL,
                last_error = NULL, updated_at = $4
            WHERE id = $1 AND status = 'PENDING' AND provider_refund_id IS NULL""";
    private static final String FAILED_ATTEMPT = """
            UPDATE after_sale_refund SET attempts = attempts + 1, last_error = $2, provider_refund_id = NULL,
                status = CASE WHEN attempts + 1 >= $3 THEN 'FAILED' ELSE 'PENDING' END,
                next_attempt_at = CASE WHEN attempts + 1 >= $3 THEN NULL ELSE $4::timestamptz END, updated_at = $5
            WHERE id = $1 AND status = 'PENDING'""";
    private static final String SUCCEEDED = """
            UPDATE after_sale_refund SET status = 'SUCCEEDED', succeeded_at = $2, next_attempt_at = NULL,
                offline_reference = coalesce($3, offline_reference), updated_at = $2
            WHERE id = $1 AND status = 'PENDING'""";
    private static final String RESTART = """
            UPDATE after_sale_refund SET status = 'PENDING', next_attempt_at = $2, updated_at = $2
            WHERE id = $1 AND status = 'FAILED'""";

    /** The case's refund, locked for this transaction. */
    public Uni<Optional<RefundRow>> ofCase(SqlClient tx, UUID caseId) {
        return tx.preparedQuery(OF_CASE).execute(Tuple.of(caseId)).map(RefundRepository::first);
    }

    public Uni<Optional<UUID>> caseOfProviderRefund(SqlClient client, String provider, String providerRefundId) {
        return client.preparedQuery(CASE_OF_PROVIDER_REFUND).execute(Tuple.of(provider, providerRefundId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
    }

    public Uni<List<UUID>> claimDue(SqlClient tx, Instant now, Instant leaseEnd, int limit) {
        return tx.preparedQuery(CLAIM_DUE).execute(Tuple.of(utc(now), utc(leaseEnd), limit)).map(rows -> {
            List<UUID> cases = new ArrayList<>();
            rows.forEach(row -> cases.add(row.getUUID(0)));
            return cases;
        });
    }

    public Uni<Boolean> requested(SqlClient tx, UUID refundId, String provider, String providerRefundId, Instant now) {
        return tx.preparedQuery(REQUESTED).execute(Tuple.of(refundId, provider, providerRefundId, utc(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** One more failure: retried at {@code retryAt}, or FAILED once {@code maxAttempts} failures are reached. */
    public Uni<Boolean> failedAttempt(SqlClient tx, UUID refundId, String error, int maxAttempts, Instant retryAt,
                                      Instant now) {
        return tx.preparedQuery(FAILED_ATTEMPT).execute(Tuple.of(refundId, error, maxAttempts, utc(retryAt), utc(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> succeeded(SqlClient tx, UUID refundId, String offlineReference, Instant now) {
        return tx.preparedQuery(SUCCEEDED).execute(Tuple.of(refundId, utc(now), offlineReference))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> restart(SqlClient tx, UUID refundId, Instant now) {
        return tx.preparedQuery(RESTART).execute(Tuple.of(refundId, utc(now))).map(rows -> rows.rowCount() == 1);
    }

    private static Optional<RefundRow> first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new RefundRow(row.getUUID("id"), row.getUUID("case_id"), row.getUUID("order_id"),
                row.getLong("amount"), row.getString("currency"), "OFFLINE".equals(row.getString("method")),
                row.getString("status"), row.getInteger("attempts"), row.getString("provider"),
                row.getString("provider_refund_id")));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
