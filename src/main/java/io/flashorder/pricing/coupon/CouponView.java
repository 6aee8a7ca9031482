package io.flashorder.pricing.coupon;

import io.flashorder.pricing.model.CouponKind;
import io.flashorder.pricing.model.CouponScope;
import io.flashorder.pricing.model.CouponState;
import io.flashorder.pricing.rules.coupontemplate.CouponTemplateRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A coupon its owner holds: what it is worth (from its template) and its state (from Redis; EXPIRED once the
 * template's validity has ended and it was not used or locked).
 */
public record CouponView(UUID id, UUID templateId, String name, CouponScope scope,
                         @Schema(nullable = true) UUID merchantId, CouponKind kind,
                         @Schema(nullable = true) Long amount, @Schema(nullable = true) Integer percentBp,
                         @Schema(nullable = true) Long percentCap, @Schema(nullable = true) Long minSpend,
                         String currency, Instant validFrom, Instant validUntil, CouponState state, Instant claimedAt) {

    static CouponView of(CouponRow coupon, CouponTemplateRow template, CouponState state) {
        return new CouponView(coupon.id, coupon.templateId, template.name,
                template.merchantId == null ? CouponScope.PLATFORM : CouponScope.MERCHANT, template.merchantId,
                template.kind, template.amount, template.percentBp, template.percentCap, template.minSpend,
                template.currency, template.startsAt, template.endsAt, state, coupon.claimedAt);
    }

    /** Redis state, AVAILABLE while its hash is not yet mirrored, EXPIRED when an unused coupon's validity ended. */
    static CouponState effectiveState(CouponState stored, CouponTemplateRow template, Instant now) {
        CouponState state = stored == null ? CouponState.AVAILABLE : stored;
        return state == CouponState.AVAILABLE && !now.isBefore(template.endsAt) ? CouponState.EXPIRED : state;
    }
}
