package io.flashorder.events;

/** Events other systems (merchants' webhooks, notifications) receive. */
public enum EventType {
    ORDER_PLACED,
    ORDER_PAID,
    PAYMENT_FAILED,
    ORDER_CANCELLED,
    ORDER_SHIPPED,
    ORDER_COMPLETED,
    LOW_STOCK
}
