package io.flashorder.support;

import io.flashorder.payment.SandboxSignature;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static io.restassured.RestAssured.given;

/**
 * Plays the sandbox gateway in tests: builds its callback bodies and signs them with the local secret that
 * scripts/keys.sh wrote (the one the application verifies with), at a given time (the test clock's).
 */
public final class SandboxCallbacks {

    public static final String WEBHOOK = "/api/v1/webhooks/payments/sandbox";

    private SandboxCallbacks() {
    }

    /** A body and the headers that authenticate it. */
    public record Signed(String body, String timestamp, String signature) {
    }

    public static String body(String type, String transactionId, String sessionId, long amount, String currency,
                              String failureReason) {
        return "{\"type\":\"" + type + "\",\"transactionId\":\"" + transactionId + "\",\"sessionId\":\"" + sessionId
                + "\",\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"failureReason\":"
                + (failureReason == null ? "null" : "\"" + failureReason + "\"") + "}";
    }

    public static Signed succeeded(String sessionId, String transactionId, long amount, String currency, Instant at) {
        return sign(body("payment.succeeded", transactionId, sessionId, amount, currency, null), at);
    }

    public static Signed failed(String sessionId, String transactionId, long amount, String currency, Instant at) {
        return sign(body("payment.failed", transactionId, sessionId, amount, currency, "card declined"), at);
    }

    public static Signed sign(String body, Instant at) {
        return sign(body, at, secret());
    }

    public static Signed sign(String body, Instant at, byte[] secret) {
        long epochSecond = at.getEpochSecond();
        return new Signed(body, Long.toString(epochSecond),
                SandboxSignature.sign(secret, epochSecond, body.getBytes(StandardCharsets.UTF_8)));
    }

    public static Response post(Signed signed) {
        return given().contentType(ContentType.JSON)
                .header(SandboxSignature.TIMESTAMP_HEADER, signed.timestamp())
                .header(SandboxSignature.SIGNATURE_HEADER, signed.signature())
                .body(signed.body().getBytes(StandardCharsets.UTF_8))
                .post(WEBHOOK);
    }

    public static byte[] secret() {
        try {
            return Files.readString(Path.of("build/keys/sandbox-webhook-secret")).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Run scripts/keys.sh first", e);
        }
    }
}
