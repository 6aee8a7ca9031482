package io.flashorder.pricing.rules.coupontemplate;

import io.flashorder.platform.openapi.ConfiguredValues;
import io.flashorder.pricing.model.CouponKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * Creates or replaces a coupon template. Amounts are minor units of {@code currency}. FIXED needs {@code amount};
 * PERCENT needs {@code percentBp} and may cap it with {@code percentCap}. Coupons are valid during
 * [startsAt, endsAt) and can be claimed until endsAt while {@code active} (default true), {@code totalQuantity}
 * in all. {@code merchantId}: an admin names the merchant of a merchant coupon, or leaves it out for a
 * platform-wide coupon; a merchant's token implies its own.
 */
public record CouponTemplateRequest(
        UUID merchantId,
        @NotBlank @Size(max = 120) String name,
        @NotNull CouponKind kind,
        @Schema(description = "required for FIXED, absent for PERCENT") @Positive @Max(100_000_000_000L) Long amount,
        @Schema(description = "required for PERCENT, absent for FIXED") @Min(1) @Max(10_000) Integer percentBp,
        @Schema(description = "PERCENT only: the most it takes off") @Positive @Max(100_000_000_000L) Long percentCap,
        @PositiveOrZero @Max(100_000_000_000L) Long minSpend,
        @Schema(extensions = @Extension(name = ConfiguredValues.VALUES, value = ConfiguredValues.CURRENCIES))
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotNull Instant startsAt,
        @Schema(description = "must be after startsAt") @NotNull Instant endsAt,
        @NotNull @PositiveOrZero @Max(10_000_000) Integer totalQuantity,
        Boolean active) {
}
