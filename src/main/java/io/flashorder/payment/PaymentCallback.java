package io.flashorder.payment;

import java.time.Instant;

/**
 * An authenticated provider callback: the outcome of one transaction on one session. {@code signature} is what
 * authenticated it (remembered to refuse replays), {@code signedAt} when the provider signed it.
 */
public record PaymentCallback(String transactionId, String sessionId, Result result, long amount, String currency,
                              String failureReason, String signature, Instant signedAt) {

    public enum Result {
        SUCCEEDED,
        FAILED
    }
}
