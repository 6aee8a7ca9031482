package io.flashorder.logistics.carrier;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** The merchant's insurance settings; {@code configured} false: nothing is insured. */
public record LogisticsSettingsView(boolean configured, @Schema(nullable = true) Long insuranceThreshold,
                                    @Schema(nullable = true) Integer insuranceBasisPoints,
                                    @Schema(nullable = true) Long insuranceMinimumFee,
                                    @Schema(nullable = true) Instant updatedAt) {

    static final LogisticsSettingsView NONE = new LogisticsSettingsView(false, null, null, null, null);
}
