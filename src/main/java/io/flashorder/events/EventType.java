package io.flashorder.events;

/** Events other systems (merchants' webhooks, notifications) receive. */
public enum EventType {
    ORDER_PLACED,
    ORDER_PAID,
    PAYMENT_FAILED,
    ORDER_CANCELLED,
    ORDER_SHIPPED,
    ORDER_COMPLETED,
    LOW_STOCK,
    /** After-sales (io.flashorder.aftersale): a case was opened, decided, moved along, and ended. */
    AFTER_SALE_REQUESTED,
    AFTER_SALE_APPROVED,
    AFTER_SALE_REJECTED,
    AFTER_SALE_RETURN_SHIPPED,
    AFTER_SALE_RETURN_RECEIVED,
    AFTER_SALE_REFUNDED,
    AFTER_SALE_EXCHANGE_SHIPPED,
    AFTER_SALE_SUCCEEDED,
    AFTER_SALE_CLOSED,
    /** A merchant order is closed for good (交易关闭): fully refunded, or its after-sales window ended. */
    ORDER_CLOSED
}
