package io.flashorder.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.Problem;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The sandbox gateway, in process, behaving like a real one: sessions with an id, a pay URL, the amount and an
 * expiry; refunds idempotent per payment; callbacks signed with HMAC-SHA256 over {@code timestamp + "." + body}
 * (see {@link SandboxSignature}) with a secret from configuration, never from the repository.
 * The callback body: {@code {"type":"payment.succeeded"|"payment.failed","transactionId":"...","sessionId":"...",
 * "amount":12900,"currency":"EUR","failureReason":null}}.
 */
@Startup // reads its secret at start-up, never on an event loop
@ApplicationScoped
public class SandboxProvider implements PaymentProvider {

    public static final String NAME = "sandbox";

    private final byte[] secret;
    private final PaymentsConfig config;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    public SandboxProvider(PaymentsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.secret = secret(config.sandbox());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    public Uni<PaymentSession> openSession(SessionRequest request) {
        return Uni.createFrom().item(() -> {
            String sessionId = "sbx_sess_" + randomHex(12);
            return new PaymentSession(sessionId, config.sandbox().payUrlBase() + sessionId, request.amount(),
                    request.currency(), request.expiresAt());
        });
    }

    @Override
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 200) // idempotent per payment: the same payment always gets the same refund
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    public Uni<RefundReceipt> refund(RefundRequest request) {
        return Uni.createFrom().item(() -> new RefundReceipt("sbx_re_" + SandboxSignature.sign(secret, 0,
                request.paymentId().toString().getBytes(StandardCharsets.US_ASCII)).substring(0, 24)));
    }

    @Override
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    public Uni<RefundReceipt> requestRefund(RefundRequest request, String attemptKey) {
        return Uni.createFrom().item(() -> new RefundReceipt("sbx_re_" + SandboxSignature.sign(secret, 0,
                attemptKey.getBytes(StandardCharsets.UTF_8)).substring(0, 24)));
    }

    @Override
    public PaymentCallback verify(Function<String, String> headers, byte[] rawBody, Instant now) {
        Signed signed = authenticate(headers, rawBody, now);
        return read(rawBody, signed.signature(), signed.signedAt());
    }

    @Override
    public RefundCallback verifyRefund(Function<String, String> headers, byte[] rawBody, Instant now) {
        Signed signed = authenticate(headers, rawBody, now);
        SandboxRefundEvent event;
        try {
            event = json.readValue(rawBody, SandboxRefundEvent.class);
        } catch (JsonProcessingException e) {
            throw ApiException.unreadableJson(e);
        } catch (IOException e) {
            throw malformed("The callback body is not a sandbox refund event");
        }
        if (event == null || event.refundId() == null || event.refundId().isBlank() || event.refundId().length() > 128
                || event.amount() == null || event.currency() == null || event.type() == null) {
            throw malformed("The callback lacks refundId, amount, currency or type");
        }
        PaymentCallback.Result result = switch (event.type()) {
            case "refund.succeeded" -> PaymentCallback.Result.SUCCEEDED;
            case "refund.failed" -> PaymentCallback.Result.FAILED;
            default -> throw malformed("Unknown refund callback type " + event.type());
        };
        return new RefundCallback(event.refundId(), result, event.amount(), event.currency(), event.failureReason(),
                signed.signature(), signed.signedAt());
    }

    private record Signed(String signature, Instant signedAt) {
    }

    /** The signature over the raw bytes, in constant time, then its age; nothing is parsed before. */
    private Signed authenticate(Function<String, String> headers, byte[] rawBody, Instant now) {
        String timestampHeader = headers.apply(SandboxSignature.TIMESTAMP_HEADER);
        String signature = headers.apply(SandboxSignature.SIGNATURE_HEADER);
        if (timestampHeader == null || signature == null || signature.isBlank()) {
            throw unauthorized("webhook-signature-missing", "The callback carries no " + SandboxSignature.TIMESTAMP_HEADER
                    + " and " + SandboxSignature.SIGNATURE_HEADER);
        }
        long epochSecond;
        try {
            epochSecond = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            throw unauthorized("webhook-signature-invalid", "The callback timestamp is not an epoch second");
        }
        signature = signature.strip().toLowerCase(java.util.Locale.ROOT);
        if (!SandboxSignature.matches(secret, epochSecond, rawBody, signature)) {
            throw unauthorized("webhook-signature-invalid", "The callback signature does not match its body");
        }
        Instant signedAt = Instant.ofEpochSecond(epochSecond);
        if (signedAt.isBefore(now.minus(config.signatureTolerance()))) {
            throw unauthorized("webhook-timestamp-stale", "The callback was signed more than "
                    + config.signatureTolerance().toMinutes() + " minutes ago");
        }
        if (signedAt.isAfter(now.plus(config.futureSkew()))) {
            throw unauthorized("webhook-timestamp-in-future", "The callback is signed for a time in the future");
        }
        return new Signed(signature, signedAt);
    }

    private PaymentCallback read(byte[] rawBody, String signature, Instant signedAt) {
        SandboxEvent event;
        try {
            event = json.readValue(rawBody, SandboxEvent.class);
        } catch (JsonProcessingException e) {
            throw ApiException.unreadableJson(e); // names the field, like any other body
        } catch (IOException e) {
            throw malformed("The callback body is not a sandbox event");
        }
        if (event == null || event.transactionId() == null || event.transactionId().isBlank()
                || event.transactionId().length() > 128 || event.sessionId() == null || event.amount() == null
                || event.currency() == null || event.type() == null) {
            throw malformed("The callback lacks transactionId, sessionId, amount, currency or type");
        }
        PaymentCallback.Result result = switch (event.type()) {
            case "payment.succeeded" -> PaymentCallback.Result.SUCCEEDED;
            case "payment.failed" -> PaymentCallback.Result.FAILED;
            default -> throw malformed("Unknown callback type " + event.type());
        };
        return new PaymentCallback(event.transactionId(), event.sessionId(), result, event.amount(), event.currency(),
                event.failureReason(), signature, signedAt);
    }

    /** What the sandbox posts (documented as the webhook's request body). */
    public record SandboxEvent(String type, String transactionId, String sessionId, Long amount, String currency,
                               String failureReason) {
    }

    /** What the sandbox posts to the refund webhook (documented as its request body). */
    public record SandboxRefundEvent(String type, String refundId, Long amount, String currency,
                                     String failureReason) {
    }

    private String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static byte[] secret(PaymentsConfig.Sandbox sandbox) {
        String value = sandbox.webhookSecret().filter(s -> !s.isBlank()).orElseGet(() -> {
            try {
                return Files.readString(sandbox.webhookSecretFile()).strip();
            } catch (IOException e) {
                throw new IllegalStateException("No sandbox webhook secret: set flashorder.payments.sandbox.webhook-secret "
                        + "(FLASHORDER_SANDBOX_WEBHOOK_SECRET) or run scripts/keys.sh to create "
                        + sandbox.webhookSecretFile(), e);
            }
        });
        if (value.length() < 32) {
            throw new IllegalStateException("The sandbox webhook secret must be at least 32 characters");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static ApiException unauthorized(String code, String detail) {
        return new ApiException(Problem.of(401, code, "Unauthorized", detail));
    }

    private static ApiException malformed(String detail) {
        return ApiException.badRequest("webhook-malformed", detail);
    }
}
