package io.flashorder.pricing.model;

import java.time.Instant;
import java.util.Objects;

/** A half-open validity window {@code [startsAt, endsAt)}: live from its start, over at its end. */
public record TimeWindow(Instant startsAt, Instant endsAt) {

    public TimeWindow {
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (!startsAt.isBefore(endsAt)) {
            throw new IllegalArgumentException("window must start before it ends: " + startsAt + " .. " + endsAt);
        }
    }

    public boolean contains(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    public boolean hasEnded(Instant at) {
        return !at.isBefore(endsAt);
    }
}
