package io.flashorder.inventory;

import io.flashorder.order.lifecycle.LifecycleTimerJobs;
import io.flashorder.order.writer.OrderPersistence;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The settlement scripts never trust a missing hold and never drive a counter below zero (issue 15, defect 1):
 * Redis lost a reservation PostgreSQL has (its hold and the units it held), then the order expires or is paid.
 */
@QuarkusTest
class MissingHoldTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    LifecycleTimerJobs timers;
    @Inject
    OrderPersistence persistence;
    @Inject
    CircuitBreakerMaintenance breakers;

    private UUID north;
    private UUID earbuds;
    private String buyer;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        UUID merchant = Catalog.merchant("Missing hold merchant " + UUID.randomUUID());
        north = Catalog.warehouse(merchant, "NORTH");
        earbuds = Catalog.sku(merchant, "Earbuds", 12_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(earbuds, north, 10);
        buyer = "lost-" + UUID.randomUUID();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, Long> stock() {
        Map<String, Long> fields = new HashMap<>(Map.of("available", 0L, "held", 0L, "sold", 0L, "loaded", 0L));
        redis.hash(String.class).hgetall(InventoryKeys.sku(earbuds)).forEach((k, v) -> fields.put(k, Long.parseLong(v)));
        return fields;
    }

    /** Places and persists an order of {@code units}, then makes Redis forget its reservation entirely. */
    private JsonPath placedThenLostByRedis(int units) {
        JsonPath order = Orders.place(buyer, Orders.body(Map.of(earbuds, units))).then().statusCode(201)
                .extract().jsonPath();
        UUID id = UUID.fromString(order.getString("id"));
        assertThat(persistence.ensurePersisted(id).await().atMost(WAIT)).isTrue();
        // As if Redis came back from before the reservation: no hold, no deadline entry, the units not held.
        redis.key(String.class).del(OrderKeys.hold(id));
        redis.sortedSet(String.class).zrem(OrderKeys.DEADLINES, id.toString());
        redis.hash(String.class).hincrby(InventoryKeys.sku(earbuds), "held", -units);
        redis.hash(String.class).hincrby(InventoryKeys.sku(earbuds), "available", units);
        redis.hash(String.class).hincrby(InventoryKeys.sku(earbuds), InventoryKeys.warehouseField(north), units);
        assertThat(stock()).containsEntry("available", 10L).containsEntry("held", 0L).containsEntry("loaded", 10L);
        return order;
    }

    private void assertNothingNegativeAndNothingInvented() {
        Map<String, Long> stock = stock();
        assertThat(stock.values()).allSatisfy(value -> assertThat(value).isNotNegative());
        assertThat(stock.get("available")).isLessThanOrEqualTo(stock.get("loaded"));
        assertThat(stock.get("loaded")).isEqualTo(stock.get("available") + stock.get("held") + stock.get("sold"));
    }

    private double anomalies(String script) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("flashorder_stock_settlement_anomalies_total{")
                        && line.contains("kind=\"missing-hold\"") && line.contains("script=\"" + script + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void anExpiredOrderWhoseHoldRedisLostGivesNothingBack() {
        double before = anomalies("release_order");
        String id = placedThenLostByRedis(3).getString("id");

        clock.advance(Duration.ofMinutes(31));
        timers.expireDue().await().atMost(WAIT);

        Payments.order(buyer, id).then().body("status", equalTo("CANCELLED"));
        // Units Redis never held are not handed out again: no 13 available out of 10 loaded, no held of -3.
        assertThat(stock()).containsEntry("available", 10L).containsEntry("held", 0L).containsEntry("sold", 0L)
                .containsEntry(InventoryKeys.warehouseField(north), 10L);
        assertNothingNegativeAndNothingInvented();
        assertThat(redis.key(String.class).exists(OrderKeys.hold(UUID.fromString(id)))).isFalse();
        // Settled: no run of the script could ever move its units; the reconciliation owns the counters now.
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1 AND stock_settled_at IS NOT NULL",
                UUID.fromString(id))).isEqualTo(1);
        // (Other tests' orders without a hold may expire in the same run: at least this one was counted.)
        assertThat(anomalies("release_order")).isGreaterThan(before);
    }

    @Test
    void aPaidOrderWhoseHoldRedisLostMovesNoCounter() {
        double before = anomalies("commit_order");
        JsonPath order = placedThenLostByRedis(2);
        String id = order.getString("id");
        String session = Payments.open(buyer, id).then().statusCode(201).extract().path("sessionId");

        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, "tx-" + UUID.randomUUID(), order.getLong("payable"),
                "EUR", clock.instant())).then().statusCode(200).body("outcome", equalTo("PAID"));

        Payments.order(buyer, id).then().body("status", equalTo("AWAITING_SHIPMENT"));
        assertThat(stock()).containsEntry("held", 0L).containsEntry("sold", 0L).containsEntry("available", 10L);
        assertNothingNegativeAndNothingInvented();
        assertThat(anomalies("commit_order")).isGreaterThan(before);
    }

    @Test
    void aSettlementNeverDrivesACounterBelowZero() {
        JsonPath order = Orders.place(buyer, Orders.body(Map.of(earbuds, 2))).then().statusCode(201)
                .extract().jsonPath();
        String id = order.getString("id");
        // The hold is there, but the counter lost the units it held (drift, whatever caused it).
        redis.hash(String.class).hset(InventoryKeys.sku(earbuds), Map.of("held", "1", "available", "9",
                InventoryKeys.warehouseField(north), "9"));

        String session = Payments.open(buyer, id).then().statusCode(201).extract().path("sessionId");
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, "tx-" + UUID.randomUUID(), order.getLong("payable"),
                "EUR", clock.instant())).then().statusCode(200).body("outcome", equalTo("PAID"));

        assertThat(stock()).containsEntry("held", 1L).containsEntry("sold", 0L).containsEntry("available", 9L);
        assertNothingNegativeAndNothingInvented();
        assertThat(redis.hash(String.class).hget(OrderKeys.hold(UUID.fromString(id)), "status"))
                .isEqualTo("PENDING_PAYMENT");
        // Left unsettled: once the counters are repaired, the settlement timer commits it.
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1 AND stock_settled_at IS NULL",
                UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void aPendingHoldLivesUntilItsOrderIsSettled() {
        String id = Orders.place(buyer, Orders.body(Map.of(earbuds, 1))).then().statusCode(201).extract().path("id");
        String hold = OrderKeys.hold(UUID.fromString(id));
        // No expiry while the order can still be paid or cancelled (a PostgreSQL outage may last longer than any TTL).
        assertThat(redis.key(String.class).ttl(hold)).isEqualTo(-1L);

        Payments.cancel(buyer, id).then().statusCode(200);
        assertThat(redis.key(String.class).ttl(hold)).isPositive();
    }
}
