package io.flashorder.inventory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The stock Redis must hold according to PostgreSQL (and to the orders still on their way to it): per SKU the units
 * loaded into each warehouse and the units orders hold or bought from it; per campaign SKU the same totals; per
 * campaign the units each buyer holds or bought. Pure bookkeeping: a recovery writes it into Redis, the
 * reconciliation compares Redis with it. Field names and meanings are those of {@link InventoryKeys}.
 */
public final class ExpectedStock {

    /** A SKU of a campaign whose campaign stock was loaded: its units count against the campaign. */
    public record CampaignSku(UUID campaignId, UUID skuId) {
    }

    /** What an order's units do to the stock: held until it is paid or cancelled, sold once paid. */
    public enum Use { HELD, SOLD }

    private final Set<CampaignSku> campaignSkus;
    private final Map<UUID, Map<UUID, long[]>> skus = new HashMap<>(); // sku -> warehouse -> {loaded, held, sold}
    private final Map<UUID, Map<UUID, long[]>> campaigns = new HashMap<>(); // campaign -> sku -> {loaded, held, sold}
    private final Map<UUID, Map<String, Long>> buyers = new HashMap<>();

    public ExpectedStock(Set<CampaignSku> campaignSkus) {
        this.campaignSkus = Set.copyOf(campaignSkus);
        campaignSkus.forEach(item -> campaign(item.campaignId(), item.skuId()));
    }

    public void loaded(UUID skuId, UUID warehouseId, long units) {
        warehouse(skuId, warehouseId)[0] += units;
    }

    public void loadedInCampaign(UUID campaignId, UUID skuId, long units) {
        campaign(campaignId, skuId)[0] += units;
    }

    /** One order's units, from its allocations, its campaign and its buyer. */
    public void add(OrderStock order, Use use) {
        int slot = use == Use.HELD ? 1 : 2;
        for (OrderStock.Share share : order.allocations()) {
            warehouse(share.skuId(), share.warehouseId())[slot] += share.quantity();
        }
        if (order.campaignId() == null) {
            return;
        }
        for (OrderStock.Units units : order.skus()) {
            if (campaignSkus.contains(new CampaignSku(order.campaignId(), units.skuId()))) {
                campaign(order.campaignId(), units.skuId())[slot] += units.quantity();
                buyers.computeIfAbsent(order.campaignId(), id -> new HashMap<>())
                        .merge(order.userId(), (long) units.quantity(), Long::sum);
            }
        }
    }

    /** Units sold from a warehouse by orders counted in bulk (settled in PostgreSQL). */
    public void sold(UUID skuId, UUID warehouseId, long units) {
        warehouse(skuId, warehouseId)[2] += units;
    }

    /** Units of a SKU sold in a campaign, and to whom, by orders counted in bulk; ignored for non-campaign SKUs. */
    public void soldInCampaign(UUID campaignId, UUID skuId, String buyerId, long units) {
        if (campaignSkus.contains(new CampaignSku(campaignId, skuId))) {
            campaign(campaignId, skuId)[2] += units;
            buyers.computeIfAbsent(campaignId, id -> new HashMap<>()).merge(buyerId, units, Long::sum);
        }
    }

    public Set<UUID> skuIds() {
        return skus.keySet();
    }

    public Set<UUID> campaignIds() {
        return campaigns.keySet();
    }

    /**
     * The SKU's hash: {@code wh:<warehouse>} = loaded there minus held and sold from there, {@code available} their
     * sum, {@code held}, {@code sold}, {@code loaded}. A negative warehouse count means PostgreSQL has more orders
     * than units were loaded: oversold, which no rebuild can undo.
     */
    public Map<String, Long> skuFields(UUID skuId) {
        Map<String, Long> fields = new TreeMap<>();
        long available = 0;
        long held = 0;
        long sold = 0;
        long loaded = 0;
        for (Map.Entry<UUID, long[]> entry : skus.getOrDefault(skuId, Map.of()).entrySet()) {
            long[] counts = entry.getValue();
            long left = counts[0] - counts[1] - counts[2];
            fields.put(InventoryKeys.warehouseField(entry.getKey()), left);
            available += left;
            loaded += counts[0];
            held += counts[1];
            sold += counts[2];
        }
        fields.put(InventoryKeys.AVAILABLE, available);
        fields.put(InventoryKeys.HELD, held);
        fields.put(InventoryKeys.SOLD, sold);
        fields.put(InventoryKeys.LOADED, loaded);
        return fields;
    }

    /** The campaign's hash: per loaded SKU {@code <sku>:available|held|sold|loaded}. */
    public Map<String, Long> campaignFields(UUID campaignId) {
        Map<String, Long> fields = new TreeMap<>();
        campaigns.getOrDefault(campaignId, Map.of()).forEach((sku, counts) -> {
            fields.put(InventoryKeys.campaignField(sku, InventoryKeys.AVAILABLE), counts[0] - counts[1] - counts[2]);
            fields.put(InventoryKeys.campaignField(sku, InventoryKeys.HELD), counts[1]);
            fields.put(InventoryKeys.campaignField(sku, InventoryKeys.SOLD), counts[2]);
            fields.put(InventoryKeys.campaignField(sku, InventoryKeys.LOADED), counts[0]);
        });
        return fields;
    }

    /** The campaign's units per buyer (held or bought), buyers without any left out. */
    public Map<String, Long> campaignBuyers(UUID campaignId) {
        Map<String, Long> units = new LinkedHashMap<>();
        buyers.getOrDefault(campaignId, Map.of()).forEach((buyer, count) -> {
            if (count > 0) {
                units.put(buyer, count);
            }
        });
        return units;
    }

    private long[] warehouse(UUID skuId, UUID warehouseId) {
        return skus.computeIfAbsent(skuId, id -> new HashMap<>()).computeIfAbsent(warehouseId, id -> new long[3]);
    }

    private long[] campaign(UUID campaignId, UUID skuId) {
        return campaigns.computeIfAbsent(campaignId, id -> new HashMap<>()).computeIfAbsent(skuId, id -> new long[3]);
    }
}
