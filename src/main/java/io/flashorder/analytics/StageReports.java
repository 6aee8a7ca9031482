package io.flashorder.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/** Builds a {@link StageReport} from histogram rows (pure: the rows come from the rollup). */
public final class StageReports {

    /** Observations of one bucket of one stage at one warehouse with one carrier (nulls: unknown). */
    public record HistogramRow(Stage stage, UUID warehouseId, String carrier, int bucket, long observations,
                               long totalMillis) {
    }

    private StageReports() {
    }

    public static StageReport of(UUID merchantId, DateRange range, List<HistogramRow> rows) {
        List<StageReport.StageFigures> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            List<HistogramRow> ofStage = rows.stream().filter(row -> row.stage() == stage).toList();
            List<StageReport.WarehouseFigures> byWarehouse = groups(ofStage, HistogramRow::warehouseId).entrySet()
                    .stream().map(e -> new StageReport.WarehouseFigures(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparing((StageReport.WarehouseFigures w) -> w.figures().p90Seconds())
                            .reversed())
                    .toList();
            List<StageReport.CarrierFigures> byCarrier = groups(ofStage, HistogramRow::carrier).entrySet()
                    .stream().map(e -> new StageReport.CarrierFigures(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparing((StageReport.CarrierFigures c) -> c.figures().p90Seconds())
                            .reversed())
                    .toList();
            stages.add(new StageReport.StageFigures(stage, figures(ofStage), byWarehouse, byCarrier));
        }
        return new StageReport(merchantId, range.from(), range.to(), List.copyOf(stages), bottleneck(stages));
    }

    /** The stage with the highest p90, and its known warehouse and carrier with the highest p90. */
    private static StageReport.Bottleneck bottleneck(List<StageReport.StageFigures> stages) {
        return stages.stream().filter(stage -> stage.figures() != null)
                .max(Comparator.comparingLong((StageReport.StageFigures stage) -> stage.figures().p90Seconds()))
                .map(slowest -> new StageReport.Bottleneck(slowest.stage(), slowest.figures().p90Seconds(),
                        slowest.byWarehouse().stream().filter(w -> w.warehouseId() != null).findFirst().orElse(null),
                        slowest.byCarrier().stream().filter(c -> c.carrier() != null).findFirst().orElse(null)))
                .orElse(null);
    }

    private static <K> Map<K, StageReport.Figures> groups(List<HistogramRow> rows, Function<HistogramRow, K> key) {
        Map<K, List<HistogramRow>> grouped = new LinkedHashMap<>();
        rows.forEach(row -> grouped.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row));
        Map<K, StageReport.Figures> figures = new LinkedHashMap<>();
        grouped.forEach((k, group) -> figures.put(k, Objects.requireNonNull(figures(group))));
        return figures;
    }

    /** Percentiles and mean of the rows together; null without observations. */
    static StageReport.Figures figures(List<HistogramRow> rows) {
        Map<Integer, Long> histogram = new HashMap<>();
        long observations = 0;
        long totalMillis = 0;
        for (HistogramRow row : rows) {
            histogram.merge(row.bucket(), row.observations(), Long::sum);
            observations += row.observations();
            totalMillis += row.totalMillis();
        }
        if (observations == 0) {
            return null;
        }
        BigDecimal mean = BigDecimal.valueOf(totalMillis).divide(BigDecimal.valueOf(observations * 1000L), 3,
                RoundingMode.HALF_UP);
        return new StageReport.Figures(observations, mean, DurationBuckets.percentileSeconds(histogram, 0.50),
                DurationBuckets.percentileSeconds(histogram, 0.90), DurationBuckets.percentileSeconds(histogram, 0.99));
    }
}
