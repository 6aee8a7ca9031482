package io.flashorder.events;

/** Events other systems (merchants' webhooks, notifications) receive. */
public enum EventType {
    ORDER_PLACED,
    ORDER_PAID,
    PAYMENT_FAILED,
    ORDER_CANCELLED,
    ORDER_SHIPPED,
    ORDER_COMPLETED,
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
    LOW_STOCK
}
