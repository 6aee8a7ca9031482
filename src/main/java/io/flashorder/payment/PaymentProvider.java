package io.flashorder.payment;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * A payment gateway: opens sessions for an amount, refunds, and authenticates its callbacks. Implementations put
 * their fault-tolerance annotations on their own methods (annotations on an interface do not count).
 */
public interface PaymentProvider {

    /** The name in URLs and records, e.g. {@code sandbox} in /api/v1/webhooks/payments/sandbox. */
    String name();

    Uni<PaymentSession> openSession(SessionRequest request);

    /** Refunds a captured payment; idempotent per payment id (a retry never refunds twice). */
    Uni<RefundReceipt> refund(RefundRequest request);

    /**
     * Asks for a refund of part (or all) of a captured payment, answered later by a signed refund callback
     * ({@link #verifyRefund}). Idempotent per {@code attemptKey}: the same key always gets the same refund id.
     */
    Uni<RefundReceipt> requestRefund(RefundRequest request, String attemptKey);

    /** Like {@link #verify}, for a refund callback. */
    RefundCallback verifyRefund(Function<String, String> headers, byte[] rawBody, Instant now);

    /**
     * Authenticates a callback from its headers and its raw body, exactly as received, and reads it. Throws an
     * {@link io.flashorder.platform.error.ApiException} for a missing, forged, stale or future signature or an
     * unreadable body. Pure: nothing is recorded here.
     */
    PaymentCallback verify(Function<String, String> headers, byte[] rawBody, Instant now);

    record SessionRequest(UUID paymentId, UUID orderId, long amount, String currency, Instant expiresAt) {
    }

    record PaymentSession(String sessionId, String payUrl, long amount, String currency, Instant expiresAt) {
    }

    record RefundRequest(UUID paymentId, String transactionId, long amount, String currency, String reason) {
    }

    record RefundReceipt(String refundId) {
    }
}
