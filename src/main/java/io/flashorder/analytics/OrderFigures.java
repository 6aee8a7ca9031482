package io.flashorder.analytics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Orders per period (by the hour they were placed in), per currency: how many, their value (GMV, minor units), how
 * many of them were paid (and for how much) and cancelled, the rates of both (4 decimals, half up; null without
 * orders), and why they were cancelled over the whole range.
 */
public record OrderFigures(@Schema(nullable = true) UUID merchantId, LocalDate from, LocalDate to,
                           Granularity granularity, List<Row> periods, List<Row> totals,
                           Map<String, Long> cancellationReasons) {

    public record Row(@Schema(nullable = true) Instant period, String currency, long orders, long gmv, long paid,
                      long paidAmount, @Schema(nullable = true) BigDecimal paidRate, long cancelled,
                      @Schema(nullable = true) BigDecimal cancellationRate) {

        static Row of(Instant period, String currency, long orders, long gmv, long paid, long paidAmount,
                      long cancelled) {
            return new Row(period, currency, orders, gmv, paid, paidAmount, rate(paid, orders), cancelled,
                    rate(cancelled, orders));
        }
    }

    /** part / whole to 4 decimals (half up); null when there is no whole. */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
