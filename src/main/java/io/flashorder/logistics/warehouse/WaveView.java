package io.flashorder.logistics.warehouse;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A pick wave: PICKING until the merchant reports it picked. */
public record WaveView(UUID id, UUID warehouseId, String status, int parcelCount, String createdBy,
                       Instant createdAt, @Schema(nullable = true) Instant pickedAt) {
}
