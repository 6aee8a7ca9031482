package io.flashorder.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where one stock hash in Redis differs from what it should be, field by field, and which of its own invariants
 * it breaks ({@code loaded = available + held + sold}, {@code available} = the sum of the warehouses, no negative
 * count). Pure.
 */
public final class StockDrift {

    /** One counter: what Redis has, what it should have. */
    public record Field(String field, long observed, long expected) {

        public long delta() {
            return expected - observed;
        }
    }

    private StockDrift() {
    }

    /** Every field whose value differs (a missing field counts as 0), in field order. */
    public static List<Field> fields(Map<String, Long> expected, Map<String, Long> observed) {
        List<Field> drift = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(expected.keySet());
        names.addAll(observed.keySet());
        for (String name : names) {
            long want = expected.getOrDefault(name, 0L);
            long have = observed.getOrDefault(name, 0L);
            if (want != have) {
                drift.add(new Field(name, have, want));
            }
        }
        return drift;
    }

    /** The SKU hash's own invariants, as broken rules (empty when it is consistent). */
    public static List<String> skuInvariantBreaks(Map<String, Long> observed) {
        List<String> breaks = new ArrayList<>();
        long available = observed.getOrDefault(InventoryKeys.AVAILABLE, 0L);
        long held = observed.getOrDefault(InventoryKeys.HELD, 0L);
        long sold = observed.getOrDefault(InventoryKeys.SOLD, 0L);
        long loaded = observed.getOrDefault(InventoryKeys.LOADED, 0L);
        if (loaded != available + held + sold) {
            breaks.add("loaded " + loaded + " != available " + available + " + held " + held + " + sold " + sold);
        }
        long warehouses = observed.entrySet().stream().filter(e -> e.getKey().startsWith("wh:"))
                .mapToLong(Map.Entry::getValue).sum();
        if (warehouses != available) {
            breaks.add("available " + available + " != sum of warehouses " + warehouses);
        }
        observed.forEach((field, value) -> {
            if (value < 0) {
                breaks.add(field + " is negative (" + value + ")");
            }
        });
        return breaks;
    }

    /** A campaign hash's invariants per SKU: {@code loaded = available + held + sold}, nothing negative. */
    public static List<String> campaignInvariantBreaks(Map<String, Long> observed) {
        List<String> breaks = new ArrayList<>();
        TreeSet<String> skus = new TreeSet<>();
        observed.keySet().forEach(field -> skus.add(field.substring(0, Math.max(0, field.lastIndexOf(':')))));
        for (String sku : skus) {
            long available = observed.getOrDefault(sku + ":" + InventoryKeys.AVAILABLE, 0L);
            long held = observed.getOrDefault(sku + ":" + InventoryKeys.HELD, 0L);
            long sold = observed.getOrDefault(sku + ":" + InventoryKeys.SOLD, 0L);
            long loaded = observed.getOrDefault(sku + ":" + InventoryKeys.LOADED, 0L);
            if (loaded != available + held + sold) {
                breaks.add(sku + ": loaded " + loaded + " != available " + available + " + held " + held
                        + " + sold " + sold);
            }
        }
        observed.forEach((field, value) -> {
            if (value < 0) {
                breaks.add(field + " is negative (" + value + ")");
            }
        });
        return breaks;
    }
}
