package io.flashorder.order.lifecycle;

/** What moves an order or a merchant order from one status to another (see {@link OrderStateMachine}). */
public enum OrderEvent {
    /** A successful online payment. */
    PAY,
    /** A cash-on-delivery order is confirmed for shipment; payment is due on delivery. */
    CONFIRM_COD,
    /** The buyer cancels before paying. */
    CANCEL,
    /** The payment deadline passed. */
    EXPIRE,
    /** PostgreSQL refused the order as placed (the writer dead-lettered it): cancelled, its stock released. */
    REJECT,
    /** A payment arrived after cancellation and the stock could be reserved again. */
    REVIVE_LATE_PAYMENT,
    /** The merchant handed the parcel to a carrier. */
    SHIP,
    /** The buyer confirmed receipt. */
    CONFIRM_RECEIPT,
    /** Receipt confirmed automatically N days after shipment. */
    AUTO_CONFIRM,
    /** An after-sale case was opened. */
    OPEN_AFTER_SALE,
    /** The after-sale case ended without closing the order: back to where it was. */
    RESUME_AFTER_SALE_TO_SHIPMENT,
    RESUME_AFTER_SALE_TO_RECEIPT,
    RESUME_AFTER_SALE_TO_COMPLETED,
    /** Terminal: cancelled and settled, or fully refunded. */
    CLOSE,
    /** Terminal: a completed merchant order's after-sales window ended. */
    CLOSE_AFTER_SALES_WINDOW,
    /** Terminal, for the order itself: every one of its merchant orders is closed (or cancelled). */
    CLOSE_WITH_MERCHANT_ORDERS
}
