package io.flashorder.pricing.rules.promotion;

/** The two kinds of merchant promotion. */
public enum PromotionKind {
    /** "Spend X, get Y off", with one or more tiers; the best single reached tier applies. */
    SPEND_THRESHOLD,
    /** A percentage off a set of the merchant's SKUs. */
    PERCENT_OFF
}
