package io.flashorder.analytics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * How long each stage took (by the day it ended): percentiles read from the stored histograms (each the upper
 * bound of its bucket, whole seconds: at most 19 % above the true value), the exact mean, and the same per
 * warehouse and per carrier; the bottleneck is the stage with the highest p90, with its worst warehouse and carrier.
 */
public record StageReport(@Schema(nullable = true) UUID merchantId, LocalDate from, LocalDate to,
                          List<StageFigures> stages, @Schema(nullable = true) Bottleneck bottleneck) {

    /** Percentiles of one group of observations (a stage, or a stage at one warehouse or with one carrier). */
    public record Figures(long observations, BigDecimal meanSeconds, long p50Seconds, long p90Seconds,
                          long p99Seconds) {
    }

    public record WarehouseFigures(@Schema(nullable = true, description = "null: not known") UUID warehouseId,
                                   Figures figures) {
    }

    public record CarrierFigures(@Schema(nullable = true, description = "null: not known or not shipped yet")
                                 String carrier, Figures figures) {
    }

    public record StageFigures(Stage stage, @Schema(nullable = true) Figures figures,
                               List<WarehouseFigures> byWarehouse, List<CarrierFigures> byCarrier) {
    }

    public record Bottleneck(Stage stage, long p90Seconds, @Schema(nullable = true) WarehouseFigures worstWarehouse,
                             @Schema(nullable = true) CarrierFigures worstCarrier) {
    }
}
