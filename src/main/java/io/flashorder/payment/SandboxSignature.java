package io.flashorder.payment;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The sandbox gateway's callback signature: lowercase hex HMAC-SHA256 over {@code <timestamp>.<raw body>}, where
 * the timestamp is the epoch second sent in {@value #TIMESTAMP_HEADER}. Binding the timestamp into the MAC stops
 * an attacker from refreshing an old callback's timestamp.
 */
public final class SandboxSignature {

    public static final String TIMESTAMP_HEADER = "X-Sandbox-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Sandbox-Signature";

    private SandboxSignature() {
    }

    public static String sign(byte[] secret, long epochSecond, byte[] rawBody) {
        return HexFormat.of().formatHex(mac(secret, epochSecond, rawBody));
    }

    /** Constant time: the comparison does not stop at the first differing byte. */
    public static boolean matches(byte[] secret, long epochSecond, byte[] rawBody, String signatureHex) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signatureHex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, epochSecond, rawBody), given);
    }

    private static byte[] mac(byte[] secret, long epochSecond, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((epochSecond + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(rawBody);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
