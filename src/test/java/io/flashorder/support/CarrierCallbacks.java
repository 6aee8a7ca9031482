package io.flashorder.support;

import io.flashorder.logistics.carrier.SandboxCarrier;
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

/** Plays the sandbox carrier: signed tracking callbacks, as scripts/carrier-callback.sh sends them. */
public final class CarrierCallbacks {

    public static final String WEBHOOK = "/api/v1/webhooks/carriers/sandbox";

    private CarrierCallbacks() {
    }

    public record Signed(String body, String timestamp, String signature) {
    }

    public static String body(String eventId, String trackingNumber, String status, Instant occurredAt, String signer,
                       String reason) {
        return "{\"eventId\":\"" + eventId + "\",\"trackingNumber\":\"" + trackingNumber + "\",\"status\":\"" + status
                + "\",\"occurredAt\":\"" + occurredAt + "\",\"location\":\"Hub 7\",\"detail\":\"scan\",\"signer\":"
                + (signer == null ? "null" : "\"" + signer + "\"") + ",\"reason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + "}";
    }

    public static Signed sign(String body, Instant at) {
        return sign(body, at, secret());
    }

    public static Signed sign(String body, Instant at, byte[] secret) {
        long second = at.getEpochSecond();
        return new Signed(body, Long.toString(second),
                SandboxSignature.sign(secret, second, body.getBytes(StandardCharsets.UTF_8)));
    }

    public static Response post(Signed signed) {
        return given().contentType(ContentType.JSON)
                .header(SandboxCarrier.TIMESTAMP_HEADER, signed.timestamp())
                .header(SandboxCarrier.SIGNATURE_HEADER, signed.signature())
                .body(signed.body().getBytes(StandardCharsets.UTF_8))
                .post(WEBHOOK);
    }

    public static byte[] secret() {
        try {
            return Files.readString(Path.of("build/keys/sandbox-carrier-secret")).strip()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Run scripts/keys.sh first", e);
        }
    }
}
