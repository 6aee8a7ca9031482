package io.flashorder.pricing.rules.shipping;

import io.flashorder.platform.openapi.ConfiguredValues;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/**
 * Creates or replaces a shipping template. Amounts are minor units of {@code currency}. {@code merchantId} is
 * required from an admin; a merchant's token implies it.
 *
 * @param regionCode            one of {@code flashorder.regions}, or {@code "*"} for the merchant's default
 * @param freeShippingThreshold goods payable (after discounts) from which shipping is free; null: never free
 */
public record ShippingTemplateRequest(
        UUID merchantId,
        @Schema(extensions = @Extension(name = ConfiguredValues.VALUES, value = ConfiguredValues.REGIONS_OR_DEFAULT))
        @NotNull @Pattern(regexp = "\\*|[A-Z0-9_]{1,16}", message = "must be a region code or *") String regionCode,
        @NotNull @PositiveOrZero @Max(1_000_000) Integer firstWeightGrams,
        @NotNull @PositiveOrZero @Max(100_000_000L) Long firstWeightPrice,
        @NotNull @Positive @Max(1_000_000) Integer stepGrams,
        @NotNull @PositiveOrZero @Max(100_000_000L) Long stepPrice,
        @PositiveOrZero @Max(100_000_000_000L) Long freeShippingThreshold,
        @Schema(extensions = @Extension(name = ConfiguredValues.VALUES, value = ConfiguredValues.CURRENCIES))
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
}
