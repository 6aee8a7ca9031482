package io.flashorder.platform.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IsoInstants reads what Instant.parse reads, to the nanosecond, and refuses what it refuses. */
class IsoInstantsTest {

    @Test
    void readsEveryInstantTheServiceWritesAsInstantParseDoes() {
        Random random = new Random(18);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long second = from + (long) (random.nextDouble() * (to - from));
            // Whole seconds, milliseconds, microseconds and nanoseconds: ISO_INSTANT writes 0, 3, 6 or 9 digits.
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second, nanos));
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T00:00:00Z", "2026-12-31T23:59:59.9Z", "2026-06-15T12:30:45.12Z",
            "2024-02-29T00:00:00.123456789Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999999Z",
            "2026-01-01T01:00:00+01:00", "2026-01-01T00:00:00.5-03:30", "2016-12-31T23:59:60Z", "+12026-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00z"})
    void readsWhatInstantParseReadsAndRefusesTheRest(String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException refused) {
            assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(IsoInstants.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-01-01", "2026-01-01T00:00:00", "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-01T00:60:00Z",
            "2026-01-01T00:00:61Z", "2026-01-01T00:00:00.1234567890Z", "2026-01-01 00:00:00Z",
            "2026-1-01T00:00:00Z", "２026-01-01T00:00:00Z", "2026-01-01T00:00:0aZ", "1700000000", "2026-01-01T00:00:00.-1Z"})
    void refusesWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
