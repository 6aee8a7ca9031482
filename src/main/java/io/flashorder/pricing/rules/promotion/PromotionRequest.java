package io.flashorder.pricing.rules.promotion;

import io.flashorder.platform.openapi.ConfiguredValues;
import jakarta.validation.Valid;
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
import java.util.List;
import java.util.UUID;

/**
 * Creates or replaces a merchant promotion, live during [startsAt, endsAt) while {@code active} (default true).
 * SPEND_THRESHOLD needs {@code tiers} and {@code currency}; PERCENT_OFF needs {@code discountBp} and
 * {@code skuIds} (the merchant's own SKUs). {@code merchantId} is required from an admin; a merchant's token
 * implies it. The kind cannot change once created.
 */
public record PromotionRequest(
        UUID merchantId,
        @NotNull PromotionKind kind,
        @NotBlank @Size(max = 120) String name,
        @NotNull Instant startsAt,
        @Schema(description = "must be after startsAt") @NotNull Instant endsAt,
        @Schema(description = "SPEND_THRESHOLD: 1 to 10 tiers") @Size(max = 10) List<@NotNull @Valid Tier> tiers,
        @Schema(description = "required for SPEND_THRESHOLD",
                extensions = @Extension(name = ConfiguredValues.VALUES, value = ConfiguredValues.CURRENCIES))
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @Schema(description = "PERCENT_OFF: the merchant's own SKUs, at least one")
        @Size(max = 500) List<@NotNull UUID> skuIds,
        @Schema(description = "required for PERCENT_OFF") @Min(1) @Max(10_000) Integer discountBp,
        Boolean active) {

    /** Spend at least {@code threshold}, get {@code reduction} off (minor units of the promotion's currency). */
    public record Tier(
            @NotNull @PositiveOrZero @Max(100_000_000_000L) Long threshold,
            @NotNull @Positive @Max(100_000_000_000L) Long reduction) {
    }

    List<Tier> tiersOrEmpty() {
        return tiers == null ? List.of() : tiers;
    }

    List<UUID> skuIdsOrEmpty() {
        return skuIds == null ? List.of() : skuIds;
    }
}
