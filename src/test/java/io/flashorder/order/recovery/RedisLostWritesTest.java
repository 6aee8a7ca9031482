package io.flashorder.order.recovery;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.order.lifecycle.LifecycleTimerJobs;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.RedisServer;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
import io.flashorder.support.TestProfiles;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 15, defect 1: Redis comes back from a crash with an older append-only file, without reservations and
 * settlements PostgreSQL already has. Placements are refused (503) until the stock is rebuilt from PostgreSQL; then
 * the lost holds are back, the counters agree with PostgreSQL, and selling the rest never sells a unit twice.
 * The periodic check is off here, so the restart is noticed by the first placement (Redis forgot its scripts).
 */
@QuarkusTest
@TestProfile(TestProfiles.RedisRestarts.class)
class RedisLostWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LOADED = 20;
    private static final int CAMPAIGN_STOCK = 15;

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    LifecycleTimerJobs timers;
    @Inject
    CircuitBreakerMaintenance breakers;

    private UUID sku;
    private UUID north;
    private String campaign;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        UUID merchant = Catalog.merchant("Lost writes merchant " + UUID.randomUUID());
        north = Catalog.warehouse(merchant, "NORTH");
        sku = Catalog.sku(merchant, "Flash console", 49_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, north, LOADED);
        campaign = Catalog.liveCampaign(clock.instant(), sku, 29_900, CAMPAIGN_STOCK, 5);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Response place(String buyer) {
        Map<String, Object> body = Orders.body(Map.of(sku, 1));
        body.put("campaignId", campaign);
        return Orders.place(buyer, body);
    }

    private JsonPath placed(String buyer) {
        return place(buyer).then().statusCode(201).extract().jsonPath();
    }

    private void persisted(int orders) {
        Eventually.await(WAIT, () -> assertThat(database.count(
                "SELECT count(*) FROM customer_order WHERE campaign_id = $1", UUID.fromString(campaign)))
                .isEqualTo(orders));
    }

    private Map<String, Long> counters(String key) {
        Map<String, Long> fields = new HashMap<>();
        redis.hash(String.class).hgetall(key).forEach((k, v) -> fields.put(k, Long.parseLong(v)));
        return fields;
    }

    private Map<String, Long> skuStock() {
        Map<String, Long> fields = new HashMap<>(Map.of("available", 0L, "held", 0L, "sold", 0L, "loaded", 0L));
        fields.putAll(counters(InventoryKeys.sku(sku)));
        return fields;
    }

    private Map<String, Long> campaignStock() {
        Map<String, Long> fields = new HashMap<>(Map.of("available", 0L, "held", 0L, "sold", 0L, "loaded", 0L));
        counters(InventoryKeys.campaign(UUID.fromString(campaign))).forEach((field, value) -> {
            if (field.startsWith(sku.toString())) {
                fields.put(field.substring(sku.toString().length() + 1), value);
            }
        });
        return fields;
    }

    private String hold(String orderId) {
        return redis.hash(String.class).hget(OrderKeys.hold(UUID.fromString(orderId)), "status");
    }

    private void assertInvariant() {
        Map<String, Long> stock = skuStock();
        assertThat(stock.values()).allSatisfy(value -> assertThat(value).isNotNegative());
        assertThat(stock.get("loaded")).isEqualTo(LOADED)
                .isEqualTo(stock.get("available") + stock.get("held") + stock.get("sold"));
        assertThat(stock.get(InventoryKeys.warehouseField(north))).isEqualTo(stock.get("available"));
        Map<String, Long> campaignStock = campaignStock();
        assertThat(campaignStock.values()).allSatisfy(value -> assertThat(value).isNotNegative());
        assertThat(campaignStock.get("loaded")).isEqualTo(CAMPAIGN_STOCK).isEqualTo(campaignStock.get("available")
                + campaignStock.get("held") + campaignStock.get("sold"));
    }

    @Test
    void redisBackFromAnOlderAofIsRebuiltFromPostgresBeforeItTakesOrdersAndNothingIsSoldTwice() {
        for (int i = 1; i <= 3; i++) {
            placed("before-" + i + "-" + UUID.randomUUID());
        }
        persisted(3);
        Path olderAof = RedisServer.copyAof();

        // After the copy: four more orders the writer persists, one paid, one cancelled. Redis will lose all of it.
        String[] buyers = new String[4];
        JsonPath[] lost = new JsonPath[4];
        for (int i = 0; i < 4; i++) {
            buyers[i] = "after-" + i + "-" + UUID.randomUUID();
            lost[i] = placed(buyers[i]);
        }
        persisted(7);
        String session = Payments.open(buyers[0], lost[0].getString("id")).then().statusCode(201)
                .extract().path("sessionId");
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, "tx-" + UUID.randomUUID(), lost[0].getLong("payable"),
                "EUR", clock.instant())).then().statusCode(200).body("outcome", equalTo("PAID"));
        Payments.cancel(buyers[1], lost[1].getString("id")).then().statusCode(200);
        assertThat(skuStock()).containsEntry("held", 5L).containsEntry("sold", 1L).containsEntry("available", 14L);
        Instant beforeCrash = clock.instant();

        RedisServer.restartFrom(olderAof);

        // The first placement finds Redis without its scripts: refused, nothing reserved, and Redis gets verified.
        place("first-after-crash-" + UUID.randomUUID()).then().statusCode(503).header("Retry-After", "1")
                .contentType("application/problem+json").body("code", equalTo("stock-recovering"));
        String firstAccepted = "accepted-after-recovery-" + UUID.randomUUID();
        Eventually.await(WAIT, () -> place(firstAccepted).then().statusCode(201));

        // The counters are PostgreSQL's: 3 + 2 pending + 1 new held, 1 sold; the cancelled order holds nothing.
        assertThat(skuStock()).containsEntry("held", 6L).containsEntry("sold", 1L).containsEntry("available", 13L)
                .containsEntry("loaded", (long) LOADED);
        assertThat(campaignStock()).containsEntry("held", 6L).containsEntry("sold", 1L).containsEntry("available", 8L);
        assertInvariant();
        // The lost holds of the pending orders are back; the paid and cancelled orders (settled in PostgreSQL, their
        // markers lost with the rest) hold nothing: no script will ever run for them again.
        assertThat(hold(lost[0].getString("id"))).isNotEqualTo("PENDING_PAYMENT");
        assertThat(hold(lost[1].getString("id"))).isNotEqualTo("PENDING_PAYMENT");
        assertThat(hold(lost[2].getString("id"))).isEqualTo("PENDING_PAYMENT");
        assertThat(hold(lost[3].getString("id"))).isEqualTo("PENDING_PAYMENT");
        Map<String, String> units = redis.hash(String.class).hgetall(InventoryKeys.campaignBuyers(campaign));
        assertThat(units).containsEntry(buyers[0], "1").containsEntry(buyers[2], "1").containsEntry(buyers[3], "1")
                .doesNotContainKey(buyers[1]);
        assertThat(database.count("SELECT count(*) FROM stock_repair WHERE source = 'RECOVERY' AND sku_id = $1 "
                + "AND campaign_id IS NULL AND field = 'held' AND observed = 3 AND expected = 5", sku)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM stock_repair WHERE source = 'RECOVERY' AND at >= $1",
                beforeCrash.atOffset(java.time.ZoneOffset.UTC))).isPositive();

        // Every pending order expires (once PostgreSQL has them all): the restored holds give their units back once.
        persisted(8);
        clock.advance(Duration.ofMinutes(6));
        timers.expireDue().await().atMost(WAIT);
        assertThat(skuStock()).containsEntry("held", 0L).containsEntry("sold", 1L).containsEntry("available", 19L);
        assertInvariant();
        clock.reset();

        // Selling out the campaign accepts exactly what is left of it (15 loaded, 1 sold): never a unit twice.
        int accepted = 0;
        for (int i = 0; i < CAMPAIGN_STOCK + 3; i++) {
            int status = place("sell-out-" + i + "-" + UUID.randomUUID()).then().extract().statusCode();
            assertThat(status).isIn(201, 409);
            accepted += status == 201 ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(CAMPAIGN_STOCK - 1);
        assertInvariant();
        assertThat(campaignStock()).containsEntry("available", 0L).containsEntry("sold", 1L)
                .containsEntry("held", (long) CAMPAIGN_STOCK - 1);
    }

    @Test
    void whileAnotherPodRebuildsTheStockNoScriptMovesACounter() {
        String buyer = "fenced-" + UUID.randomUUID();
        JsonPath order = placed(buyer);
        persisted(1);
        Map<String, Long> before = skuStock();
        redis.value(String.class).set(InventoryKeys.RECOVERY_FENCE, "recovery-of-another-pod");
        try {
            place("during-recovery-" + UUID.randomUUID()).then().statusCode(503).body("code", equalTo("stock-recovering"));
            // PostgreSQL cancels; Redis refuses to move anything while the fence is up.
            Payments.cancel(buyer, order.getString("id")).then().statusCode(200);
            assertThat(skuStock()).isEqualTo(before);
            assertThat(hold(order.getString("id"))).isEqualTo("PENDING_PAYMENT");
        } finally {
            redis.key(String.class).del(InventoryKeys.RECOVERY_FENCE);
        }
        Eventually.await(WAIT, () -> place("after-recovery-" + UUID.randomUUID()).then().statusCode(201));
        // The settlement timer gives the cancelled order's unit back once the fence is gone.
        clock.advance(Duration.ofMinutes(1));
        timers.settleForgotten().await().atMost(WAIT);
        assertThat(hold(order.getString("id"))).isEqualTo("RELEASED");
        assertThat(skuStock()).containsEntry("held", 1L).containsEntry("available", (long) LOADED - 1);
        assertInvariant();
    }
}
