package io.flashorder.analytics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * After-sales per SKU over the range: units paid for, units in cases opened, their rate (4 decimals; null without
 * units sold) and the cases by reason code. Highest rate first.
 */
public record AfterSaleReport(@Schema(nullable = true) UUID merchantId, LocalDate from, LocalDate to,
                              List<SkuFigures> skus) {

    public record SkuFigures(UUID skuId, long unitsSold, long afterSaleUnits, @Schema(nullable = true) BigDecimal rate,
                             long cases, Map<String, Long> casesByReason) {
    }
}
