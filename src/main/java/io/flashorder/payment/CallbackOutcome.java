package io.flashorder.payment;

/** What one provider callback did (recorded with it, and answered to the provider). */
public enum CallbackOutcome {
    /** The order was pending: it is paid now. */
    PAID,
    /** A failed attempt while the order was pending: recorded, PaymentFailed emitted, the order stays pending. */
    FAILURE_RECORDED,
    /** A failure after the order was settled (out of order, or another session paid it): nothing changed. */
    FAILURE_IGNORED,
    /** The order was cancelled when the payment succeeded: being revived or refunded. */
    LATE_PENDING,
    /** Late payment with the stock still there: the order is paid (REVIVE_LATE_PAYMENT). */
    LATE_REVIVED,
    /** Late payment without the stock (or coupons): refunded through the provider. */
    LATE_REFUNDED,
    /** A second successful payment of an order already paid: being refunded. */
    DUPLICATE_PENDING,
    /** A second successful payment of an order already paid: refunded. */
    DUPLICATE_REFUNDED,
    /** A success signed after its session expired (never a normal payment): being refunded. */
    EXPIRED_PENDING,
    /** A success signed after its session expired: refunded; the order is left as it was. */
    EXPIRED_REFUNDED;

    public boolean pending() {
        return this == LATE_PENDING || this == DUPLICATE_PENDING || this == EXPIRED_PENDING;
    }
}
