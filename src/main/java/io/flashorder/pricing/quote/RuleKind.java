package io.flashorder.pricing.quote;

/** The kinds of discount rule, declared in the order the engine applies them. */
public enum RuleKind {
    MEMBER_TIER,
    PERCENT_OFF_PROMOTION,
    SPEND_THRESHOLD_PROMOTION,
    MERCHANT_COUPON,
    PLATFORM_COUPON,
    /** Member points the buyer spent: a platform rule whose ruleId is the number of points spent. */
    POINTS
}
