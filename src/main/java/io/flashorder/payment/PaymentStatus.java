package io.flashorder.payment;

/** A payment session's state: open, paid, failed, or paid and then refunded by the service. */
public enum PaymentStatus {
    OPEN,
    SUCCEEDED,
    FAILED,
    REFUNDED
}
