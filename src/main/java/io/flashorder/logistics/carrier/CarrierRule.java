package io.flashorder.logistics.carrier;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * Which parcels a carrier may take for a merchant, and its price: {@code baseCost + costPerKg} for every started
 * kilogram. {@code regionCode} "*" matches every region; {@code maxDeclaredValue} null means no limit.
 */
public record CarrierRule(UUID id, String carrier, String regionCode, long minWeightGrams, long maxWeightGrams,
                          @Schema(nullable = true) Long maxDeclaredValue, boolean codSupported, String currency,
                          long baseCost, long costPerKg, boolean preferred, Instant createdAt) {

    public static final String ANY_REGION = "*";

    /** Whether this rule lets its carrier take the parcel. */
    public boolean accepts(CarrierChoice.Parcel parcel) {
        return (regionCode.equals(ANY_REGION) || regionCode.equals(parcel.regionCode()))
                && parcel.weightGrams() >= minWeightGrams && parcel.weightGrams() <= maxWeightGrams
                && (maxDeclaredValue == null || parcel.declaredValue() <= maxDeclaredValue)
                && (codSupported || !parcel.cashOnDelivery())
                && currency.equals(parcel.currency());
    }

    /** The quote for a parcel of this weight. */
    public long cost(long weightGrams) {
        return Math.addExact(baseCost, Math.multiplyExact(costPerKg, Math.ceilDiv(weightGrams, 1_000L)));
    }
}
