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
    /** A parcel was picked (it moves on to packing). */
    SHIPMENT_PICKED,
    /** A parcel passed its packing review and is ready to hand over. */
    SHIPMENT_PACKED,
    SHIPMENT_SHIPPED,
    SHIPMENT_DELIVERED,
    /** The buyer refused the parcel; it returns to the merchant. */
    SHIPMENT_REFUSED,
    /** The carrier reported the parcel lost, damaged or delayed. */
    SHIPMENT_EXCEPTION,
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
