package io.flashorder.catalog.stockload;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class StockLoadTest {

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;

    private Map<String, String> redisStock(String key) {
        return redis.hash(String.class).hgetall(key);
    }

    @Test
    void loadedStockIsInRedisAndRecordedInPostgres() {
        UUID merchant = Catalog.merchant("Stock merchant " + UUID.randomUUID());
        UUID north = Catalog.warehouse(merchant, "NORTH");
        UUID south = Catalog.warehouse(merchant, "SOUTH");
        UUID sku = Catalog.sku(merchant, "Stocked", 500);

        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("warehouseId", north, "quantity", 30))
                .post("/api/v1/admin/skus/{id}/stock-loads", sku)
                .then().statusCode(201).body("status", equalTo("APPLIED")).body("loads[0].quantity", equalTo(30));
        // A merchant restocks its own warehouse through the merchant API.
        given().header("Authorization", Tokens.bearer(Tokens.merchant(merchant))).contentType(ContentType.JSON)
                .body(Map.of("warehouseId", south, "quantity", 12))
                .post("/api/v1/merchant/skus/{id}/stock-loads", sku)
                .then().statusCode(201).body("status", equalTo("APPLIED"));
        Catalog.loadStock(sku, north, 8);

        Map<String, String> fields = redisStock(InventoryKeys.sku(sku));
        assertThat(fields).containsEntry("available", "50").containsEntry("loaded", "50")
                .containsEntry(InventoryKeys.warehouseField(north), "38")
                .containsEntry(InventoryKeys.warehouseField(south), "12");
        assertThat(database.count("SELECT loaded FROM sku_stock WHERE sku_id = $1 AND warehouse_id = $2", sku, north))
                .isEqualTo(38);
        assertThat(database.count("SELECT count(*) FROM stock_load WHERE sku_id = $1 AND status = 'APPLIED'", sku))
                .isEqualTo(3);

        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/skus/{id}/stock", sku)
                .then().statusCode(200)
                .body("available", equalTo(50)).body("loaded", equalTo(50)).body("held", equalTo(0))
                .body("warehouses.find { it.warehouseId == '" + south + "' }.available", equalTo(12));
    }

    @Test
    void parallelLoadsAllCount() throws Exception {
        UUID merchant = Catalog.merchant("Parallel merchant " + UUID.randomUUID());
        UUID warehouse = Catalog.warehouse(merchant, "EAST");
        UUID sku = Catalog.sku(merchant, "Popular", 100);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                calls.add(pool.submit(() -> Catalog.loadStock(sku, warehouse, 5)));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(redisStock(InventoryKeys.sku(sku))).containsEntry("available", "300").containsEntry("loaded", "300");
        assertThat(database.count("SELECT loaded FROM sku_stock WHERE sku_id = $1", sku)).isEqualTo(300);
    }

    @Test
    void campaignStockLoadsOnceAndOnlyWhatIsNew() {
        UUID merchant = Catalog.merchant("Campaign stock merchant " + UUID.randomUUID());
        UUID a = Catalog.sku(merchant, "Deal A", 1000);
        UUID b = Catalog.sku(merchant, "Deal B", 2000);
        Instant start = Instant.now();
        Map<String, Object> campaign = Map.of("name", "Flash", "startsAt", start.toString(),
                "endsAt", start.plusSeconds(3600).toString(), "perUserLimit", 1, "paymentTimeoutSeconds", 300,
                "items", List.of(Map.of("skuId", a, "campaignPrice", 500, "campaignStock", 100),
                        Map.of("skuId", b, "campaignPrice", 1500, "campaignStock", 20)));
        String id = given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(campaign).post("/api/v1/admin/campaigns").then().statusCode(201).extract().path("id");

        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .post("/api/v1/admin/campaigns/{id}/stock-loads", id)
                .then().statusCode(201).body("loads.size()", equalTo(2));
        // Loading again adds nothing.
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .post("/api/v1/admin/campaigns/{id}/stock-loads", id)
                .then().statusCode(201).body("loads.size()", equalTo(0));
        String key = InventoryKeys.campaign(UUID.fromString(id));
        assertThat(redisStock(key)).containsEntry(a + ":available", "100").containsEntry(b + ":available", "20");

        // Raising one item's campaign stock loads only the difference; lowering below the loaded amount is refused.
        Map<String, Object> raised = Map.of("name", "Flash", "startsAt", start.toString(),
                "endsAt", start.plusSeconds(3600).toString(), "perUserLimit", 1, "paymentTimeoutSeconds", 300,
                "items", List.of(Map.of("skuId", a, "campaignPrice", 500, "campaignStock", 130),
                        Map.of("skuId", b, "campaignPrice", 1500, "campaignStock", 20)));
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(raised).put("/api/v1/admin/campaigns/{id}", id).then().statusCode(200);
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .post("/api/v1/admin/campaigns/{id}/stock-loads", id)
                .then().statusCode(201).body("loads[0].quantity", equalTo(30));
        assertThat(redisStock(key)).containsEntry(a + ":available", "130").containsEntry(a + ":loaded", "130");

        Map<String, Object> lowered = Map.of("name", "Flash", "startsAt", start.toString(),
                "endsAt", start.plusSeconds(3600).toString(), "perUserLimit", 1, "paymentTimeoutSeconds", 300,
                "items", List.of(Map.of("skuId", a, "campaignPrice", 500, "campaignStock", 10)));
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(lowered).put("/api/v1/admin/campaigns/{id}", id)
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItems("items[0].campaignStock", "items"));
        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/campaigns/{id}/stock", id)
                .then().statusCode(200)
                .body("items.find { it.skuId == '" + a + "' }.available", equalTo(130));
    }
}
