package io.flashorder.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How merchants verify a delivery: {@code Flashorder-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
 * with {@code timestamp} the {@code Flashorder-Timestamp} header (epoch seconds). Receivers compare in constant
 * time and refuse old timestamps.
 */
public final class WebhookSignature {

    public static final String ID_HEADER = "Flashorder-Event-Id";
    public static final String TYPE_HEADER = "Flashorder-Event-Type";
    public static final String TIMESTAMP_HEADER = "Flashorder-Timestamp";
    public static final String SIGNATURE_HEADER = "Flashorder-Signature";
    public static final String ATTEMPT_HEADER = "Flashorder-Delivery-Attempt";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
