package io.flashorder.pricing.rules.coupontemplate;

import io.flashorder.pricing.model.CouponKind;
import io.flashorder.pricing.model.CouponScope;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A coupon template with how many coupons were claimed ({@code issued}) and are left ({@code remaining}). */
public record CouponTemplateView(UUID id, CouponScope scope, @Schema(nullable = true) UUID merchantId, String name,
                                 CouponKind kind, @Schema(nullable = true) Long amount,
                                 @Schema(nullable = true) Integer percentBp, @Schema(nullable = true) Long percentCap,
                                 @Schema(nullable = true) Long minSpend, String currency, Instant startsAt,
                                 Instant endsAt, int totalQuantity, int issued, int remaining, boolean active,
                                 Instant createdAt, Instant updatedAt, long version) {

    public static CouponTemplateView of(CouponTemplateRow row) {
        return new CouponTemplateView(row.id, row.merchantId == null ? CouponScope.PLATFORM : CouponScope.MERCHANT,
                row.merchantId, row.name, row.kind, row.amount, row.percentBp, row.percentCap, row.minSpend,
                row.currency, row.startsAt, row.endsAt, row.totalQuantity, row.issued,
                Math.max(0, row.totalQuantity - row.issued), row.active, row.createdAt, row.updatedAt, row.version);
    }
}
