package io.flashorder.payment;

import java.time.Instant;
import java.util.UUID;

/** A payment session as the buyer sees it: where to pay, how much, until when. */
public record PaymentView(UUID id, UUID orderId, String provider, String sessionId, String payUrl, long amount,
                          String currency, PaymentStatus status, Instant expiresAt, Instant createdAt) {
}
