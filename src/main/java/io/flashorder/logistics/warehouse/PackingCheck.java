package io.flashorder.logistics.warehouse;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Pure rules of the packing review: what the scan lacks or has too much of, and whether the weight is off. */
public final class PackingCheck {

    private PackingCheck() {
    }

    /** One SKU whose scanned units differ from the parcel's ({@code difference} = scanned − expected). */
    public record Difference(UUID skuId, long expected, long scanned, long difference) {
    }

    /** Units per SKU, summed (a scanner may report a SKU once per unit). */
    public static Map<UUID, Long> unitsBySku(List<ParcelLine> lines) {
        Map<UUID, Long> units = new TreeMap<>();
        for (ParcelLine line : lines) {
            units.merge(line.skuId(), (long) line.quantity(), Long::sum);
        }
        return units;
    }

    /** Every SKU whose scanned count differs from the expected one, by SKU id; empty when they match. */
    public static List<Difference> differences(Map<UUID, Long> expected, Map<UUID, Long> scanned) {
        Map<UUID, Difference> differences = new TreeMap<>();
        expected.forEach((sku, units) -> {
            long got = scanned.getOrDefault(sku, 0L);
            if (got != units) {
                differences.put(sku, new Difference(sku, units, got, got - units));
            }
        });
        scanned.forEach((sku, units) -> {
            if (!expected.containsKey(sku)) {
                differences.put(sku, new Difference(sku, 0, units, units));
            }
        });
        return List.copyOf(differences.values());
    }

    /**
     * Whether a weighed parcel is off its catalog weight by more than the tolerance: the larger of
     * {@code basisPoints} of the expected weight (rounded up) and {@code minGrams}.
     */
    public static boolean weightFlagged(long expectedGrams, long weighedGrams, int basisPoints, int minGrams) {
        long share = Math.ceilDiv(Math.multiplyExact(expectedGrams, (long) basisPoints), 10_000L);
        long tolerance = Math.max(share, minGrams);
        return Math.abs(weighedGrams - expectedGrams) > tolerance;
    }
}
