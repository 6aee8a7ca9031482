package io.flashorder.logistics.carrier;

import java.time.Instant;

/** One authenticated tracking event of a carrier. */
public record TrackingCallback(String eventId, String trackingNumber, TrackingStatus status, Instant occurredAt,
                               String location, String detail, String signer,
                               TrackingStatus.ExceptionReason reason, String signature) {
}
