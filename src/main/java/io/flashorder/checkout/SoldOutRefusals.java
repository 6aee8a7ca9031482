package io.flashorder.checkout;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.inventory.SoldOutCache;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.Problem;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Which SKUs of an order this pod already knows are sold out, and the one problem that says so. */
@Singleton
public class SoldOutRefusals {

    private static final int MAX_EDGE_PROBLEMS = 1024;

    private final CatalogSnapshotService catalog;
    private final Map<List<UUID>, Problem> edgeProblems = new ConcurrentHashMap<>();
    private final SoldOutCache soldOut;

    public SoldOutRefusals(CatalogSnapshotService catalog, SoldOutCache soldOut) {
        this.catalog = catalog;
        this.soldOut = soldOut;
    }

    /** The requested SKUs known to be gone (at the campaign price when the campaign sells them), with 0 left. */
    public Map<UUID, Long> knownSoldOut(Collection<UUID> skuIds, UUID campaignId) {
        CatalogSnapshot.CampaignInfo campaign = campaignId == null ? null : catalog.current().campaign(campaignId).orElse(null);
        Map<UUID, Long> gone = new LinkedHashMap<>();
        for (UUID sku : skuIds) {
            boolean inCampaign = campaign != null && campaign.pricesBySku().containsKey(sku);
            if (soldOut.isSoldOut(SoldOutCache.keyOf(sku, inCampaign ? campaignId : null))) {
                gone.put(sku, 0L);
            }
        }
        return gone;
    }

    /**
     * The fast path's refusal of SKUs known to be gone ({@link #knownSoldOut}: 0 units each): the same problem for the
     * same SKUs, built once (a sold-out stampede refuses the same cart thousands of times a second).
     */
    Problem knownSoldOutProblem(Map<UUID, Long> gone) {
        List<UUID> skus = List.copyOf(gone.keySet());
        Problem problem = edgeProblems.get(skus);
        if (problem == null) {
            problem = problem(gone).problem();
            if (edgeProblems.size() >= MAX_EDGE_PROBLEMS) {
                edgeProblems.clear(); // a crude bound: a sale sells out a handful of carts
            }
            edgeProblems.put(skus, problem);
        }
        return problem;
    }

    /** 409 {@code sold-out}, naming each SKU and the units still available. */
    public static ApiException problem(Map<UUID, Long> availableBySku) {
        return ApiException.conflict("sold-out", "Not enough stock for " + availableBySku.keySet(),
                Map.of("skus", skus(availableBySku)));
    }

    /**
     * The same for an order of a split campaign item that no stock bucket could fill, with {@code decidedAt}: the
     * Redis time (ISO-8601, µs) its last bucket said so; no bucket gains units without a release or a load, so no
     * order of a single unit is accepted after it unless one of those came.
     */
    public static ApiException problem(Map<UUID, Long> availableBySku, long decidedAtMicros) {
        if (decidedAtMicros == 0) {
            return problem(availableBySku);
        }
        Instant decidedAt = Instant.ofEpochSecond(decidedAtMicros / 1_000_000, decidedAtMicros % 1_000_000 * 1000);
        return ApiException.conflict("sold-out", "Not enough stock for " + availableBySku.keySet(),
                Map.of("skus", skus(availableBySku), "decidedAt", decidedAt.toString()));
    }

    private static List<Map<String, Object>> skus(Map<UUID, Long> availableBySku) {
        return availableBySku.entrySet().stream()
                .map(e -> Map.<String, Object>of("skuId", e.getKey(), "available", e.getValue())).toList();
    }
}
