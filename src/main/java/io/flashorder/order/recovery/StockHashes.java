package io.flashorder.order.recovery;

import io.flashorder.inventory.ExpectedStock;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.StockDrift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The stock hashes recovery and reconciliation compare: a SKU's or a campaign's, with what it should hold, and how
 * a drifting field reads in the audit (which warehouse, which campaign SKU).
 */
record StockHashes(List<Hash> all) {

    /** One hash: its key, the SKU or campaign it belongs to, and its expected fields. */
    record Hash(String key, OrderSlot slot, UUID skuId, UUID campaignId, Map<String, Long> expected) {

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
        expected.skuPlaces().stream().sorted(PLACES).forEach(sku -> hashes.add(new Hash(
                InventoryKeys.sku(sku.slot(), sku.id()), sku.slot(), sku.id(), null, expected.skuFields(sku))));
        expected.campaignPlaces().stream().sorted(PLACES).forEach(campaign -> hashes.add(new Hash(
                InventoryKeys.campaign(campaign.slot(), campaign.id().toString()), campaign.slot(), null, campaign.id(),
                expected.campaignFields(campaign))));
        return new StockHashes(List.copyOf(hashes));
    }

    /** Slot by slot ({@code {p}} first), then by id. */
    private static final Comparator<ExpectedStock.Place> PLACES = Comparator
            .comparing((ExpectedStock.Place place) -> place.slot().index()).thenComparing(ExpectedStock.Place::id);

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
