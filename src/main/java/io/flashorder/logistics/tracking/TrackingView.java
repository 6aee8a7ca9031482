package io.flashorder.logistics.tracking;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The buyer's view of an order's parcels: where each stands and every carrier event, oldest first. */
public record TrackingView(UUID orderId, List<Shipment> shipments) {

    public record Shipment(UUID parcelId, String status, @Schema(nullable = true) String carrier,
                           @Schema(nullable = true) String trackingNumber, @Schema(nullable = true) Instant shippedAt,
                           @Schema(nullable = true) Instant deliveredAt, List<Event> events) {
    }

    public record Event(String status, Instant occurredAt, @Schema(nullable = true) String location,
                        @Schema(nullable = true) String detail, @Schema(nullable = true) String reason) {
    }
}
