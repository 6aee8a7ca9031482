package io.flashorder.pricing.model;

import io.flashorder.platform.money.BasisPoints;

import java.util.Objects;

/**
 * A platform-wide membership tier and its discount.
 *
 * @param tier       the tier name as it appears in the buyer's JWT, e.g. {@code "GOLD"}
 * @param name       readable name for the breakdown, e.g. {@code "Gold member 5% off"}
 * @param discountBp discount in basis points (500 = 5%)
 */
public record MemberTier(String tier, String name, int discountBp) {

    public MemberTier {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(name, "name");
        BasisPoints.requireValid(discountBp);
    }
}
