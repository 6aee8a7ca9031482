package io.flashorder.risk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalised, hashed forms of phones and addresses: blacklists match them without storing personal data in
 * clear, and trivially different spellings ("+49 30-1234" vs "4930 1234") match the same entry.
 */
public final class Fingerprints {

    private static final Pattern NOT_A_DIGIT = Pattern.compile("[^0-9]");
    private static final Pattern PUNCTUATION_AND_SPACES = Pattern.compile("[\\p{Punct}\\s]+");
    /** Every placement hashes several values: one digest per thread, not a provider lookup per hash. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Fingerprints() {
    }

    public static String phone(String phone) {
        return sha256("phone:" + NOT_A_DIGIT.matcher(phone).replaceAll(""));
    }

    public static String address(String regionCode, String detail) {
        String normalised = PUNCTUATION_AND_SPACES.matcher(detail.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return sha256("address:" + regionCode.toUpperCase(Locale.ROOT) + ":" + normalised);
    }

    /** A client device's fingerprint as given (it is an opaque id: no normalising beyond the hash). */
    public static String device(String fingerprint) {
        return sha256("device:" + fingerprint);
    }

    public static String sha256(String text) {
        return HexFormat.of().formatHex(SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
