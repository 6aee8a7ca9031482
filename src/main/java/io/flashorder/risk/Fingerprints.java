package io.flashorder.risk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Normalised, hashed forms of phones and addresses: blacklists match them without storing personal data in
 * clear, and trivially different spellings ("+49 30-1234" vs "4930 1234") match the same entry.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String phone(String phone) {
        return sha256("phone:" + phone.replaceAll("[^0-9]", ""));
    }

    public static String address(String regionCode, String detail) {
        String normalised = detail.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\s]+", " ").strip();
        return sha256("address:" + regionCode.toUpperCase(Locale.ROOT) + ":" + normalised);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
