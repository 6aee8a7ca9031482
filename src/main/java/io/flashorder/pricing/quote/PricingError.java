package io.flashorder.pricing.quote;

/** Why a cart cannot be priced; each has a stable machine code for problem+json. */
public enum PricingError {
    EMPTY_CART("empty-cart"),
    INVALID_LINE("invalid-line"),
    INVALID_QUANTITY("invalid-quantity"),
    DUPLICATE_SKU("duplicate-sku"),
    SKU_NOT_FOUND("sku-not-found"),
    SKU_INACTIVE("sku-inactive"),
    MIXED_CURRENCY("mixed-currency"),
    CAMPAIGN_NOT_FOUND("campaign-not-found"),
    CAMPAIGN_NOT_LIVE("campaign-not-live"),
    COUPON_NOT_FOUND("coupon-not-found"),
    COUPON_NOT_OWNED("coupon-not-owned"),
    COUPON_LOCKED("coupon-locked"),
    COUPON_USED("coupon-used"),
    COUPON_EXPIRED("coupon-expired"),
    COUPON_NOT_YET_VALID("coupon-not-yet-valid"),
    COUPON_NOT_APPLICABLE("coupon-not-applicable"),
    COUPON_MIN_SPEND_NOT_MET("coupon-min-spend-not-met"),
    DUPLICATE_COUPON("duplicate-coupon"),
    TOO_MANY_COUPONS("too-many-coupons"),
    REGION_MISSING("region-missing"),
    NO_SHIPPING_TEMPLATE("no-shipping-template"),
    AMOUNT_OUT_OF_RANGE("amount-out-of-range"),
    POINTS_NOT_IN_STEPS("points-not-in-steps"),
    POINTS_OVER_CAP("points-over-cap");

    private final String code;

    PricingError(String code) {
        this.code = code;
    }

    /** The stable, kebab-case code clients may switch on. */
    public String code() {
        return code;
    }
}
