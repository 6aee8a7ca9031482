package io.flashorder.payment;

import java.time.Instant;
import java.util.UUID;

/** Outbox payloads of the payment feature. */
public final class PaymentEvents {

    private PaymentEvents() {
    }

    /** An attempt to pay failed; the order still waits for payment until its deadline. */
    public record PaymentFailed(UUID orderId, UUID paymentId, String provider, String transactionId, String reason,
                                Instant at) {
    }
}
