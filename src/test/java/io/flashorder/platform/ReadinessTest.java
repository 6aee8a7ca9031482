package io.flashorder.platform;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Eventually;
import io.flashorder.support.Orders;
import io.flashorder.support.TcpProxy;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 15, defects 3 and 4: readiness says whether the pod can take orders. The reactive client reaches PostgreSQL
 * through a proxy the test cuts; Flyway (JDBC) reaches it directly. A pod that has not loaded the snapshots the
 * place-order path reads is not ready (it would refuse existing SKUs as unknown); a pod that lost only PostgreSQL
 * stays ready and keeps taking orders into Redis; liveness never depends on either.
 */
@QuarkusTest
@TestProfile(ReadinessTest.PostgresBehindAProxy.class)
class ReadinessTest {

    public static class PostgresBehindAProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url",
                    "postgresql://127.0.0.1:" + TcpProxy.shared(PROXY, "127.0.0.1", postgresPort())
                            + "/flashorder_test",
                    "flashorder.recovery.retry-every", "PT0.2S");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RedisDataSource redis;

    /** The proxy in front of PostgreSQL (see TcpProxy#shared). */
    static final String PROXY = "readiness-test.postgres-proxy";

    static int postgresPort() {
        String port = System.getenv("FLASHORDER_PG_PORT");
        return port == null || port.isBlank() ? 55432 : Integer.parseInt(port.strip());
    }

    @AfterAll
    static void reconnect() {
        TcpProxy.switchShared(PROXY, true);
    }

    @Test
    void readinessWaitsForTheSnapshotsAndSurvivesPostgresGoingDown() throws SQLException {
        // PostgreSQL unreachable since start-up: no catalog, no pricing rules, no settings, stock not verified.
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'order-taking' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'order-taking' }.data.catalog", equalTo(false))
                .body("checks.find { it.name == 'postgresql' }.status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        // A SKU exists in PostgreSQL (written by another pod); PostgreSQL comes back.
        UUID merchant = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        UUID sku = UUID.randomUUID();
        insertCatalog(merchant, warehouse, sku);
        TcpProxy.switchShared(PROXY, true);

        // The moment readiness says UP, the pod knows the SKU (no 422 sku-not-found for an existing SKU).
        Eventually.await(WAIT, () -> given().get("/q/health/ready").then().statusCode(200));
        given().header("Authorization", Tokens.bearer(Tokens.customer("ready-" + UUID.randomUUID())))
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)), "regionCode", "NORTH"))
                .post("/api/v1/carts/price")
                .then().statusCode(200).body("merchantOrders[0].lines[0].unitPrice", equalTo(4_200));

        // PostgreSQL goes down: the pod stays ready (degraded) and alive, and keeps taking orders into Redis.
        TcpProxy.switchShared(PROXY, false);
        Eventually.await(WAIT, () -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'postgresql' }.data.reachable", equalTo("false"))
                .body("checks.find { it.name == 'postgresql' }.data.degraded", equalTo(true)));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        redis.hash(String.class).hset(InventoryKeys.sku(sku), Map.of(InventoryKeys.warehouseField(warehouse), "5",
                "available", "5", "loaded", "5"));
        Orders.place("buyer-" + UUID.randomUUID(), Orders.body(Map.of(sku, 1))).then().statusCode(201);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static void insertCatalog(UUID merchant, UUID warehouse, UUID sku) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort()
                + "/flashorder_test", "flashorder", "flashorder")) {
            execute(db, "INSERT INTO merchant (id, name, active, created_at, updated_at) VALUES (?, ?, true, ?, ?)",
                    merchant, "Readiness merchant", now, now);
            execute(db, "INSERT INTO warehouse (id, merchant_id, name, region_code, active, created_at, updated_at) "
                    + "VALUES (?, ?, 'North hub', 'NORTH', true, ?, ?)", warehouse, merchant, now, now);
            execute(db, "INSERT INTO sku (id, merchant_id, title, list_price, currency, weight_grams, low_stock_threshold, "
                    + "active, created_at, updated_at) VALUES (?, ?, 'Ready lamp', 4200, 'EUR', 300, 1, true, ?, ?)",
                    sku, merchant, now, now);
            execute(db, "INSERT INTO shipping_template (id, merchant_id, region_code, first_weight_grams, "
                    + "first_weight_price, step_grams, step_price, currency, created_at, updated_at) "
                    + "VALUES (?, ?, '*', 1000, 500, 500, 200, 'EUR', ?, ?)", UUID.randomUUID(), merchant, now, now);
        }
    }

    private static void execute(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }
}
