package io.flashorder.inventory;

import io.flashorder.events.EventStreams;

import java.util.UUID;

/**
 * Redis key layout of the stock authority. Every key carries an {@link OrderSlot}'s hash tag, so one script touches
 * one cluster slot: {@code {p}} for every SKU and campaign, and a bucketed campaign item's other buckets in their
 * own slots (with their own epoch and recovery fence). The constants and one-argument methods are {@code {p}}'s.
 * <ul>
 *   <li>{@code stock:{p}:sku:<skuId>} hash: {@code wh:<warehouseId>} units available in that warehouse,
 *       and the SKU totals {@code available}, {@code held}, {@code sold}, {@code loaded}
 *       (invariant: loaded = available + held + sold).</li>
 *   <li>{@code stock:{p}:campaign:<campaignId>} hash: per SKU of the campaign,
 *       {@code <skuId>:available|held|sold|loaded}, the units the campaign may still sell at its price.</li>
 *   <li>{@code stock:{p}:load:<batchId>} marker: this stock-load batch was applied.</li>
 *   <li>{@code stock:{p}:epoch}: the stock generation PostgreSQL also records; reservations are refused while it is
 *       missing (Redis came back without it), and a recovery writes the next one when it has rebuilt the stock.</li>
 *   <li>{@code stock:{p}:recovery-fence}: the pod rebuilding the stock holds it (with a TTL); while it exists no
 *       script moves a counter.</li>
 * </ul>
 */
public final class InventoryKeys {

    public static final String PARTITION = "{p}";
    public static final String AVAILABLE = "available";
    public static final String HELD = "held";
    public static final String SOLD = "sold";
    public static final String LOADED = "loaded";

    private InventoryKeys() {
    }

    public static String sku(UUID skuId) {
        return sku(OrderSlot.HOME, skuId);
    }

    public static String sku(OrderSlot slot, UUID skuId) {
        return "stock:" + slot.tag() + ":sku:" + skuId;
    }

    public static String warehouseField(UUID warehouseId) {
        return "wh:" + warehouseId;
    }

    public static String campaign(UUID campaignId) {
        return campaign(campaignId.toString());
    }

    public static String campaignField(UUID skuId, String counter) {
        return skuId + ":" + counter;
    }

    /** Units of a campaign each buyer has ordered (hash: userId to units), for the per-user limit. */
    public static String campaignBuyers(String campaignId) {
        return campaignBuyers(OrderSlot.HOME, campaignId);
    }

    public static String campaignBuyers(OrderSlot slot, String campaignId) {
        return "stock:" + slot.tag() + ":campaign-buyers:" + campaignId;
    }

    public static String campaign(String campaignId) {
        return campaign(OrderSlot.HOME, campaignId);
    }

    public static String campaign(OrderSlot slot, String campaignId) {
        return "stock:" + slot.tag() + ":campaign:" + campaignId;
    }

    /** Stream of stock events (LowStock) that notifications consume. */
    public static final String STOCK_EVENTS = EventStreams.STOCK;

    /**
     * Where the reservation script of {@code slot} adds LowStock events: {@link #STOCK_EVENTS} for {@code {p}}; a stream
     * of the slot's own for another (a script cannot write across slots). The webhooks consume every one of them.
     */
    public static String stockEvents(OrderSlot slot) {
        return EventStreams.stock(slot.tag());
    }
    /** Pub/sub channels: a SKU (or campaignId:skuId) ran out, or got stock again. */
    public static final String SOLD_OUT_CHANNEL = "stock:soldout";
    public static final String RESTOCKED_CHANNEL = "stock:restocked";

    public static final String EPOCH = epoch(OrderSlot.HOME);
    public static final String RECOVERY_FENCE = recoveryFence(OrderSlot.HOME);

    public static String epoch(OrderSlot slot) {
        return "stock:" + slot.tag() + ":epoch";
    }

    public static String recoveryFence(OrderSlot slot) {
        return "stock:" + slot.tag() + ":recovery-fence";
    }

    /** Marker that an after-sale case's units went back into stock (lua/return_stock.lua ran for it). */
    public static String returnedMarker(UUID caseId) {
        return "stock:" + PARTITION + ":returned:" + caseId;
    }

    /** Marker that an exchange's replacement units were taken from stock (lua/take_stock.lua ran for it). */
    public static String takenMarker(UUID reservationId) {
        return "stock:" + PARTITION + ":taken:" + reservationId;
    }

    /** Marker that a released bucketed order's counted units went back to its buyer in its home slot. */
    public static String buyerUnitsReleased(OrderSlot home, UUID orderId) {
        return "stock:" + home.tag() + ":buyer-units-back:" + orderId;
    }

    /** Marker that a revived bucketed order's units were counted again in its buyer's home slot, holding them. */
    public static String buyerUnitsRevived(OrderSlot home, UUID orderId) {
        return "stock:" + home.tag() + ":buyer-units-again:" + orderId;
    }

    /** Marker that a bucketed load's units for one bucket left {p}'s SKU hash (lua/move_stock_out.lua). */
    public static String movedOutMarker(UUID batchId, UUID skuId, int bucket) {
        return "stock:" + PARTITION + ":moved:" + batchId + ":" + skuId + ":" + bucket;
    }

    /** Marker that one bucket's share of a bucketed load was applied in that bucket's slot. */
    public static String shareMarker(OrderSlot bucket, UUID batchId, UUID skuId) {
        return "stock:" + bucket.tag() + ":load:" + batchId + ":" + skuId;
    }

    public static String loadMarker(UUID batchId) {
        return "stock:" + PARTITION + ":load:" + batchId;
    }
}
