package io.flashorder.payment;

import java.time.Instant;

/**
 * An authenticated refund callback: the provider's verdict on one refund it accepted earlier. {@code signature} is
 * what authenticated it (remembered to refuse replays), {@code signedAt} when the provider signed it.
 */
public record RefundCallback(String refundId, PaymentCallback.Result result, long amount, String currency,
                             String failureReason, String signature, Instant signedAt) {
}
