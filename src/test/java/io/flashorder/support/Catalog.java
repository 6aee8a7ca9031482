package io.flashorder.support;

import io.restassured.http.ContentType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Creates catalog records through the admin API, as an operator would. */
public final class Catalog {

    private Catalog() {
    }

    public static UUID merchant(String name) {
        return UUID.fromString(given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/admin/merchants")
                .then().statusCode(201).extract().path("id"));
    }

    public static UUID warehouse(UUID merchantId, String region) {
        return UUID.fromString(given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON)
                .body(Map.of("merchantId", merchantId, "name", "WH " + region, "regionCode", region))
                .post("/api/v1/admin/warehouses")
                .then().statusCode(201).extract().path("id"));
    }

    public static UUID sku(UUID merchantId, String title, long listPrice) {
        return UUID.fromString(given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON)
                .body(skuBody(merchantId, title, listPrice))
                .post("/api/v1/admin/skus")
                .then().statusCode(201).extract().path("id"));
    }

    public static Map<String, Object> skuBody(UUID merchantId, String title, long listPrice) {
        return Map.of("merchantId", merchantId, "title", title, "listPrice", listPrice, "currency", "EUR",
                "weightGrams", 250, "lowStockThreshold", 5);
    }

    public static void loadStock(UUID skuId, UUID warehouseId, int quantity) {
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON).body(Map.of("warehouseId", warehouseId, "quantity", quantity))
                .post("/api/v1/admin/skus/{id}/stock-loads", skuId)
                .then().statusCode(201);
    }

    /**
     * A campaign over one SKU, live from a minute before {@code now} for two hours, paid within 5 minutes, with its
     * stock loaded into Redis: what a flash sale looks like to the order path.
     */
    public static String liveCampaign(Instant now, UUID skuId, long campaignPrice, int campaignStock, int perUserLimit) {
        return liveCampaign(now, skuId, campaignPrice, campaignStock, perUserLimit, 1);
    }

    /** The same with the item's stock split over {@code stockBuckets} Redis stock buckets. */
    public static String liveCampaign(Instant now, UUID skuId, long campaignPrice, int campaignStock, int perUserLimit,
                                      int stockBuckets) {
        String id = given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("name", "Flash sale " + UUID.randomUUID(), "startsAt", now.minusSeconds(60).toString(),
                        "endsAt", now.plusSeconds(7200).toString(), "perUserLimit", perUserLimit,
                        "paymentTimeoutSeconds", 300, "items", List.of(Map.of("skuId", skuId,
                                "campaignPrice", campaignPrice, "campaignStock", campaignStock,
                                "stockBuckets", stockBuckets))))
                .post("/api/v1/admin/campaigns").then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .post("/api/v1/admin/campaigns/{id}/stock-loads", id).then().statusCode(201);
        return id;
    }
}
