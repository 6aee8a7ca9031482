package io.flashorder.analytics;

/** The stages whose durations analytics measures, each from one moment of a merchant order (or case) to the next. */
public enum Stage {
    PLACED_TO_PAID,
    PAID_TO_SHIPPED,
    SHIPPED_TO_DELIVERED,
    DELIVERED_TO_COMPLETED,
    AFTER_SALE_OPEN_TO_CLOSED
}
