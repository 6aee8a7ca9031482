package io.flashorder.settings;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A merchant's settings, replaced as a whole: a null value means "use the platform default" (for the webhook:
 * none). {@code webhookSecret} is write-only; omitted while {@code webhookUrl} stays set, the current secret is kept.
 */
public record SettingsRequest(
        @Min(60) @Max(86400) Integer paymentTimeoutSeconds,
        @Min(1) @Max(60) Integer autoConfirmDays,
        @Min(0) @Max(90) Integer afterSalesDays,
        @Schema(description = "an absolute https (or http) URL on a public host name; null: no webhook")
        @Size(max = 2048) String webhookUrl,
        @Schema(description = "required when webhookUrl is set and no secret is kept; write-only")
        @Size(min = 16, max = 256) String webhookSecret) {
}
