package io.flashorder.order;

/** States of an order and of each merchant order (see the lifecycle in DESIGN.md). */
public enum OrderStatus {
    PENDING_PAYMENT,
    AWAITING_SHIPMENT,
    AWAITING_RECEIPT,
    COMPLETED,
    CANCELLED,
    AFTER_SALE,
    CLOSED
}
