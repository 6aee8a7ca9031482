package io.flashorder.aftersale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A merchant's after-sales timeouts as it set them (null: the platform default, shown in {@code defaults}): hours to
 * review a case before it is approved automatically, days for the buyer to ship goods back before the case closes,
 * days to receive them before they are refunded, days before an exchange's replacement counts as received.
 */
public record AfterSaleSettingsView(@Schema(nullable = true) Integer reviewHours,
                                    @Schema(nullable = true) Integer returnDays,
                                    @Schema(nullable = true) Integer receiptDays,
                                    @Schema(nullable = true) Integer exchangeConfirmDays,
                                    Defaults defaults) {

    public record Defaults(long reviewHours, long returnDays, long receiptDays, long exchangeConfirmDays) {
    }

    /** What a merchant sets; null returns a value to the platform default. */
    public record Request(@Schema(nullable = true) @Min(1) @Max(720) Integer reviewHours,
                          @Schema(nullable = true) @Min(1) @Max(60) Integer returnDays,
                          @Schema(nullable = true) @Min(1) @Max(60) Integer receiptDays,
                          @Schema(nullable = true) @Min(1) @Max(60) Integer exchangeConfirmDays) {
    }
}
