package io.flashorder.inventory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The stock Redis must hold according to PostgreSQL (and to the orders still on their way to it): per slot and SKU
 * the units loaded into each warehouse and the units orders hold or bought from it; per slot and campaign SKU the
 * same totals; per slot and campaign the units each buyer holds or bought. Pure bookkeeping: a recovery writes it
 * into Redis, the reconciliation compares Redis with it. Field names and meanings are those of {@link InventoryKeys}.
 *
 * <p>Everything lives in {@code {p}} ({@link OrderSlot#HOME}) except a campaign item split over B stock buckets: its
 * campaign loads split evenly over slots 0..B-1 ({@link OrderSlot#split}), the warehouse units moved out of
 * {@code {p}} for a bucket count in that bucket's slot, an order's units count in the slot that holds it
 * ({@code customer_order.stock_slot}) and its buyer's units in the buyer's home slot ({@link OrderSlot#homeOf}).
 */
public final class ExpectedStock {

    /** A SKU of a campaign whose campaign stock was loaded: its units count against the campaign. */
    public record CampaignSku(UUID campaignId, UUID skuId) {
    }

    /** Where a hash lives: its slot, and the SKU or campaign it is of. */
    public record Place(OrderSlot slot, UUID id) {

        static Place home(UUID id) {
            return new Place(OrderSlot.HOME, id);
        }
    }

    /** What an order's units do to the stock: held until it is paid or cancelled, sold once paid. */
    public enum Use { HELD, SOLD }

    private final Map<CampaignSku, Integer> buckets;
    private final Map<Place, Map<UUID, long[]>> skus = new HashMap<>(); // sku place -> warehouse -> {loaded, held, sold}
    private final Map<Place, Map<UUID, long[]>> campaigns = new HashMap<>(); // campaign place -> sku -> {l, h, s}
    private final Map<Place, Map<String, Long>> buyers = new HashMap<>(); // campaign place -> buyer -> units

    /** Campaign SKUs all in {@code {p}}. */
    public ExpectedStock(Set<CampaignSku> campaignSkus) {
        this(campaignSkus.stream().collect(java.util.stream.Collectors.toMap(item -> item, item -> 1)));
    }

    /** @param bucketsByCampaignSku each loaded campaign SKU and the stock buckets its units are split over */
    public ExpectedStock(Map<CampaignSku, Integer> bucketsByCampaignSku) {
        this.buckets = Map.copyOf(bucketsByCampaignSku);
        buckets.forEach((item, count) -> {
            for (int slot = 0; slot < count; slot++) {
                campaign(new Place(OrderSlot.of(slot), item.campaignId()), item.skuId());
            }
        });
    }

    public void loaded(UUID skuId, UUID warehouseId, long units) {
        loaded(OrderSlot.HOME, skuId, warehouseId, units);
    }

    public void loaded(OrderSlot slot, UUID skuId, UUID warehouseId, long units) {
        warehouse(new Place(slot, skuId), warehouseId)[0] += units;
    }

    /** Warehouse units of a SKU moved out of {@code {p}} into a stock bucket's slot (lua/move_stock_out.lua). */
    public void moved(UUID skuId, UUID warehouseId, OrderSlot to, long units) {
        loaded(OrderSlot.HOME, skuId, warehouseId, -units);
        loaded(to, skuId, warehouseId, units);
    }

    /** One campaign load: split over the item's buckets as the load split it (each load on its own). */
    public void loadedInCampaign(UUID campaignId, UUID skuId, long units) {
        int count = bucketsOf(campaignId, skuId);
        java.util.List<Long> shares = OrderSlot.split(units, count);
        for (int slot = 0; slot < count; slot++) {
            campaign(new Place(OrderSlot.of(slot), campaignId), skuId)[0] += shares.get(slot);
        }
    }

    /** One order's units, from its allocations, its campaign and its buyer. */
    public void add(OrderStock order, Use use) {
        int counter = use == Use.HELD ? 1 : 2;
        for (OrderStock.Share share : order.allocations()) {
            warehouse(new Place(order.slot(), share.skuId()), share.warehouseId())[counter] += share.quantity();
        }
        if (order.campaignId() == null) {
            return;
        }
        for (OrderStock.Units units : order.skus()) {
            CampaignSku item = new CampaignSku(order.campaignId(), units.skuId());
            if (buckets.containsKey(item)) {
                campaign(new Place(order.slot(), order.campaignId()), units.skuId())[counter] += units.quantity();
                buyers.computeIfAbsent(buyerPlace(item, order.userId()), place -> new HashMap<>())
                        .merge(order.userId(), (long) units.quantity(), Long::sum);
            }
        }
    }

    /** Units sold from a warehouse of {@code {p}} by orders counted in bulk (settled in PostgreSQL). */
    public void sold(UUID skuId, UUID warehouseId, long units) {
        sold(OrderSlot.HOME, skuId, warehouseId, units);
    }

    public void sold(OrderSlot slot, UUID skuId, UUID warehouseId, long units) {
        warehouse(new Place(slot, skuId), warehouseId)[2] += units;
    }

    /** Units of a SKU sold in a campaign, and to whom, by orders of {@code {p}} counted in bulk. */
    public void soldInCampaign(UUID campaignId, UUID skuId, String buyerId, long units) {
        soldInCampaign(OrderSlot.HOME, campaignId, skuId, buyerId, units);
    }

    /** The same for orders held in {@code slot}; ignored for non-campaign SKUs. */
    public void soldInCampaign(OrderSlot slot, UUID campaignId, UUID skuId, String buyerId, long units) {
        CampaignSku item = new CampaignSku(campaignId, skuId);
        if (buckets.containsKey(item)) {
            campaign(new Place(slot, campaignId), skuId)[2] += units;
            buyers.computeIfAbsent(buyerPlace(item, buyerId), place -> new HashMap<>()).merge(buyerId, units, Long::sum);
        }
    }

    /** Every SKU with a hash in some slot. */
    public Set<UUID> skuIds() {
        Set<UUID> ids = new java.util.HashSet<>();
        skus.keySet().forEach(place -> ids.add(place.id()));
        return ids;
    }

    /** Every campaign with a hash in some slot. */
    public Set<UUID> campaignIds() {
        Set<UUID> ids = new java.util.HashSet<>();
        campaigns.keySet().forEach(place -> ids.add(place.id()));
        return ids;
    }

    public Set<Place> skuPlaces() {
        return skus.keySet();
    }

    /** Every slot a campaign has stock in: its campaign hash and its buyers' units live there. */
    public Set<Place> campaignPlaces() {
        return campaigns.keySet();
    }

    public Map<String, Long> skuFields(UUID skuId) {
        return skuFields(Place.home(skuId));
    }

    /**
     * The SKU's hash in a slot: {@code wh:<warehouse>} = loaded there minus held and sold from there, {@code available}
     * their sum, {@code held}, {@code sold}, {@code loaded}. A negative warehouse count means PostgreSQL has more
     * orders than units were loaded: oversold, which no rebuild can undo.
     */
    public Map<String, Long> skuFields(Place sku) {
        Map<String, Long> fields = new TreeMap<>();
        long available = 0;
        long held = 0;
        long sold = 0;
        long loaded = 0;
        for (Map.Entry<UUID, long[]> entry : skus.getOrDefault(sku, Map.of()).entrySet()) {
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

    public Map<String, Long> campaignFields(UUID campaignId) {
        return campaignFields(Place.home(campaignId));
    }

    /** The campaign's hash in a slot: per loaded SKU {@code <sku>:available|held|sold|loaded}. */
    public Map<String, Long> campaignFields(Place campaign) {
        Map<String, Long> fields = new TreeMap<>();
        campaigns.getOrDefault(campaign, Map.of()).forEach((sku, counts) -> {
            fields.put(InventoryKeys.campaignField(sku, InventoryKeys.AVAILABLE), counts[0] - counts[1] - counts[2]);
            fields.put(InventoryKeys.campaignField(sku, InventoryKeys.HELD), counts[1]);
            fields.put(InventoryKeys.campaignField(sku, InventoryKeys.SOLD), counts[2]);
            fields.put(InventoryKeys.campaignField(sku, InventoryKeys.LOADED), counts[0]);
        });
        return fields;
    }

    public Map<String, Long> campaignBuyers(UUID campaignId) {
        return campaignBuyers(Place.home(campaignId));
    }

    /** The campaign's units per buyer whose home is this slot (held or bought), buyers without any left out. */
    public Map<String, Long> campaignBuyers(Place campaign) {
        Map<String, Long> units = new LinkedHashMap<>();
        buyers.getOrDefault(campaign, Map.of()).forEach((buyer, count) -> {
            if (count > 0) {
                units.put(buyer, count);
            }
        });
        return units;
    }

    private int bucketsOf(UUID campaignId, UUID skuId) {
        return buckets.getOrDefault(new CampaignSku(campaignId, skuId), 1);
    }

    private Place buyerPlace(CampaignSku item, String buyerId) {
        return new Place(OrderSlot.homeOf(buyerId, bucketsOf(item.campaignId(), item.skuId())), item.campaignId());
    }

    private long[] warehouse(Place sku, UUID warehouseId) {
        return skus.computeIfAbsent(sku, id -> new HashMap<>()).computeIfAbsent(warehouseId, id -> new long[3]);
    }

    private long[] campaign(Place campaign, UUID skuId) {
        return campaigns.computeIfAbsent(campaign, id -> new HashMap<>()).computeIfAbsent(skuId, id -> new long[3]);
    }
}
