package io.flashorder.pricing.model;

/** Life of a coupon a user owns; only an AVAILABLE one can be applied to a new order. */
public enum CouponState {
    AVAILABLE,
    /** Held by an order awaiting payment. */
    LOCKED,
    USED,
    EXPIRED
}
