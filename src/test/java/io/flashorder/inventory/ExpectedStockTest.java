package io.flashorder.inventory;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The bookkeeping recovery writes and the reconciliation compares with: pure, no Redis. */
class ExpectedStockTest {

    private final UUID sku = UUID.randomUUID();
    private final UUID north = UUID.randomUUID();
    private final UUID south = UUID.randomUUID();
    private final UUID campaign = UUID.randomUUID();

    private OrderStock order(String buyer, UUID campaignId, int fromNorth, int fromSouth) {
        return new OrderStock(OrderSlot.HOME, UUID.randomUUID(), buyer, campaignId,
                List.of(new OrderStock.Units(sku, fromNorth + fromSouth)),
                List.of(new OrderStock.Share(sku, north, fromNorth), new OrderStock.Share(sku, south, fromSouth)),
                List.of());
    }

    @Test
    void loadsMinusHeldAndSoldPerWarehouseAndInTheCampaign() {
        ExpectedStock expected = new ExpectedStock(Set.of(new ExpectedStock.CampaignSku(campaign, sku)));
        expected.loaded(sku, north, 10);
        expected.loaded(sku, south, 5);
        expected.loadedInCampaign(campaign, sku, 8);
        expected.add(order("ann", campaign, 2, 1), ExpectedStock.Use.HELD);
        expected.add(order("bob", null, 1, 0), ExpectedStock.Use.SOLD);
        expected.sold(sku, south, 2);
        expected.soldInCampaign(campaign, sku, "ann", 1);

        assertThat(expected.skuFields(sku)).isEqualTo(Map.of(
                InventoryKeys.warehouseField(north), 7L, InventoryKeys.warehouseField(south), 2L,
                "available", 9L, "held", 3L, "sold", 3L, "loaded", 15L));
        assertThat(expected.campaignFields(campaign)).isEqualTo(Map.of(
                sku + ":available", 4L, sku + ":held", 3L, sku + ":sold", 1L, sku + ":loaded", 8L));
        assertThat(expected.campaignBuyers(campaign)).isEqualTo(Map.of("ann", 4L));
        assertThat(StockDrift.skuInvariantBreaks(expected.skuFields(sku))).isEmpty();
    }

    @Test
    void driftIsFieldByFieldAndInvariantBreaksAreNamed() {
        Map<String, Long> expected = Map.of("available", 5L, "held", 2L, "sold", 3L, "loaded", 10L, "wh:a", 5L);
        Map<String, Long> observed = Map.of("available", 8L, "held", -1L, "sold", 3L, "loaded", 10L, "wh:a", 5L);

        assertThat(StockDrift.fields(expected, observed)).containsExactly(
                new StockDrift.Field("available", 8, 5), new StockDrift.Field("held", -1, 2));
        assertThat(StockDrift.skuInvariantBreaks(observed)).containsExactlyInAnyOrder(
                "available 8 != sum of warehouses 5", "held is negative (-1)");
    }
    @Test
    void aSplitItemCountsInEachBucketSlotItsBuyersAtHome() {
        ExpectedStock expected = new ExpectedStock(Map.of(new ExpectedStock.CampaignSku(campaign, sku), 3));
        expected.loaded(sku, north, 10);
        expected.loadedInCampaign(campaign, sku, 5); // 2, 2, 1
        expected.loadedInCampaign(campaign, sku, 1); // 1, 0, 0: each load is split on its own
        expected.moved(sku, north, OrderSlot.of(1), 2);
        expected.moved(sku, north, OrderSlot.of(2), 1);
        String buyer = "ann";
        OrderSlot home = OrderSlot.homeOf(buyer, 3);
        OrderSlot donor = OrderSlot.of((home.index() + 1) % 3);
        // Served by another bucket than its buyer's: the units count there, the buyer's at home.
        expected.add(new OrderStock(donor, UUID.randomUUID(), buyer, campaign, List.of(new OrderStock.Units(sku, 1)),
                List.of(new OrderStock.Share(sku, north, 1)), List.of()), ExpectedStock.Use.HELD);
        expected.soldInCampaign(OrderSlot.of(2), campaign, sku, "bob", 1);

        assertThat(expected.campaignFields(new ExpectedStock.Place(OrderSlot.of(0), campaign)))
                .containsEntry(sku + ":loaded", 3L);
        assertThat(expected.campaignFields(new ExpectedStock.Place(OrderSlot.of(1), campaign)))
                .containsEntry(sku + ":loaded", 2L);
        assertThat(expected.campaignFields(new ExpectedStock.Place(OrderSlot.of(2), campaign)))
                .containsEntry(sku + ":loaded", 1L).containsEntry(sku + ":sold", 1L).containsEntry(sku + ":available", 0L);
        assertThat(expected.campaignFields(new ExpectedStock.Place(donor, campaign))).containsEntry(sku + ":held", 1L);
        assertThat(expected.campaignBuyers(new ExpectedStock.Place(home, campaign))).containsEntry(buyer, 1L);
        assertThat(expected.campaignBuyers(new ExpectedStock.Place(donor, campaign))).doesNotContainKey(buyer);
        assertThat(expected.skuFields(sku)).containsEntry("loaded", 7L);
        long loadedInSlots = 0;
        for (int slot = 0; slot < 3; slot++) {
            Map<String, Long> fields = expected.skuFields(new ExpectedStock.Place(OrderSlot.of(slot), sku));
            loadedInSlots += fields.get("loaded");
            assertThat(StockDrift.skuInvariantBreaks(fields)).isEmpty();
        }
        assertThat(loadedInSlots).isEqualTo(10);
        assertThat(expected.campaignPlaces()).hasSize(3);
    }
}
