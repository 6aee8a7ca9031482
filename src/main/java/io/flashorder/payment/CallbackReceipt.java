package io.flashorder.payment;

/** The webhook's answer to the provider: what the callback did, and whether it had been applied before. */
public record CallbackReceipt(String transactionId, CallbackOutcome outcome, boolean duplicate) {
}
