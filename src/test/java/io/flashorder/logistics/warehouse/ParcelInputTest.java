package io.flashorder.logistics.warehouse;

import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Every bad request to the warehouse API is a clear 4xx problem, and writes nothing. */
@QuarkusTest
class ParcelInputTest {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;

    private Lifecycle.Shop shop;
    private Lifecycle.Shop other;
    private UUID warehouse;
    private UUID parcel;
    private UUID othersParcel;

    @BeforeEach
    void parcels() {
        shop = lifecycle.shop("Input");
        other = lifecycle.shop("Input other");
        warehouse = UUID.fromString(database.string("SELECT id::text FROM warehouse WHERE merchant_id = $1",
                shop.merchantId()));
        Lifecycle.PlacedOrder order = lifecycle.paid("input-" + UUID.randomUUID(), shop);
        parcel = Parcels.onlyParcelOf(shop.merchantId(), order.merchantOrderOf(shop));
        Lifecycle.PlacedOrder othersOrder = lifecycle.paid("input-" + UUID.randomUUID(), other);
        othersParcel = Parcels.onlyParcelOf(other.merchantId(), othersOrder.merchantOrderOf(other));
    }

    private static void problem(Response response, int status, String code) {
        response.then().statusCode(status).contentType(startsWith("application/problem+json"))
                .body("code", equalTo(code));
    }

    private Response post(String path, String json, Object... params) {
        return Parcels.as(shop.merchantId()).contentType(ContentType.JSON).body(json).post(path, params);
    }

    @Test
    void badWavesAreRefusedAndNoWaveIsWritten() {
        long waves = database.countAll("pick_wave");
        problem(post("/api/v1/merchant/waves", "{\"warehouseId\":"), 400, "malformed-json");
        problem(post("/api/v1/merchant/waves", "{\"parcelIds\":[\"" + parcel + "\"]}"), 400, "validation-failed");
        problem(post("/api/v1/merchant/waves", "{\"warehouseId\":\"" + warehouse + "\",\"parcelIds\":[]}"), 400,
                "validation-failed");
        problem(post("/api/v1/merchant/waves", "{\"warehouseId\":\"" + warehouse + "\",\"parcelIds\":[\"" + parcel
                + "\",\"" + parcel + "\"]}"), 400, "validation-failed");
        List<UUID> tooMany = new ArrayList<>(IntStream.range(0, 501).mapToObj(i -> UUID.randomUUID()).toList());
        problem(Parcels.wave(shop.merchantId(), warehouse, tooMany), 400, "validation-failed");
        problem(Parcels.wave(shop.merchantId(), warehouse, List.of(parcel, UUID.randomUUID())), 404, "parcel-not-found");
        problem(Parcels.wave(shop.merchantId(), warehouse, List.of(parcel, othersParcel)), 404, "parcel-not-found");
        problem(Parcels.wave(shop.merchantId(), UUID.randomUUID(), List.of(parcel)), 404, "warehouse-not-found");
        UUID othersWarehouse = UUID.fromString(database.string("SELECT id::text FROM warehouse WHERE merchant_id = $1",
                other.merchantId()));
        problem(Parcels.wave(shop.merchantId(), othersWarehouse, List.of(parcel)), 404, "warehouse-not-found");
        problem(Parcels.wave(other.merchantId(), othersWarehouse, List.of(parcel)), 404, "parcel-not-found");

        given().contentType(ContentType.JSON).body(Map.of("warehouseId", warehouse, "parcelIds", List.of(parcel)))
                .post("/api/v1/merchant/waves").then().statusCode(401);
        given().header("Authorization", "Bearer forged.token.value").contentType(ContentType.JSON)
                .body(Map.of("warehouseId", warehouse, "parcelIds", List.of(parcel)))
                .post("/api/v1/merchant/waves").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(Tokens.customer("buyer-" + UUID.randomUUID())))
                .contentType(ContentType.JSON).body(Map.of("warehouseId", warehouse, "parcelIds", List.of(parcel)))
                .post("/api/v1/merchant/waves").then().statusCode(403);

        assertThat(database.countAll("pick_wave")).isEqualTo(waves);
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", parcel)).isEqualTo("AWAITING_PICK");
    }

    @Test
    void badReviewsAreRefusedAndNothingIsRecorded() {
        UUID wave = UUID.fromString(Parcels.wave(shop.merchantId(), warehouse, List.of(parcel)).then().statusCode(201)
                .extract().path("id"));
        Parcels.picked(shop.merchantId(), wave).then().statusCode(200);
        String path = "/api/v1/merchant/parcels/{id}/packing-review";

        problem(post(path, "{\"items\":[", parcel), 400, "malformed-json");
        problem(post(path, "{\"weightGrams\":100}", parcel), 400, "validation-failed");
        post(path, "{\"items\":[{\"skuId\":\"" + shop.skuId() + "\",\"quantity\":0}],\"weightGrams\":100}", parcel)
                .then().statusCode(400).body("errors.field", hasItem(startsWith("items")));
        problem(post(path, "{\"items\":[{\"skuId\":\"" + shop.skuId() + "\",\"quantity\":-1}],\"weightGrams\":100}",
                parcel), 400, "validation-failed");
        problem(post(path, "{\"items\":[{\"skuId\":\"" + shop.skuId() + "\",\"quantity\":1}],\"weightGrams\":0}",
                parcel), 400, "validation-failed");
        problem(post(path, "{\"items\":[{\"quantity\":1}],\"weightGrams\":10}", parcel), 400, "validation-failed");
        problem(post(path, "{\"items\":[{\"skuId\":\"" + shop.skuId() + "\",\"quantity\":1}],\"weightGrams\":10}",
                UUID.randomUUID()), 404, "parcel-not-found");
        problem(Parcels.review(other.merchantId(), parcel, Map.of(shop.skuId(), 1), 250), 404, "parcel-not-found");
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/merchant/parcels/not-a-uuid/packing-review").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));

        assertThat(database.count("SELECT count(*) FROM packing_review WHERE parcel_id = $1", parcel)).isZero();
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", parcel)).isEqualTo("PACKING");
    }

    @Test
    void badMergesBinsHandOversAndListQueriesAreRefused() {
        problem(Parcels.merge(shop.merchantId(), List.of(parcel)), 400, "validation-failed");
        problem(Parcels.merge(shop.merchantId(), List.of(parcel, parcel)), 400, "validation-failed");
        problem(post("/api/v1/merchant/parcels/merge", "{\"parcelIds\":null}"), 400, "validation-failed");

        problem(Parcels.bin(shop.merchantId(), warehouse, shop.skuId(), "no spaces"), 400, "validation-failed");
        problem(Parcels.bin(shop.merchantId(), warehouse, shop.skuId(), "X".repeat(33)), 400, "validation-failed");
        problem(Parcels.bin(shop.merchantId(), warehouse, other.skuId(), "A-1"), 404, "sku-not-found");
        problem(Parcels.bin(shop.merchantId(), UUID.randomUUID(), shop.skuId(), "A-1"), 404, "warehouse-not-found");
        assertThat(database.count("SELECT count(*) FROM stock_bin WHERE merchant_id = $1", shop.merchantId())).isZero();

        problem(Parcels.handOver(shop.merchantId(), parcel, "", "no spaces allowed"), 400, "validation-failed");
        problem(Parcels.handOver(shop.merchantId(), parcel, "DHL", "EARLY-0001"), 409, "parcel-status");
        problem(Parcels.handOver(other.merchantId(), parcel, "DHL", "THEFT-0001"), 404, "parcel-not-found");
        problem(Parcels.as(shop.merchantId()).post("/api/v1/merchant/parcels/{id}/packing", othersParcel), 404,
                "parcel-not-found");
        problem(Parcels.as(shop.merchantId()).get("/api/v1/merchant/parcels/{id}", othersParcel), 404,
                "parcel-not-found");
        problem(Parcels.as(shop.merchantId()).get("/api/v1/merchant/waves/{id}/pick-list", UUID.randomUUID()), 404,
                "wave-not-found");
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", parcel)).isEqualTo("AWAITING_PICK");

        problem(Parcels.as(shop.merchantId()).queryParam("status", "LOST").get("/api/v1/merchant/parcels"), 400,
                "validation-failed");
        problem(Parcels.as(shop.merchantId()).queryParam("warehouseId", "nope").get("/api/v1/merchant/parcels"), 400,
                "validation-failed");
        problem(Parcels.as(shop.merchantId()).queryParam("limit", "0").get("/api/v1/merchant/parcels"), 400,
                "validation-failed");
        Parcels.as(shop.merchantId()).get("/api/v1/merchant/parcels").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(othersParcel.toString())));
    }
}
