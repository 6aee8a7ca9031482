package io.flashorder.logistics.warehouse;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A parcel as the merchant's console shows it. */
public record ParcelView(UUID id, UUID warehouseId, UUID orderId, UUID merchantOrderId, ParcelStatus status,
                         @Schema(nullable = true) UUID waveId, @Schema(nullable = true) UUID mergedInto,
                         @Schema(nullable = true) String addressProblem,
                         @Schema(nullable = true) Long expectedWeightGrams,
                         @Schema(nullable = true) Long packedWeightGrams, boolean weightFlagged, int mismatchCount,
                         @Schema(nullable = true) String carrier, @Schema(nullable = true) String trackingNumber,
                         Instant createdAt, @Schema(nullable = true) Instant pickingAt,
                         @Schema(nullable = true) Instant packingAt, @Schema(nullable = true) Instant readyAt,
                         @Schema(nullable = true) Instant shippedAt,
                         @Schema(nullable = true) String carrierReason, @Schema(nullable = true) String currency,
                         @Schema(nullable = true) Long declaredValue, @Schema(nullable = true) Long shippingCost,
                         boolean insured, @Schema(nullable = true) Long insurancePremium,
                         @Schema(nullable = true) Instant bookedAt, @Schema(nullable = true) String trackingStatus,
                         @Schema(nullable = true) Instant lastEventAt, @Schema(nullable = true) Instant deliveredAt,
                         @Schema(nullable = true) String signer, @Schema(nullable = true) String exceptionReason,
                         List<ParcelLine> lines) {

    public static ParcelView of(ParcelRow row, List<ParcelLine> lines) {
        return new ParcelView(row.id(), row.warehouseId(), row.orderId(), row.merchantOrderId(), row.status(),
                row.waveId(), row.mergedInto(), row.addressProblem(), row.expectedWeightGrams(),
                row.packedWeightGrams(), row.weightFlagged(), row.mismatchCount(), row.carrier(),
                row.trackingNumber(), row.createdAt(), row.pickingAt(), row.packingAt(), row.readyAt(),
                row.shippedAt(), row.carrierReason(), row.currency(), row.declaredValue(), row.shippingCost(),
                row.insured(), row.insurancePremium(), row.bookedAt(), row.trackingStatus(), row.lastEventAt(),
                row.deliveredAt(), row.signer(), row.exceptionReason(), lines);
    }
}
