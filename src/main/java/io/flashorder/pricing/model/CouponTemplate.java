package io.flashorder.pricing.model;

import io.flashorder.platform.money.BasisPoints;
import io.flashorder.platform.money.Money;

import java.util.Objects;
import java.util.UUID;

/**
 * What a coupon is worth and where it applies. Use {@link #fixed} or {@link #percent} to build one.
 *
 * @param merchantId    the merchant for {@link CouponScope#MERCHANT}, null for {@link CouponScope#PLATFORM}
 * @param fixedAmount   the amount off, for {@link CouponKind#FIXED} only
 * @param percentBp     the percentage off in basis points, for {@link CouponKind#PERCENT} only
 * @param percentCap    the most a percent coupon takes off; null means uncapped
 * @param minSpend      the eligible amount must reach this; null means no minimum
 * @param totalQuantity how many may be claimed; matters to claiming, not to pricing
 */
public record CouponTemplate(UUID templateId, String name, CouponScope scope, UUID merchantId,
                             CouponKind kind, Money fixedAmount, int percentBp, Money percentCap,
                             Money minSpend, TimeWindow validity, int totalQuantity) {

    public CouponTemplate {
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(validity, "validity");
        if ((scope == CouponScope.MERCHANT) != (merchantId != null)) {
            throw new IllegalArgumentException("a merchant coupon names its merchant, a platform one none: " + templateId);
        }
        if (kind == CouponKind.FIXED && (fixedAmount == null || fixedAmount.signum() < 0
                || percentBp != 0 || percentCap != null)) {
            throw new IllegalArgumentException("a FIXED coupon has a non-negative amount and no percentage: " + templateId);
        }
        if (kind == CouponKind.PERCENT && (fixedAmount != null || percentBp <= 0
                || (percentCap != null && percentCap.signum() < 0))) {
            throw new IllegalArgumentException("a PERCENT coupon has a positive percentage and no fixed amount: " + templateId);
        }
        BasisPoints.requireValid(percentBp);
        if (minSpend != null && minSpend.signum() < 0) {
            throw new IllegalArgumentException("minimum spend must not be negative: " + templateId);
        }
        if (totalQuantity < 0) {
            throw new IllegalArgumentException("total quantity must not be negative: " + templateId);
        }
    }

    public static CouponTemplate fixed(UUID templateId, String name, UUID merchantIdOrNull, Money amount,
                                       Money minSpend, TimeWindow validity, int totalQuantity) {
        return new CouponTemplate(templateId, name, scopeOf(merchantIdOrNull), merchantIdOrNull,
                CouponKind.FIXED, amount, 0, null, minSpend, validity, totalQuantity);
    }

    public static CouponTemplate percent(UUID templateId, String name, UUID merchantIdOrNull, int percentBp,
                                         Money capOrNull, Money minSpend, TimeWindow validity, int totalQuantity) {
        return new CouponTemplate(templateId, name, scopeOf(merchantIdOrNull), merchantIdOrNull,
                CouponKind.PERCENT, null, percentBp, capOrNull, minSpend, validity, totalQuantity);
    }

    private static CouponScope scopeOf(UUID merchantIdOrNull) {
        return merchantIdOrNull == null ? CouponScope.PLATFORM : CouponScope.MERCHANT;
    }
}
