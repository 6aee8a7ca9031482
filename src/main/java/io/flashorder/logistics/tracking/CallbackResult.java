package io.flashorder.logistics.tracking;

import java.util.List;
import java.util.UUID;

/** What a tracking callback did to each parcel of its tracking number. */
public record CallbackResult(String eventId, String trackingNumber, List<ParcelOutcome> parcels) {

    public record ParcelOutcome(UUID parcelId, Outcome outcome, String status) {
    }

    public enum Outcome {
        /** The parcel moved to (or stayed in) the event's status, newer than any before. */
        APPLIED,
        /** Kept in the timeline; the parcel already showed a newer event, or was delivered or refused. */
        KEPT_NOT_APPLIED,
        /** The same event was delivered before: nothing changed. */
        DUPLICATE
    }
}
