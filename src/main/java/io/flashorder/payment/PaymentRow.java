package io.flashorder.payment;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code payment}. */
public record PaymentRow(UUID id, UUID orderId, String buyerId, String provider, String sessionId, String payUrl,
                         long amount, String currency, PaymentStatus status, String transactionId, Instant expiresAt,
                         Instant createdAt) {

    public PaymentView view() {
        return new PaymentView(id, orderId, provider, sessionId, payUrl, amount, currency, status, expiresAt, createdAt);
    }
}
