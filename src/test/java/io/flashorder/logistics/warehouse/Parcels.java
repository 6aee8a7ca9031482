package io.flashorder.logistics.warehouse;

import io.flashorder.support.CarrierCallbacks;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Calls of the merchant's warehouse API, as a merchant's console makes them. */
public final class Parcels {

    private Parcels() {
    }

    public static RequestSpecification as(UUID merchantId) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantId)));
    }

    /** The merchant's parcels of one merchant order (any status), oldest first. */
    public static List<Map<String, Object>> ofMerchantOrder(UUID merchantId, UUID merchantOrderId) {
        List<Map<String, Object>> all = as(merchantId).queryParam("limit", 100).get("/api/v1/merchant/parcels")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return all.stream().filter(p -> merchantOrderId.toString().equals(p.get("merchantOrderId"))).toList();
    }

    public static UUID onlyParcelOf(UUID merchantId, UUID merchantOrderId) {
        List<Map<String, Object>> parcels = ofMerchantOrder(merchantId, merchantOrderId);
        if (parcels.size() != 1) {
            throw new AssertionError("expected one parcel of " + merchantOrderId + ", found " + parcels);
        }
        return UUID.fromString((String) parcels.get(0).get("id"));
    }

    public static Response wave(UUID merchantId, UUID warehouseId, List<UUID> parcelIds) {
        return as(merchantId).contentType(ContentType.JSON)
                .body(Map.of("warehouseId", warehouseId, "parcelIds", parcelIds)).post("/api/v1/merchant/waves");
    }

    public static Response picked(UUID merchantId, UUID waveId) {
        return as(merchantId).post("/api/v1/merchant/waves/{id}/picked", waveId);
    }

    public static Response review(UUID merchantId, UUID parcelId, Map<UUID, Integer> scanned, long weightGrams) {
        List<Map<String, Object>> items = scanned.entrySet().stream()
                .map(e -> Map.<String, Object>of("skuId", e.getKey(), "quantity", e.getValue())).toList();
        return as(merchantId).contentType(ContentType.JSON).body(Map.of("items", items, "weightGrams", weightGrams))
                .post("/api/v1/merchant/parcels/{id}/packing-review", parcelId);
    }

    public static Response handOver(UUID merchantId, UUID parcelId, String carrier, String trackingNumber) {
        return as(merchantId).contentType(ContentType.JSON)
                .body(Map.of("carrier", carrier, "trackingNumber", trackingNumber))
                .post("/api/v1/merchant/parcels/{id}/handover", parcelId);
    }

    /** A paid order's single parcel taken through a wave and a matching review: READY. */
    public static UUID ready(UUID merchantId, UUID warehouseId, UUID merchantOrderId, UUID skuId, int units,
                             long grams) {
        UUID parcel = onlyParcelOf(merchantId, merchantOrderId);
        UUID wave = UUID.fromString(wave(merchantId, warehouseId, List.of(parcel)).then().statusCode(201)
                .extract().path("id"));
        picked(merchantId, wave).then().statusCode(200);
        review(merchantId, parcel, Map.of(skuId, units), grams).then().statusCode(200);
        return parcel;
    }

    /** A shipped parcel: its order, merchant order, parcel and tracking number. */
    public record Shipped(Lifecycle.PlacedOrder order, UUID merchantOrder, UUID parcel, String trackingNumber) {
    }

    /** A paid order of {@code units} of the shop's SKU, packed, its waybill booked and handed over: SHIPPED. */
    public static Shipped shipped(Lifecycle lifecycle, Lifecycle.Shop shop, UUID warehouseId, String buyer,
                                  int units) {
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, Map.of(shop.skuId(), units));
        UUID merchantOrder = order.merchantOrderOf(shop);
        UUID parcel = ready(shop.merchantId(), warehouseId, merchantOrder, shop.skuId(), units, units * 250L);
        String tracking = as(shop.merchantId()).post("/api/v1/merchant/parcels/{id}/waybill", parcel)
                .then().statusCode(200).extract().path("trackingNumber");
        as(shop.merchantId()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/merchant/parcels/{id}/handover", parcel).then().statusCode(200)
                .body("status", equalTo("SHIPPED"));
        return new Shipped(order, merchantOrder, parcel, tracking);
    }

    /** A carrier rule of the merchant: {@code carrier} everywhere, any weight, a flat {@code baseCost} EUR. */
    public static void carrierRule(UUID merchantId, String carrier, long baseCost, long costPerKg, boolean preferred) {
        as(merchantId).contentType(ContentType.JSON)
                .body(Map.of("carrier", carrier, "regionCode", "*", "minWeightGrams", 0, "maxWeightGrams", 30_000,
                        "codSupported", true, "currency", "EUR", "baseCost", baseCost, "costPerKg", costPerKg,
                        "preferred", preferred))
                .post("/api/v1/merchant/carrier-rules").then().statusCode(201);
    }

    /** A shipped parcel ({@link #shipped}) its buyer refused at the door (signed REFUSED callback): REFUSED. */
    public static Shipped refused(Lifecycle lifecycle, Lifecycle.Shop shop, UUID warehouseId, String buyer, int units) {
        Shipped shipped = shipped(lifecycle, shop, warehouseId, buyer, units);
        CarrierCallbacks.post(CarrierCallbacks.sign(CarrierCallbacks.body("ev-" + UUID.randomUUID(),
                        shipped.trackingNumber(), "REFUSED", Instant.now().minusSeconds(1), null, null), Instant.now()))
                .then().statusCode(200).body("parcels[0].status", equalTo("REFUSED"));
        return shipped;
    }

    public static Response merge(UUID merchantId, List<UUID> parcelIds) {
        return as(merchantId).contentType(ContentType.JSON).body(Map.of("parcelIds", parcelIds))
                .post("/api/v1/merchant/parcels/merge");
    }

    public static Response bin(UUID merchantId, UUID warehouseId, UUID skuId, String bin) {
        return as(merchantId).contentType(ContentType.JSON).body(Map.of("bin", bin))
                .put("/api/v1/merchant/stock-bins/{warehouseId}/{skuId}", warehouseId, skuId);
    }
}
