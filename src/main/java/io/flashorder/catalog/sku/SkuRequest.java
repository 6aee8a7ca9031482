package io.flashorder.catalog.sku;

import io.flashorder.platform.openapi.ConfiguredValues;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/**
 * Creates or replaces a SKU. Prices are minor units (cents) of an ISO 4217 currency. {@code merchantId} is
 * required from an admin; a merchant's token implies it. {@code status} defaults to ACTIVE.
 */
public record SkuRequest(
        UUID merchantId,
        @NotBlank @Size(max = 200) String title,
        @NotNull @PositiveOrZero @Max(100_000_000_000L) Long listPrice,
        @Schema(extensions = @Extension(name = ConfiguredValues.VALUES, value = ConfiguredValues.CURRENCIES))
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotNull @PositiveOrZero @Max(1_000_000) Integer weightGrams,
        @NotNull @PositiveOrZero @Max(1_000_000) Integer lowStockThreshold,
        SkuStatus status) {
}
