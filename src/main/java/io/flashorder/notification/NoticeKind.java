package io.flashorder.notification;

/**
 * The notices a buyer receives. The {@link #essential} ones are about the buyer's money (what is owed, paid or given
 * back): they always go by SMS, and only their email copy can be turned off. The others can be turned off on both.
 */
public enum NoticeKind {
    ORDER_PLACED(true),
    PAYMENT_SUCCEEDED(true),
    PAYMENT_FAILED(true),
    PAYMENT_EXPIRED(true),
    ORDER_CANCELLED(true),
    ORDER_SHIPPED(false),
    ORDER_DELIVERED(false),
    AFTER_SALE_UPDATED(false),
    REFUND_COMPLETED(true);

    private final boolean essential;

    NoticeKind(boolean essential) {
        this.essential = essential;
    }

    public boolean essential() {
        return essential;
    }

    /** Whether a buyer may turn this kind off on that channel. */
    public boolean canTurnOff(Channel channel) {
        return !(essential && channel == Channel.SMS);
    }
}
