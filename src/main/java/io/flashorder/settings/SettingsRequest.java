package io.flashorder.settings;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * A merchant's settings, replaced as a whole: a null value means "use the platform default" (for the webhook:
 * none). {@code webhookSecret} is write-only; omitted while {@code webhookUrl} stays set, the current secret is kept.
 */
public record SettingsRequest(
        @Min(60) @Max(86400) Integer paymentTimeoutSeconds,
        @Min(1) @Max(60) Integer autoConfirmDays,
        @Min(0) @Max(90) Integer afterSalesDays,
        @Size(max = 2048) String webhookUrl,
        @Size(min = 16, max = 256) String webhookSecret) {
}
