package io.flashorder.analytics;

import io.flashorder.platform.error.ApiException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The period of each row of order figures. */
public enum Granularity {
    DAY,
    HOUR;

    public static Granularity parse(String value) {
        if (value == null || value.isBlank()) {
            return DAY;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("granularity", "must be DAY or HOUR");
        }
    }

    Instant periodOf(Instant hour) {
        return this == DAY ? hour.truncatedTo(ChronoUnit.DAYS) : hour;
    }
}
