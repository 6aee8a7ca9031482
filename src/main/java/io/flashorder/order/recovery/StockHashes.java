package io.flashorder.order.recovery;

import io.flashorder.inventory.ExpectedStock;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.StockDrift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The stock hashes recovery and reconciliation compare: a SKU's or a campaign's, with what it should hold, and how
 * a drifting field reads in the audit (which warehouse, which campaign SKU).
 */
record StockHashes(List<Hash> all) {

    /** One hash: its key, the SKU or campaign it belongs to, and its expected fields. */
    record Hash(String key, UUID skuId, UUID campaignId, Map<String, Long> expected) {

        boolean campaign() {
            return campaignId != null;
        }

        /** The audit row of one changed field. */
        StockRepairLog.Change change(StockDrift.Field field, Long applied, String detail) {
            if (campaign()) {
                int colon = field.field().lastIndexOf(':');
                UUID sku = colon > 0 ? parseOrNull(field.field().substring(0, colon)) : null;
                return new StockRepairLog.Change(sku, null, campaignId, null, field.field().substring(colon + 1),
                        field.observed(), field.expected(), applied, detail);
            }
            UUID warehouse = field.field().startsWith("wh:") ? parseOrNull(field.field().substring(3)) : null;
            return new StockRepairLog.Change(skuId, warehouse, null, null, warehouse == null ? field.field() : "available",
                    field.observed(), field.expected(), applied, detail);
        }
    }

    static StockHashes of(ExpectedStock expected) {
        List<Hash> hashes = new ArrayList<>();
        expected.skuIds().stream().sorted().forEach(sku ->
                hashes.add(new Hash(InventoryKeys.sku(sku), sku, null, expected.skuFields(sku))));
        expected.campaignIds().stream().sorted().forEach(campaign ->
                hashes.add(new Hash(InventoryKeys.campaign(campaign), null, campaign, expected.campaignFields(campaign))));
        return new StockHashes(List.copyOf(hashes));
    }

    List<String> keys() {
        return all.stream().map(Hash::key).toList();
    }

    private static UUID parseOrNull(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
