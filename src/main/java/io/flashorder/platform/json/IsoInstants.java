package io.flashorder.platform.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads ISO-8601 instants as {@link Instant#parse} does. The form this service writes ({@code 2026-01-01T00:00:00Z},
 * with 0-9 fraction digits) is read by hand: the formatter builds a parse context, a field map and a resolver per call,
 * about 1.6 kB, and every order's payload and events carry several instants. Anything else (an offset, a leap second,
 * a malformed text) goes to the formatter, which reads it or throws its {@link DateTimeParseException}.
 */
public final class IsoInstants {

    private static final int SHORTEST = "0000-01-01T00:00:00Z".length();

    private IsoInstants() {
    }

    public static Instant parse(CharSequence text) {
        Instant instant = canonical(text);
        return instant != null ? instant : DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other text. */
    private static Instant canonical(CharSequence text) {
        int length = text.length();
        if (length < SHORTEST || length > SHORTEST + 10 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        int fractionDigits = length - SHORTEST - 1; // after the dot, before the Z
        if (length > SHORTEST) {
            if (fractionDigits < 1 || text.charAt(19) != '.') {
                return null;
            }
            nanos = digits(text, 20, fractionDigits);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number written by {@code count} ASCII digits from {@code start}; -1 if one is not a digit. */
    private static int digits(CharSequence text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
