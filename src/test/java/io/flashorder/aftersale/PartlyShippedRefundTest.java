package io.flashorder.aftersale;

import io.flashorder.aftersale.refund.AfterSaleRefunds;
import io.flashorder.logistics.warehouse.Parcels;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Pricing;
import io.flashorder.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A merchant order split over two warehouses: one parcel left, then the units of the other were refunded before it
 * did. Nothing is left to ship, so the merchant order is handed over with the parcel that left, not kept waiting.
 */
@QuarkusTest
class PartlyShippedRefundTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    AfterSaleRefunds refunds;
    @Inject
    TestClock clock;

    @Test
    void aMerchantOrderWhoseLastOpenParcelWasRefundedAwayIsHandedOverWithTheParcelThatLeft() {
        UUID merchant = Catalog.merchant("Partly shipped " + UUID.randomUUID());
        UUID east = Catalog.warehouse(merchant, "EAST");
        UUID west = Catalog.warehouse(merchant, "WEST");
        UUID lamp = Catalog.sku(merchant, "Lamp", 2_000);
        UUID chair = Catalog.sku(merchant, "Chair", 3_000);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(lamp, east, 5);
        Catalog.loadStock(chair, west, 5);
        String buyer = "partly-" + UUID.randomUUID();
        UUID merchantOrder = lifecycle.paid(buyer, Map.of(lamp, 1, chair, 1)).merchantOrderByMerchant().get(merchant);
        List<Map<String, Object>> parcels = Parcels.ofMerchantOrder(merchant, merchantOrder);
        assertThat(parcels).hasSize(2);
        UUID lampParcel = parcelIn(parcels, east);
        UUID chairParcel = parcelIn(parcels, west);

        UUID wave = UUID.fromString(Parcels.wave(merchant, east, List.of(lampParcel)).then().statusCode(201)
                .extract().path("id"));
        Parcels.picked(merchant, wave).then().statusCode(200);
        Parcels.review(merchant, lampParcel, Map.of(lamp, 1), 250).then().statusCode(200);
        Parcels.handOver(merchant, lampParcel, "UPS", "PARTLY-1").then().statusCode(200)
                .body("status", equalTo("SHIPPED"));
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_SHIPMENT");

        UUID chairLine = UUID.fromString(database.string(
                "SELECT id::text FROM order_line WHERE merchant_order_id = $1 AND sku_id = $2", merchantOrder, chair));
        String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "REFUND_ONLY", Map.of(chairLine, 1)))
                .then().statusCode(201).body("status", equalTo("PENDING_REFUND")).extract().path("id");
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", chairParcel)).isEqualTo("CANCELLED");
        refunds.dispatchDue().await().atMost(WAIT);
        var pending = AfterSales.buyerGet(buyer, "/{id}", caseId).then().statusCode(200).extract().jsonPath();
        RefundCallbacks.post(RefundCallbacks.signed("succeeded", pending.getString("refund.providerRefundId"),
                pending.getLong("refundTotal"), clock.instant())).then().statusCode(200)
                .body("outcome", equalTo("REFUNDED"));

        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_RECEIPT");
        assertThat(database.strings("SELECT to_status FROM order_transition WHERE merchant_order_id = $1 "
                + "ORDER BY id", merchantOrder)).endsWith("AFTER_SALE", "AWAITING_SHIPMENT", "AWAITING_RECEIPT");
    }

    private static UUID parcelIn(List<Map<String, Object>> parcels, UUID warehouse) {
        return parcels.stream().filter(p -> warehouse.toString().equals(p.get("warehouseId")))
                .map(p -> UUID.fromString((String) p.get("id"))).findFirst().orElseThrow();
    }
}
