package io.flashorder.payment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Refunds of part of what an order paid, for after-sales: which captured transaction the money goes back to, the
 * provider's refund request, and its signed refund callbacks (verified like payment callbacks; their signatures are
 * remembered in the same table so a replay is refused).
 */
@ApplicationScoped
public class RefundGateway {

    /** The order's captured payment: the transaction refunds go back to. */
    public record Captured(UUID paymentId, String provider, String transactionId) {
    }

    private final PaymentProviders providers;
    private final PaymentRepository payments;

    public RefundGateway(PaymentProviders providers, PaymentRepository payments) {
        this.providers = providers;
        this.payments = payments;
    }

    /** The order's first successful transaction, if it was paid online. */
    public Uni<Optional<Captured>> captured(SqlClient client, UUID orderId) {
        return client.preparedQuery("""
                        SELECT id, provider, provider_transaction_id FROM payment
                        WHERE order_id = $1 AND status = 'SUCCEEDED' AND provider_transaction_id IS NOT NULL
                        ORDER BY id LIMIT 1""")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(row ->
                        new Captured(row.getUUID("id"), row.getString("provider"),
                                row.getString("provider_transaction_id"))));
    }

    /** Asks the provider to refund {@code amount}; emits its refund id (the callback names it). */
    public Uni<String> request(Captured captured, String attemptKey, long amount, String currency, String reason) {
        return providers.get(captured.provider())
                .requestRefund(new PaymentProvider.RefundRequest(captured.paymentId(), captured.transactionId(), amount,
                        currency, reason), attemptKey)
                .map(PaymentProvider.RefundReceipt::refundId);
    }

    /** Authenticates a refund callback of {@code provider} (404 for an unknown provider, 401/400 as for payments). */
    public RefundCallback verify(String provider, Function<String, String> headers, byte[] rawBody, Instant now) {
        return providers.get(provider).verifyRefund(headers, rawBody, now);
    }

    /** Emits false when this signature was accepted before: the request is a replay. */
    public Uni<Boolean> remember(SqlClient tx, String provider, String signature, Instant at) {
        return payments.rememberSignature(tx, provider, signature, at);
    }
}
