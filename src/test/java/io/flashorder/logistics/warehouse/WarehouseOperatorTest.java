package io.flashorder.logistics.warehouse;

import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The warehouse-operator role (JWT group {@code warehouse-operator}, scoped by its {@code merchant_id} claim): runs
 * waves, picks, packs, hands over and prints for its merchant, and is refused (403, nothing written) on prices,
 * refunds, carriers, templates and settings; another merchant's parcels and waves are unknown to it (404).
 */
@QuarkusTest
class WarehouseOperatorTest {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;

    private UUID merchant;
    private UUID warehouse;
    private UUID sku;

    @BeforeEach
    void shop() {
        merchant = Catalog.merchant("Operated " + UUID.randomUUID());
        warehouse = Catalog.warehouse(merchant, "SOUTH");
        sku = Catalog.sku(merchant, "Crate", 1_500);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, warehouse, 100);
    }

    private static RequestSpecification operator(UUID merchantId) {
        return given().header("Authorization", Tokens.bearer(Tokens.warehouseOperator(merchantId, "picker-7")));
    }

    private UUID paidParcel() {
        UUID merchantOrder = lifecycle.paid("operated-" + UUID.randomUUID(), Map.of(sku, 2))
                .merchantOrderByMerchant().get(merchant);
        return Parcels.onlyParcelOf(merchant, merchantOrder);
    }

    @Test
    void anOperatorRunsTheWarehouseWorkOfItsMerchantToTheHandOver() {
        UUID parcel = paidParcel();
        operator(merchant).queryParam("status", "AWAITING_PICK").get("/api/v1/merchant/parcels").then()
                .statusCode(200);
        operator(merchant).get("/api/v1/merchant/parcels/counts").then().statusCode(200);
        operator(merchant).contentType(ContentType.JSON).body(Map.of("bin", "A-01-3"))
                .put("/api/v1/merchant/stock-bins/{warehouseId}/{skuId}", warehouse, sku).then().statusCode(200);
        UUID wave = UUID.fromString(operator(merchant).contentType(ContentType.JSON)
                .body(Map.of("warehouseId", warehouse, "parcelIds", List.of(parcel))).post("/api/v1/merchant/waves")
                .then().statusCode(201).extract().path("id"));
        assertThat(database.string("SELECT created_by FROM pick_wave WHERE id = $1", wave)).isEqualTo("picker-7");
        operator(merchant).get("/api/v1/merchant/waves/{id}/pick-list", wave).then().statusCode(200)
                .body("items[0].bin", equalTo("A-01-3")).body("totalUnits", equalTo(2));
        operator(merchant).contentType(ContentType.JSON).body(Map.of("kind", "PICK_LIST", "parcelIds", List.of(parcel)))
                .post("/api/v1/merchant/documents").then().statusCode(200).body("printed", hasSize(1));
        operator(merchant).post("/api/v1/merchant/waves/{id}/picked", wave).then().statusCode(200)
                .body("packing", equalTo(1));
        operator(merchant).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", 2)), "weightGrams", 500))
                .post("/api/v1/merchant/parcels/{id}/packing-review", parcel).then().statusCode(200);
        operator(merchant).contentType(ContentType.JSON).body(Map.of("kind", "PACKING_SLIP", "parcelIds", List.of(parcel)))
                .post("/api/v1/merchant/documents").then().statusCode(200);
        assertThat(database.string("SELECT printed_by FROM document_print WHERE merchant_id = $1 AND kind = 'PACKING_SLIP'",
                merchant)).isEqualTo("picker-7");
        operator(merchant).get("/api/v1/merchant/waybill-templates").then().statusCode(200);
        operator(merchant).contentType(ContentType.JSON).body(Map.of("carrier", "UPS", "trackingNumber", "OP-" + parcel))
                .post("/api/v1/merchant/parcels/{id}/handover", parcel).then().statusCode(200)
                .body("status", equalTo("SHIPPED"));
    }

    @Test
    void anOperatorIsRefusedOnPricesRefundsCarriersTemplatesAndSettings() {
        UUID parcel = paidParcel();
        UUID any = UUID.randomUUID();
        Map<String, Object> body = Map.of("name", "x");
        record Call(String method, String path) {
        }
        List<Call> refused = List.of(
                new Call("POST", "/api/v1/merchant/parcels/merge"),
                new Call("POST", "/api/v1/merchant/parcels/" + parcel + "/waybill"),
                new Call("POST", "/api/v1/merchant/parcels/" + parcel + "/returned"),
                new Call("GET", "/api/v1/merchant/carrier-rules"),
                new Call("POST", "/api/v1/merchant/carrier-rules"),
                new Call("PUT", "/api/v1/merchant/logistics-settings"),
                new Call("POST", "/api/v1/merchant/waybill-templates"),
                new Call("DELETE", "/api/v1/merchant/waybill-templates/" + any),
                new Call("POST", "/api/v1/merchant/skus"),
                new Call("PUT", "/api/v1/merchant/skus/" + sku),
                new Call("POST", "/api/v1/merchant/skus/" + sku + "/stock-loads"),
                new Call("POST", "/api/v1/merchant/shipping-templates"),
                new Call("PUT", "/api/v1/merchant/shipping-templates/" + any),
                new Call("POST", "/api/v1/merchant/promotions"),
                new Call("GET", "/api/v1/merchant/after-sales"),
                new Call("POST", "/api/v1/merchant/after-sales/" + any + "/approval"),
                new Call("POST", "/api/v1/merchant/after-sales/" + any + "/refund"),
                new Call("POST", "/api/v1/merchant/after-sales/" + any + "/offline-refund"),
                new Call("PUT", "/api/v1/merchant/after-sale-settings"),
                new Call("GET", "/api/v1/merchant/settings"),
                new Call("PUT", "/api/v1/merchant/settings"),
                new Call("POST", "/api/v1/merchant/shipments"));
        for (Call call : refused) {
            operator(merchant).contentType(ContentType.JSON).body(body).request(call.method(), call.path())
                    .then().statusCode(403);
        }
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", parcel)).isEqualTo("AWAITING_PICK");
        assertThat(database.count("SELECT count(*) FROM carrier_rule WHERE merchant_id = $1", merchant)).isZero();
    }

    @Test
    void anOperatorSeesNothingOfAnotherMerchantAndNeedsAMerchantScope() {
        UUID parcel = paidParcel();
        UUID stranger = Catalog.merchant("Stranger " + UUID.randomUUID());
        operator(stranger).get("/api/v1/merchant/parcels/{id}", parcel).then().statusCode(404);
        operator(stranger).contentType(ContentType.JSON)
                .body(Map.of("warehouseId", warehouse, "parcelIds", List.of(parcel))).post("/api/v1/merchant/waves")
                .then().statusCode(404);
        operator(stranger).contentType(ContentType.JSON).body(Map.of("kind", "PACKING_SLIP", "parcelIds", List.of(parcel)))
                .post("/api/v1/merchant/documents").then().statusCode(422)
                .body("refused[0].code", equalTo("parcel-not-found"));
        given().header("Authorization", "Bearer " + io.smallrye.jwt.build.Jwt.upn("picker-without-merchant")
                        .groups(java.util.Set.of("warehouse-operator")).sign())
                .get("/api/v1/merchant/parcels").then().statusCode(403).body("code", equalTo("no-merchant-scope"));
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", parcel)).isEqualTo("AWAITING_PICK");
    }
}
