package io.flashorder.logistics.carrier;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Shipping insurance (保价): parcels whose goods value exceeds {@code insuranceThreshold} are insured at
 * {@code insuranceBasisPoints} of their declared value (rounded up), never below {@code insuranceMinimumFee}.
 */
public record LogisticsSettingsRequest(
        @NotNull @Min(0) @Max(InsurancePremium.MAX_DECLARED_VALUE) Long insuranceThreshold,
        @NotNull @Min(0) @Max(10_000) Integer insuranceBasisPoints,
        @NotNull @Min(0) @Max(1_000_000_000) Long insuranceMinimumFee) {
}
