package io.flashorder.payment;

import io.flashorder.platform.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Payments, callbacks, refunds and remembered signatures (V5__payments.sql): a payment row per provider transaction
 * (V8), the session's first row taking its first transaction.
 */
@ApplicationScoped
public class PaymentRepository {

    private static final String COLUMNS = """
            id, order_id, buyer_id, provider, session_id, pay_url, amount, currency, status, provider_transaction_id,
            expires_at, created_at""";

    public Uni<Void> insert(SqlClient client, PaymentRow payment) {
        return client.preparedQuery("INSERT INTO payment (" + COLUMNS + ", updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
                        + "$7, $8, $9, $10, $11, $12, $12)")
                .execute(Tuple.from(new Object[] {payment.id(), payment.orderId(), payment.buyerId(), payment.provider(),
                        payment.sessionId(), payment.payUrl(), payment.amount(), payment.currency(),
                        payment.status().name(), payment.transactionId(), utc(payment.expiresAt()),
                        utc(payment.createdAt())}))
                .replaceWithVoid();
    }

    /** An open, unexpired session of this order with this provider for this amount, to hand out again. */
    public Uni<Optional<PaymentRow>> findReusable(SqlClient client, UUID orderId, String provider, long amount,
                                                  String currency, Instant now) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM payment WHERE order_id = $1 AND provider = $2 "
                        + "AND amount = $3 AND currency = $4 AND status = 'OPEN' AND expires_at > $5 ORDER BY id DESC LIMIT 1")
                .execute(Tuple.of(orderId, provider, amount, currency, utc(now)))
                .map(PaymentRepository::first);
    }

    /** The row the session was opened with (its amount, currency and order are every transaction's). */
    public Uni<Optional<PaymentRow>> findBySession(SqlClient client, String provider, String sessionId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM payment WHERE provider = $1 AND session_id = $2 "
                        + "ORDER BY id LIMIT 1")
                .execute(Tuple.of(provider, sessionId)).map(PaymentRepository::first);
    }

    /** The record of one provider transaction. */
    public Uni<Optional<PaymentRow>> findByTransaction(SqlClient client, String provider, String transactionId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM payment WHERE provider = $1 AND provider_transaction_id = $2")
                .execute(Tuple.of(provider, transactionId)).map(PaymentRepository::first);
    }

    /**
     * The record of a transaction seen for the first time: the session's row if it still waits for one, else a new
     * row of the same session (a session paid, or attempted, more than once). Under the order's row lock.
     */
    public Uni<PaymentRow> recordTransaction(SqlClient tx, PaymentRow session, String transactionId, Instant at) {
        return tx.preparedQuery("UPDATE payment SET provider_transaction_id = $3, updated_at = $4 "
                        + "WHERE provider = $1 AND session_id = $2 AND provider_transaction_id IS NULL RETURNING " + COLUMNS)
                .execute(Tuple.of(session.provider(), session.sessionId(), transactionId, utc(at)))
                .map(PaymentRepository::first)
                .chain(bound -> bound.isPresent() ? Uni.createFrom().item(bound.get())
                        : insertFor(tx, session, transactionId, at));
    }

    private Uni<PaymentRow> insertFor(SqlClient tx, PaymentRow session, String transactionId, Instant at) {
        PaymentRow row = new PaymentRow(Ids.newId(), session.orderId(), session.buyerId(), session.provider(),
                session.sessionId(), session.payUrl(), session.amount(), session.currency(), PaymentStatus.OPEN,
                transactionId, session.expiresAt(), at);
        return insert(tx, row).replaceWith(row);
    }

    /** Emits false when this signature was accepted before: the request is a replay. */
    public Uni<Boolean> rememberSignature(SqlClient tx, String provider, String signature, Instant at) {
        return tx.preparedQuery("INSERT INTO payment_webhook_signature (provider, signature, received_at) "
                        + "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(provider, signature, utc(at))).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Integer> forgetSignaturesBefore(SqlClient client, Instant before) {
        return client.preparedQuery("DELETE FROM payment_webhook_signature WHERE received_at < $1")
                .execute(Tuple.of(utc(before))).map(RowSet::rowCount);
    }

    /** Emits false when the provider's transaction was recorded before (a second delivery). */
    public Uni<Boolean> recordCallback(SqlClient tx, String provider, PaymentCallback callback, PaymentRow payment,
                                       CallbackOutcome outcome, String detail, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO payment_callback (provider, transaction_id, payment_id, order_id, result, amount,
                            currency, outcome, detail, signed_at, received_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) ON CONFLICT DO NOTHING""")
                .execute(Tuple.from(new Object[] {provider, callback.transactionId(), payment.id(), payment.orderId(),
                        callback.result().name(), callback.amount(), callback.currency(), outcome.name(), detail,
                        utc(callback.signedAt()), utc(at)}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<CallbackOutcome>> callbackOutcome(SqlClient client, String provider, String transactionId) {
        return client.preparedQuery("SELECT outcome FROM payment_callback WHERE provider = $1 AND transaction_id = $2")
                .execute(Tuple.of(provider, transactionId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(CallbackOutcome.valueOf(rows.iterator().next().getString("outcome"))));
    }

    public Uni<Void> updateCallback(SqlClient tx, String provider, String transactionId, CallbackOutcome outcome,
                                    String detail, Instant at) {
        return tx.preparedQuery("UPDATE payment_callback SET outcome = $3, detail = $4, updated_at = $5 "
                        + "WHERE provider = $1 AND transaction_id = $2")
                .execute(Tuple.of(provider, transactionId, outcome.name(), detail, utc(at))).replaceWithVoid();
    }

    public Uni<Void> markPayment(SqlClient tx, UUID paymentId, PaymentStatus status, String transactionId,
                                 String failureReason, Instant at) {
        return tx.preparedQuery("UPDATE payment SET status = $2, provider_transaction_id = coalesce($3, provider_transaction_id), "
                        + "failure_reason = $4, updated_at = $5 WHERE id = $1")
                .execute(Tuple.of(paymentId, status.name(), transactionId, failureReason, utc(at))).replaceWithVoid();
    }

    public Uni<Void> recordRefund(SqlClient tx, UUID refundId, PaymentRow payment, String providerRefundId,
                                  String reason, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO payment_refund (id, payment_id, order_id, provider, provider_refund_id, amount,
                            currency, reason, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (payment_id) DO NOTHING""")
                .execute(Tuple.from(new Object[] {refundId, payment.id(), payment.orderId(), payment.provider(),
                        providerRefundId, payment.amount(), payment.currency(), reason, utc(at)}))
                .replaceWithVoid();
    }

    private static Optional<PaymentRow> first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new PaymentRow(row.getUUID("id"), row.getUUID("order_id"), row.getString("buyer_id"),
                row.getString("provider"), row.getString("session_id"), row.getString("pay_url"), row.getLong("amount"),
                row.getString("currency"), PaymentStatus.valueOf(row.getString("status")),
                row.getString("provider_transaction_id"), row.getOffsetDateTime("expires_at").toInstant(),
                row.getOffsetDateTime("created_at").toInstant()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
