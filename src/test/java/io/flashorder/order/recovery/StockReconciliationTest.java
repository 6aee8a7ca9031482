package io.flashorder.order.recovery;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The reconciliation finds a deliberate drift between Redis and PostgreSQL, reports it (admin endpoint, gauge),
 * and repairs what PostgreSQL knows, each repair an audit row; a lost pending hold is written again.
 */
@QuarkusTest
class StockReconciliationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RECONCILIATIONS = "/api/v1/admin/stock-integrity/reconciliations";

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    CircuitBreakerMaintenance breakers;

    private UUID north;
    private UUID sku;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        UUID merchant = Catalog.merchant("Reconciled merchant " + UUID.randomUUID());
        north = Catalog.warehouse(merchant, "NORTH");
        sku = Catalog.sku(merchant, "Reconciled kettle", 3_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, north, 10);
    }

    private Map<String, Long> stock() {
        Map<String, Long> fields = new HashMap<>(Map.of("available", 0L, "held", 0L, "sold", 0L, "loaded", 0L));
        redis.hash(String.class).hgetall(InventoryKeys.sku(sku)).forEach((k, v) -> fields.put(k, Long.parseLong(v)));
        return fields;
    }

    private static Response reconcile(boolean repair) {
        return given().header("Authorization", Tokens.bearer(Tokens.admin())).queryParam("repair", repair)
                .post(RECONCILIATIONS);
    }

    /** This SKU's drift in a report, as "field(warehouse or -): redis->expected repaired". */
    private List<String> driftOf(JsonPath report) {
        List<Map<String, Object>> drift = report.getList("drift");
        return drift.stream().filter(d -> sku.toString().equals(d.get("skuId")) && d.get("campaignId") == null)
                .map(d -> d.get("field") + "(" + (d.get("warehouseId") == null ? "-" : "wh") + "): " + d.get("redis")
                        + "->" + d.get("expected") + (Boolean.TRUE.equals(d.get("repaired")) ? " repaired" : ""))
                .sorted().toList();
    }

    private double gauge() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("flashorder_stock_drift_units "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    @Test
    void aDeliberateDriftIsFoundReportedAndRepairedFromPostgres() {
        String buyer = "reconciled-" + UUID.randomUUID();
        JsonPath pending = Orders.place(buyer, Orders.body(Map.of(sku, 1))).then().statusCode(201).extract().jsonPath();
        JsonPath paid = Orders.place(buyer, Orders.body(Map.of(sku, 1))).then().statusCode(201).extract().jsonPath();
        String session = Payments.open(buyer, paid.getString("id")).then().statusCode(201).extract().path("sessionId");
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, "tx-" + UUID.randomUUID(), paid.getLong("payable"),
                "EUR", clock.instant())).then().statusCode(200);
        UUID pendingId = UUID.fromString(pending.getString("id"));
        Eventually.await(WAIT, () -> assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1",
                pendingId)).isEqualTo(1));
        assertThat(driftOf(reconcile(false).then().statusCode(200).extract().jsonPath())).isEmpty();

        // Drift: three units held by no order (taken from the warehouse), and the pending order's hold lost.
        redis.hash(String.class).hincrby(InventoryKeys.sku(sku), "held", 3);
        redis.hash(String.class).hincrby(InventoryKeys.sku(sku), "available", -3);
        redis.hash(String.class).hincrby(InventoryKeys.sku(sku), InventoryKeys.warehouseField(north), -3);
        redis.key(String.class).del(OrderKeys.hold(pendingId));
        redis.sortedSet(String.class).zrem(OrderKeys.DEADLINES, pendingId.toString());

        JsonPath reported = reconcile(false).then().statusCode(200).body("status", equalTo("DRIFT")).extract().jsonPath();
        assertThat(driftOf(reported)).containsExactly("available(-): 5->8", "available(wh): 5->8", "held(-): 4->1");
        assertThat(gauge()).isGreaterThanOrEqualTo(9);
        assertThat(stock()).containsEntry("held", 4L).containsEntry("available", 5L); // reporting changes nothing
        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/stock-integrity/drift")
                .then().statusCode(200).body("runId", equalTo(reported.getString("runId")));

        JsonPath repaired = reconcile(true).then().statusCode(200).extract().jsonPath();
        assertThat(driftOf(repaired)).containsExactly("available(-): 5->8 repaired", "available(wh): 5->8 repaired",
                "held(-): 4->1 repaired");
        assertThat(repaired.getList("holdsRestored", String.class)).contains(pendingId.toString());
        assertThat(stock()).containsEntry("held", 1L).containsEntry("sold", 1L).containsEntry("available", 8L)
                .containsEntry("loaded", 10L).containsEntry(InventoryKeys.warehouseField(north), 8L);
        assertThat(redis.hash(String.class).hget(OrderKeys.hold(pendingId), "status")).isEqualTo("PENDING_PAYMENT");
        UUID runId = UUID.fromString(repaired.getString("runId"));
        assertThat(database.count("SELECT count(*) FROM stock_repair WHERE run_id = $1 AND source = 'RECONCILIATION' "
                + "AND sku_id = $2 AND field = 'held' AND observed = 4 AND expected = 1 AND applied = -3", runId, sku))
                .isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM stock_repair WHERE run_id = $1 AND order_id = $2 "
                + "AND field = 'hold'", runId, pendingId)).isEqualTo(1);

        // Repaired: nothing left to find, and the restored hold releases its unit when the buyer cancels.
        assertThat(driftOf(reconcile(true).then().statusCode(200).extract().jsonPath())).isEmpty();
        Payments.cancel(buyer, pendingId.toString()).then().statusCode(200);
        assertThat(stock()).containsEntry("held", 0L).containsEntry("available", 9L).containsEntry("sold", 1L);
    }

    @Test
    void onlyAnAdminRunsOrReadsTheReconciliation() {
        given().post(RECONCILIATIONS).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(Tokens.customer("nosy-" + UUID.randomUUID())))
                .post(RECONCILIATIONS).then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(Tokens.merchant(UUID.randomUUID())))
                .get("/api/v1/admin/stock-integrity/drift").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.merchant(UUID.randomUUID())))
                .post("/api/v1/admin/stock-integrity/recoveries").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).queryParam("repair", "perhaps")
                .post(RECONCILIATIONS).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation-failed")).body("errors[0].field", equalTo("repair"));
    }
}
