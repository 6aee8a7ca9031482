package io.flashorder.pricing.model;

/** Who funds a coupon and what it can discount: the whole order, or one merchant's part of it. */
public enum CouponScope {
    PLATFORM,
    MERCHANT
}
