package io.flashorder.analytics;

import io.flashorder.platform.error.ApiException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The UTC days a query covers, both ends included, and at most {@code maxDays} of them. */
public record DateRange(LocalDate from, LocalDate to) {

    /** Refuses (400, naming the parameter) a missing or malformed date, a reversed range, or one too long. */
    public static DateRange parse(String from, String to, int maxDays) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (end.isBefore(start)) {
            throw ApiException.invalidField("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > maxDays) {
            throw ApiException.invalidField("to", "the range may span at most " + maxDays + " days");
        }
        return new DateRange(start, end);
    }

    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first moment after the range. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(name, "is required (a UTC date, YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, "must be a date YYYY-MM-DD");
        }
    }
}
