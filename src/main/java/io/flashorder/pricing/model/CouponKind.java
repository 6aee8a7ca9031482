package io.flashorder.pricing.model;

/** A fixed amount off, or a percentage off (optionally capped). */
public enum CouponKind {
    FIXED,
    PERCENT
}
