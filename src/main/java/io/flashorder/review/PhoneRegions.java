package io.flashorder.review;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a phone number says its owner is, against the order's address, pure: there is no number-to-region database
 * here, so the sources are explicit and configured ({@link ReviewConfig.PhoneRegion}). First the country: an
 * international number (+CC or 00CC) must carry the calling code of the address's country (its region's, else the
 * platform's). Then, when configured, the prefix table: the longest national-number prefix listed names a platform
 * region (e.g. a mobile number segment's province), which must be the address's region. Details name regions and
 * calling codes only, never the number.
 */
final class PhoneRegions {

    private PhoneRegions() {
    }

    /** Why the phone does not fit the address's region, if it does not. */
    static Optional<String> mismatch(String phone, String regionCode, ReviewConfig.PhoneRegion config) {
        String trimmed = phone.strip();
        String digits = trimmed.replaceAll("[^0-9]", "");
        String region = regionCode.toUpperCase(Locale.ROOT);
        String country = config.regionCallingCodes().getOrDefault(region, config.countryCallingCode());
        String national;
        if (trimmed.startsWith("+") || digits.startsWith("00")) {
            String international = trimmed.startsWith("+") ? digits : digits.substring(2);
            // Calling codes are prefix-free (E.164), so a number either starts with the country's code or is foreign.
            if (!international.startsWith(country)) {
                return Optional.of("phone outside calling code +" + country + " of address region " + region);
            }
            national = international.substring(country.length());
        } else {
            national = digits.startsWith("0") ? digits.substring(1) : digits; // the trunk prefix of national dialling
        }
        return prefixRegion(national, config.prefixes())
                .filter(phoneRegion -> !phoneRegion.equalsIgnoreCase(region))
                .map(phoneRegion -> "phone number segment of region " + phoneRegion + ", address region " + region);
    }

    /** The region of the longest listed prefix the national number starts with. */
    private static Optional<String> prefixRegion(String national, Map<String, String> prefixes) {
        String best = null;
        for (String prefix : prefixes.keySet()) {
            if (national.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return Optional.ofNullable(best).map(prefixes::get).map(String::strip);
    }
}
