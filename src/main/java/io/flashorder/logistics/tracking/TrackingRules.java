package io.flashorder.logistics.tracking;

import io.flashorder.logistics.carrier.TrackingStatus;
import io.flashorder.logistics.warehouse.ParcelStatus;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a tracking event moves a parcel: only a shipped parcel (or one in EXCEPTION) moves, only for an event
 * that happened after the last one applied, and DELIVERED and REFUSED are final. So events arriving late or out of
 * order never move a parcel back, and the parcel always shows its latest event.
 */
public final class TrackingRules {

    private TrackingRules() {
    }

    /** The parcel's status after the event, or empty when the event does not move it. */
    public static Optional<ParcelStatus> next(ParcelStatus current, Instant lastEventAt, TrackingStatus event,
                                              Instant occurredAt) {
        if (current != ParcelStatus.SHIPPED && current != ParcelStatus.EXCEPTION) {
            return Optional.empty();
        }
        if (lastEventAt != null && !occurredAt.isAfter(lastEventAt)) {
            return Optional.empty();
        }
        return Optional.of(switch (event) {
            case DELIVERED -> ParcelStatus.DELIVERED;
            case REFUSED -> ParcelStatus.REFUSED;
            case EXCEPTION -> ParcelStatus.EXCEPTION;
            case PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY -> ParcelStatus.SHIPPED;
        });
    }
}
