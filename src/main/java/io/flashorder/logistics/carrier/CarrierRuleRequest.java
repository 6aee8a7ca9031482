package io.flashorder.logistics.carrier;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A carrier rule as the merchant sends it; the carrier must be one a carrier provider books. */
public record CarrierRuleRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{1,63}",
                message = "must be 2-64 letters, digits, spaces, '.', '_' or '-'") String carrier,
        @NotNull @Pattern(regexp = "\\*|[A-Z][A-Z0-9_]{0,15}", message = "must be a region code or *")
        String regionCode,
        @NotNull @Min(0) @Max(1_000_000_000) Long minWeightGrams,
        @NotNull @Min(1) @Max(1_000_000_000) Long maxWeightGrams,
        @Min(0) @Max(InsurancePremium.MAX_DECLARED_VALUE) Long maxDeclaredValue,
        @NotNull Boolean codSupported,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
        @NotNull @Min(0) @Max(1_000_000_000) Long baseCost,
        @NotNull @Min(0) @Max(1_000_000_000) Long costPerKg,
        @NotNull Boolean preferred) {
}
