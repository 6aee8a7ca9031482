package io.flashorder.logistics.warehouse;

import io.flashorder.aftersale.AfterSales;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Pricing;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Refunds before shipment on real PostgreSQL and Redis: the refunded units leave the parcels that would have carried
 * them; a parcel left empty is CANCELLED and no wave, pick, packing, document or hand-over takes it.
 */
@QuarkusTest
class ParcelCancellationTest {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;

    private UUID merchant;
    private UUID warehouse;
    private UUID sku;

    @BeforeEach
    void shop() {
        merchant = Catalog.merchant("Cancel " + UUID.randomUUID());
        warehouse = Catalog.warehouse(merchant, "EAST");
        sku = Catalog.sku(merchant, "Lamp", 2_000);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, warehouse, 500);
    }

    private record Paid(String buyer, UUID merchantOrder, UUID line, UUID parcel) {
    }

    private Paid paid(int units) {
        String buyer = "cancel-" + UUID.randomUUID();
        UUID merchantOrder = lifecycle.paid(buyer, Map.of(sku, units)).merchantOrderByMerchant().get(merchant);
        UUID line = UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrder));
        return new Paid(buyer, merchantOrder, line, Parcels.onlyParcelOf(merchant, merchantOrder));
    }

    private void refund(Paid paid, int units) {
        AfterSales.open(paid.buyer(), AfterSales.request(paid.merchantOrder(), "REFUND_ONLY", Map.of(paid.line(), units)))
                .then().statusCode(201).body("status", equalTo("PENDING_REFUND"));
    }

    private Map<String, Object> parcel(UUID id) {
        return Parcels.as(merchant).get("/api/v1/merchant/parcels/{id}", id).then().statusCode(200)
                .extract().jsonPath().getMap("$");
    }

    private io.restassured.response.Response print(String kind, List<UUID> parcels) {
        return Parcels.as(merchant).contentType(ContentType.JSON).body(Map.of("kind", kind, "parcelIds", parcels))
                .post("/api/v1/merchant/documents");
    }

    @Test
    void aParcelWhoseUnitsWereAllRefundedIsCancelledAndNoWarehouseStepTakesIt() {
        Paid paid = paid(2);
        refund(paid, 2);

        assertThat(parcel(paid.parcel())).containsEntry("status", "CANCELLED");
        assertThat(database.count("SELECT count(*) FROM parcel_line WHERE parcel_id = $1", paid.parcel())).isZero();
        assertThat(database.count("SELECT sum(quantity) FROM parcel_release WHERE parcel_id = $1", paid.parcel()))
                .isEqualTo(2);
        Parcels.as(merchant).queryParam("status", "CANCELLED").get("/api/v1/merchant/parcels").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(paid.parcel().toString()));

        Parcels.wave(merchant, warehouse, List.of(paid.parcel())).then().statusCode(409)
                .body("code", equalTo("parcel-status")).body("currentStatus", equalTo("CANCELLED"));
        Parcels.as(merchant).post("/api/v1/merchant/parcels/{id}/packing", paid.parcel()).then().statusCode(409);
        Parcels.as(merchant).post("/api/v1/merchant/parcels/{id}/waybill", paid.parcel()).then().statusCode(409);
        Parcels.handOver(merchant, paid.parcel(), "UPS", "CANCEL-1").then().statusCode(409)
                .body("code", equalTo("parcel-status"));
        for (String kind : List.of("PICK_LIST", "PACKING_SLIP", "WAYBILL")) {
            print(kind, List.of(paid.parcel())).then().statusCode(422).body("code", equalTo("nothing-to-print"))
                    .body("refused[0].code", equalTo("parcel-cancelled"));
        }
        assertThat(database.count("SELECT count(*) FROM pick_wave WHERE merchant_id = $1", merchant)).isZero();
        assertThat(parcel(paid.parcel())).containsEntry("status", "CANCELLED");
    }

    @Test
    void aParcelInAWaveWhoseUnitsWereRefundedIsLeftOutOfThePickAndThePickList() {
        Paid refunded = paid(2);
        Paid kept = paid(1);
        UUID wave = UUID.fromString(Parcels.wave(merchant, warehouse, List.of(refunded.parcel(), kept.parcel()))
                .then().statusCode(201).extract().path("id"));
        refund(refunded, 2);

        assertThat(parcel(refunded.parcel())).containsEntry("status", "CANCELLED");
        Parcels.as(merchant).get("/api/v1/merchant/waves/{id}/pick-list", wave).then().statusCode(200)
                .body("totalUnits", equalTo(1));
        Parcels.picked(merchant, wave).then().statusCode(200).body("packing", equalTo(1))
                .body("results", hasSize(1)).body("results[0].parcelId", equalTo(kept.parcel().toString()));
        assertThat(parcel(refunded.parcel())).containsEntry("status", "CANCELLED");
        print("PACKING_SLIP", List.of(refunded.parcel(), kept.parcel())).then().statusCode(200)
                .body("printed", hasSize(1)).body("refused[0].parcelId", equalTo(refunded.parcel().toString()))
                .body("refused[0].code", equalTo("parcel-cancelled"));
    }

    @Test
    void aPartialRefundTakesOnlyTheRefundedUnitsOutAndAPackedParcelIsReviewedAgain() {
        Paid paid = paid(3);
        UUID wave = UUID.fromString(Parcels.wave(merchant, warehouse, List.of(paid.parcel())).then().statusCode(201)
                .extract().path("id"));
        Parcels.picked(merchant, wave).then().statusCode(200);
        Parcels.review(merchant, paid.parcel(), Map.of(sku, 3), 3 * 250L).then().statusCode(200);
        assertThat(parcel(paid.parcel())).containsEntry("status", "READY");

        refund(paid, 1);

        Map<String, Object> reduced = parcel(paid.parcel());
        assertThat(reduced).containsEntry("status", "PACKING");
        assertThat(database.count("SELECT quantity FROM parcel_line WHERE parcel_id = $1", paid.parcel())).isEqualTo(2);
        Parcels.review(merchant, paid.parcel(), Map.of(sku, 3), 3 * 250L).then().statusCode(422)
                .body("code", equalTo("packing-mismatch"));
        Parcels.review(merchant, paid.parcel(), Map.of(sku, 2), 2 * 250L).then().statusCode(200);
        assertThat(parcel(paid.parcel())).containsEntry("status", "READY");
    }
}
