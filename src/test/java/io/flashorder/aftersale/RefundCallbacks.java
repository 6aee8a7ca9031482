package io.flashorder.aftersale;

import io.flashorder.payment.SandboxSignature;
import io.flashorder.support.SandboxCallbacks;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.restassured.RestAssured.given;

/** Plays the sandbox gateway's refund callbacks (test code), signed like its payment callbacks. */
public final class RefundCallbacks {

    static final String WEBHOOK = "/api/v1/webhooks/refunds/sandbox";

    private RefundCallbacks() {
    }

    static String body(String result, String refundId, long amount, String currency) {
        return "{\"type\":\"refund." + result + "\",\"refundId\":\"" + refundId + "\",\"amount\":" + amount
                + ",\"currency\":\"" + currency + "\",\"failureReason\":"
                + ("failed".equals(result) ? "\"account closed\"" : "null") + "}";
    }

    public static SandboxCallbacks.Signed signed(String result, String refundId, long amount, Instant at) {
        return SandboxCallbacks.sign(body(result, refundId, amount, "EUR"), at);
    }

    public static Response post(SandboxCallbacks.Signed signed) {
        return given().contentType(ContentType.JSON)
                .header(SandboxSignature.TIMESTAMP_HEADER, signed.timestamp())
                .header(SandboxSignature.SIGNATURE_HEADER, signed.signature())
                .body(signed.body().getBytes(StandardCharsets.UTF_8))
                .post(WEBHOOK);
    }
}
