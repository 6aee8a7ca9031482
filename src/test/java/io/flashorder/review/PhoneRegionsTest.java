package io.flashorder.review;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The phone-region rule's sources at their boundaries: the country calling code, then the prefix table. */
class PhoneRegionsTest {

    /** China's calling code; mobile segments 139 → EAST, 1390 → SOUTH (longer wins), 186 → NORTH; WEST is abroad. */
    private static final ReviewConfig.PhoneRegion CONFIG = config("86", Map.of("WEST", "44"),
            Map.of("139", "EAST", "1390", "SOUTH", "186", "NORTH"));

    @Test
    void anInternationalNumberMustCarryTheCallingCodeOfTheAddressCountry() {
        assertThat(mismatch("+86 186 1234 5678", "NORTH")).isEmpty();
        assertThat(mismatch("0086 186 1234 5678", "NORTH")).isEmpty();
        assertThat(mismatch("+44 20 7946 0958", "NORTH"))
                .contains("phone outside calling code +86 of address region NORTH");
        assertThat(mismatch("+852 6123 4567", "NORTH")).isPresent(); // Hong Kong: +852 is not +86
        // A region of another country (configured) takes that country's code.
        assertThat(mismatch("+44 20 7946 0958", "WEST")).isEmpty();
        assertThat(mismatch("+86 186 1234 5678", "WEST")).contains("phone outside calling code +44 of address region WEST");
    }

    @Test
    void theLongestListedPrefixNamesTheRegionOfTheNumber() {
        assertThat(mismatch("+86 139 1234 5678", "EAST")).isEmpty();
        assertThat(mismatch("+86 139 1234 5678", "NORTH"))
                .contains("phone number segment of region EAST, address region NORTH");
        assertThat(mismatch("+86 1390 123 4567", "SOUTH")).isEmpty();
        assertThat(mismatch("+86 1390 123 4567", "EAST"))
                .contains("phone number segment of region SOUTH, address region EAST");
        // National numbers (no calling code) are matched the same way; a trunk 0 is not part of the number.
        assertThat(mismatch("186-1234-5678", "NORTH")).isEmpty();
        assertThat(mismatch("186 1234 5678", "EAST")).isPresent();
        assertThat(mismatch("0186 1234 5678", "EAST")).isPresent();
        // A number no prefix covers says nothing about the region.
        assertThat(mismatch("+86 150 1234 5678", "EAST")).isEmpty();
        assertThat(mismatch("150 1234 5678", "WEST")).isEmpty();
    }

    @Test
    void withoutAPrefixTableOnlyTheCountryCounts() {
        ReviewConfig.PhoneRegion countryOnly = config("86", Map.of(), Map.of());
        assertThat(PhoneRegions.mismatch("+86 139 1234 5678", "NORTH", countryOnly)).isEmpty();
        assertThat(PhoneRegions.mismatch("+1 202 555 0100", "NORTH", countryOnly)).isPresent();
    }

    @Test
    void theReasonNamesRegionsAndCodesButNeverTheNumber() {
        assertThat(mismatch("+86 139 1234 5678", "NORTH")).get().asString().doesNotContain("1234", "5678");
        assertThat(mismatch("+44 20 7946 0958", "NORTH")).get().asString().doesNotContain("7946", "0958");
    }

    private static Optional<String> mismatch(String phone, String region) {
        return PhoneRegions.mismatch(phone, region, CONFIG);
    }

    private static ReviewConfig.PhoneRegion config(String country, Map<String, String> regionCodes,
                                                   Map<String, String> prefixes) {
        return new ReviewConfig.PhoneRegion() {
            public int weight() { return 20; }
            public String countryCallingCode() { return country; }
            public Map<String, String> regionCallingCodes() { return regionCodes; }
            public Map<String, String> prefixes() { return prefixes; }
        };
    }
}
