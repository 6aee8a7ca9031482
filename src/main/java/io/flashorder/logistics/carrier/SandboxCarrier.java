package io.flashorder.logistics.carrier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.logistics.LogisticsConfig;
import io.flashorder.payment.SandboxSignature;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.Problem;
import io.flashorder.platform.json.IsoInstants;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The sandbox carrier, in process, behaving like a real one: books waybills (a tracking number derived from the
 * parcel id, so booking twice gives the same waybill) and signs its tracking callbacks like the sandbox payment
 * gateway: lowercase hex HMAC-SHA256 over {@code <epoch second>.<raw body>} ({@link SandboxSignature}), in
 * {@value #SIGNATURE_HEADER} with the second in {@value #TIMESTAMP_HEADER}. The callback body is a
 * {@link SandboxTrackingEvent}. Without a configured secret it refuses every callback.
 */
@Startup // reads its secret at start-up, never on an event loop
@ApplicationScoped
public class SandboxCarrier implements CarrierProvider {

    public static final String NAME = "sandbox";
    public static final String TIMESTAMP_HEADER = "X-Carrier-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Carrier-Signature";
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACKING = Pattern.compile("[A-Za-z0-9-]{4,64}");
    private static final int TEXT_MAX = 200;

    private final Optional<byte[]> secret;
    private final LogisticsConfig config;
    private final ObjectMapper json;

    public SandboxCarrier(LogisticsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.secret = secret(config.sandbox());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> carriers() {
        return Set.copyOf(config.sandbox().carriers());
    }

    @Override
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    public Uni<Waybill> book(BookingRequest request) {
        return Uni.createFrom().item(() -> {
            String digest = SandboxSignature.sign(secret.orElse(NAME.getBytes(StandardCharsets.US_ASCII)), 0,
                    request.parcelId().toString().getBytes(StandardCharsets.US_ASCII));
            String trackingNumber = "SBX" + digest.substring(0, 16).toUpperCase(Locale.ROOT);
            String label = String.join("|", request.carrier(), trackingNumber, request.regionCode(),
                    request.weightGrams() + "g", request.insured() ? "INSURED " + request.declaredValue() + " "
                            + request.currency() : "UNINSURED", request.cashOnDelivery() ? "COD" : "PREPAID");
            return new Waybill(trackingNumber, label);
        });
    }

    @Override
    public TrackingCallback verify(Function<String, String> headers, byte[] rawBody, Instant now) {
        byte[] key = secret.orElseThrow(() -> ApiException.unavailable("carrier-not-configured",
                "The sandbox carrier has no callback secret configured"));
        String timestampHeader = headers.apply(TIMESTAMP_HEADER);
        String signature = headers.apply(SIGNATURE_HEADER);
        if (timestampHeader == null || signature == null || signature.isBlank()) {
            throw unauthorized("webhook-signature-missing", "The callback carries no " + TIMESTAMP_HEADER + " and "
                    + SIGNATURE_HEADER);
        }
        long epochSecond;
        try {
            epochSecond = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            throw unauthorized("webhook-signature-invalid", "The callback timestamp is not an epoch second");
        }
        signature = signature.strip().toLowerCase(Locale.ROOT);
        if (!SandboxSignature.matches(key, epochSecond, rawBody, signature)) {
            throw unauthorized("webhook-signature-invalid", "The callback signature does not match its body");
        }
        Instant signedAt = Instant.ofEpochSecond(epochSecond);
        if (signedAt.isBefore(now.minus(config.callbackTolerance()))) {
            throw unauthorized("webhook-timestamp-stale", "The callback was signed more than "
                    + config.callbackTolerance().toSeconds() + " seconds ago");
        }
        if (signedAt.isAfter(now.plus(config.callbackFutureSkew()))) {
            throw unauthorized("webhook-timestamp-in-future", "The callback is signed for a time in the future");
        }
        return read(rawBody, signature);
    }

    private TrackingCallback read(byte[] rawBody, String signature) {
        SandboxTrackingEvent event;
        try {
            event = json.readValue(rawBody, SandboxTrackingEvent.class);
        } catch (JsonProcessingException e) {
            throw ApiException.unreadableJson(e);
        } catch (IOException e) {
            throw malformed("The callback body is not a sandbox tracking event");
        }
        if (event == null || event.eventId() == null || !EVENT_ID.matcher(event.eventId()).matches()
                || event.trackingNumber() == null || !TRACKING.matcher(event.trackingNumber()).matches()
                || event.status() == null || event.occurredAt() == null) {
            throw malformed("The callback needs eventId (1-128 of A-Z a-z 0-9 . _ : -), trackingNumber, status and "
                    + "occurredAt");
        }
        TrackingStatus status;
        try {
            status = TrackingStatus.valueOf(event.status());
        } catch (IllegalArgumentException e) {
            throw malformed("Unknown tracking status " + shortened(event.status()));
        }
        Instant occurredAt;
        try {
            occurredAt = IsoInstants.parse(event.occurredAt());
        } catch (DateTimeParseException e) {
            throw malformed("occurredAt is not an ISO-8601 instant");
        }
        TrackingStatus.ExceptionReason reason = null;
        if (status == TrackingStatus.EXCEPTION) {
            try {
                reason = TrackingStatus.ExceptionReason.valueOf(String.valueOf(event.reason()));
            } catch (IllegalArgumentException e) {
                throw malformed("An EXCEPTION needs a reason: LOST, DAMAGED or DELAYED");
            }
        }
        if (status == TrackingStatus.DELIVERED && (event.signer() == null || event.signer().isBlank())) {
            throw malformed("A DELIVERED event names its signer");
        }
        return new TrackingCallback(event.eventId(), event.trackingNumber(), status, occurredAt,
                text(event.location(), "location"), text(event.detail(), "detail"), text(event.signer(), "signer"),
                reason, signature);
    }

    /** What the sandbox carrier posts (documented as the webhook's request body). */
    public record SandboxTrackingEvent(String eventId, String trackingNumber, String status, String occurredAt,
                                       String location, String detail, String signer, String reason) {
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > TEXT_MAX) {
            throw malformed(field + " is longer than " + TEXT_MAX + " characters");
        }
        return value.strip();
    }

    private static String shortened(String value) {
        return value.length() > 32 ? value.substring(0, 32) + "..." : value;
    }

    private static Optional<byte[]> secret(LogisticsConfig.Sandbox sandbox) {
        Optional<String> value = sandbox.webhookSecret().filter(s -> !s.isBlank()).or(() -> {
            try {
                return Optional.of(Files.readString(sandbox.webhookSecretFile()).strip());
            } catch (IOException e) {
                Log.warnf("No sandbox carrier secret (flashorder.logistics.sandbox.webhook-secret or %s): its "
                        + "callbacks are refused", sandbox.webhookSecretFile());
                return Optional.empty();
            }
        });
        if (value.isPresent() && value.get().length() < 32) {
            throw new IllegalStateException("The sandbox carrier secret must be at least 32 characters");
        }
        return value.map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiException unauthorized(String code, String detail) {
        return new ApiException(Problem.of(401, code, "Unauthorized", detail));
    }

    private static ApiException malformed(String detail) {
        return ApiException.badRequest("webhook-malformed", detail);
    }
}
