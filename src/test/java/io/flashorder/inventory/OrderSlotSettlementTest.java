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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Payment, cancellation and expiry settle an order in the Redis slot PostgreSQL says it was placed in
 * ({@code customer_order.stock_slot}), never in {@code {p}} for an order of another slot. The order is placed in
 * {@code {p}}, then its reservation is moved to slot 3 as a bucketed placement would have left it there.
 */
@QuarkusTest
class OrderSlotSettlementTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final OrderSlot SLOT = OrderSlot.of(3);

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

    private UUID earbuds;
    private String buyer;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        UUID merchant = Catalog.merchant("Slot merchant " + UUID.randomUUID());
        UUID north = Catalog.warehouse(merchant, "NORTH");
        earbuds = Catalog.sku(merchant, "Earbuds", 12_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(earbuds, north, 10);
        buyer = "slot-" + UUID.randomUUID();
    }

    @AfterEach
    void moveBack() {
        clock.reset();
        move(InventoryKeys.sku(SLOT, earbuds), InventoryKeys.sku(earbuds));
    }

    @Test
    void aCancelledOrderOfABucketSlotGivesItsUnitsBackThere() {
        String id = placedInSlot(2).getString("id");

        Payments.cancel(buyer, id).then().statusCode(200);

        assertThat(counters(InventoryKeys.sku(SLOT, earbuds))).containsEntry("available", "10").containsEntry("held", "0");
        assertThat(redis.hash(String.class).hget(OrderKeys.hold(SLOT, UUID.fromString(id)), "status")).isEqualTo("RELEASED");
        assertThat(redis.sortedSet(String.class).zscore(OrderKeys.deadlines(SLOT), id)).isEmpty();
        assertNothingTouchedInP(id);
    }

    @Test
    void aPaidOrderOfABucketSlotIsSoldThere() {
        JsonPath order = placedInSlot(2);
        String id = order.getString("id");
        String session = Payments.open(buyer, id).then().statusCode(201).extract().path("sessionId");

        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, "tx-" + UUID.randomUUID(), order.getLong("payable"),
                "EUR", clock.instant())).then().statusCode(200).body("outcome", equalTo("PAID"));

        assertThat(counters(InventoryKeys.sku(SLOT, earbuds))).containsEntry("sold", "2").containsEntry("held", "0")
                .containsEntry("available", "8");
        assertThat(redis.hash(String.class).hget(OrderKeys.hold(SLOT, UUID.fromString(id)), "status")).isEqualTo("PAID");
        assertNothingTouchedInP(id);
    }

    @Test
    void anExpiredOrderOfABucketSlotGivesItsUnitsBackThere() {
        String id = placedInSlot(3).getString("id");

        clock.advance(Duration.ofMinutes(31));
        timers.expireDue().await().atMost(WAIT);

        Payments.order(buyer, id).then().body("status", equalTo("CANCELLED"));
        assertThat(counters(InventoryKeys.sku(SLOT, earbuds))).containsEntry("available", "10").containsEntry("held", "0");
        assertNothingTouchedInP(id);
    }

    /** Places and persists an order, then moves its reservation (hold, deadline entry, SKU counters) to slot 3. */
    private JsonPath placedInSlot(int units) {
        JsonPath order = Orders.place(buyer, Orders.body(Map.of(earbuds, units))).then().statusCode(201)
                .extract().jsonPath();
        UUID id = UUID.fromString(order.getString("id"));
        assertThat(persistence.ensurePersisted(id).await().atMost(WAIT)).isTrue();
        move(OrderKeys.hold(id), OrderKeys.hold(SLOT, id));
        move(InventoryKeys.sku(earbuds), InventoryKeys.sku(SLOT, earbuds));
        redis.sortedSet(String.class).zrem(OrderKeys.DEADLINES, id.toString());
        redis.sortedSet(String.class).zadd(OrderKeys.deadlines(SLOT), 1, id.toString());
        database.execute("UPDATE customer_order SET stock_slot = 3 WHERE id = $1", id);
        assertThat(counters(InventoryKeys.sku(SLOT, earbuds))).containsEntry("held", Integer.toString(units));
        return order;
    }

    private void assertNothingTouchedInP(String id) {
        assertThat(redis.key(String.class).exists(InventoryKeys.sku(earbuds))).isFalse();
        assertThat(redis.key(String.class).exists(OrderKeys.hold(UUID.fromString(id)))).isFalse();
    }

    private Map<String, String> counters(String key) {
        return redis.hash(String.class).hgetall(key);
    }

    private void move(String from, String to) {
        Map<String, String> fields = counters(from);
        if (!fields.isEmpty()) {
            redis.hash(String.class).hset(to, fields);
            redis.key(String.class).del(from);
        }
    }
}
