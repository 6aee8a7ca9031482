package io.flashorder.review;

/** The rules of the risk score (weights and thresholds in {@link ReviewConfig}). */
public enum RiskRule {
    SHARED_ADDRESS,
    SHARED_DEVICE,
    PHONE_REGION_MISMATCH,
    MANY_COUPONS,
    COUPON_HEAVY_FIRST_ORDER,
    VALUE_ABOVE_HISTORY,
    MANY_CANCELLATIONS
}
