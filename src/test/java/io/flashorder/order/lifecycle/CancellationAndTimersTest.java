package io.flashorder.order.lifecycle;

import io.flashorder.inventory.CouponKeys;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.order.writer.OrderPersistence;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Buyer cancellation, the payment-deadline timer, COD confirmation, and healing a lost Redis step. */
@QuarkusTest
class CancellationAndTimersTest {

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
    OrderLifecycle lifecycle;
    @Inject
    OrderLifecycleRepository rows;
    @Inject
    OrderPersistence persistence;
    @Inject
    Pool pool;
    @Inject
    CircuitBreakerMaintenance breakers;

    private UUID merchant;
    private UUID north;
    private UUID south;
    private UUID earbuds;
    private String buyer;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        merchant = Catalog.merchant("Lifecycle merchant " + UUID.randomUUID());
        north = Catalog.warehouse(merchant, "NORTH");
        south = Catalog.warehouse(merchant, "SOUTH");
        earbuds = Catalog.sku(merchant, "Earbuds", 12_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(earbuds, north, 2);
        Catalog.loadStock(earbuds, south, 8);
        buyer = "canceller-" + UUID.randomUUID();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, String> stock() {
        Map<String, String> fields = new HashMap<>(Map.of("available", "0", "held", "0", "sold", "0", "loaded", "0"));
        fields.putAll(redis.hash(String.class).hgetall(InventoryKeys.sku(earbuds)));
        return fields;
    }

    private String place(int quantity, List<String> coupons, String method) {
        Map<String, Object> body = Orders.body(Map.of(earbuds, quantity));
        body.put("paymentMethod", method);
        if (!coupons.isEmpty()) {
            body.put("couponIds", coupons);
        }
        return Orders.place(buyer, body).then().statusCode(201).extract().path("id");
    }

    private void persisted(String id) {
        assertThat(persistence.ensurePersisted(UUID.fromString(id)).await().atMost(WAIT)).isTrue();
    }

    private String holdStatus(String id) {
        return redis.hash(String.class).hget(OrderKeys.hold(UUID.fromString(id)), "status");
    }

    private long count(String sql, Object... params) {
        return database.count(sql, params);
    }

    @Test
    void theBuyerCancelsAPendingOrderAndGetsStockAndCouponBackOnce() {
        String coupon = Pricing.claim(Pricing.fixedCouponTemplate(null, 500, null, 10), Tokens.customer(buyer));
        String id = place(3, List.of(coupon), "ONLINE");
        assertThat(stock()).containsEntry("available", "7").containsEntry("held", "3")
                .containsEntry(InventoryKeys.warehouseField(north), "0").containsEntry(InventoryKeys.warehouseField(south), "7");
        assertThat(redis.hash(String.class).hget(CouponKeys.coupon(coupon), "state")).isEqualTo("LOCKED");

        Payments.cancel(buyer, id).then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("merchantOrders[0].status", equalTo("CANCELLED"));

        assertThat(stock()).containsEntry("available", "10").containsEntry("held", "0").containsEntry("sold", "0")
                .containsEntry(InventoryKeys.warehouseField(north), "2").containsEntry(InventoryKeys.warehouseField(south), "8");
        assertThat(redis.hash(String.class).hget(CouponKeys.coupon(coupon), "state")).isEqualTo("AVAILABLE");
        assertThat(holdStatus(id)).isEqualTo("RELEASED");
        // A settled hold is only the marker: the order's copy is PostgreSQL's now.
        assertThat(redis.hash(String.class).hgetall(OrderKeys.hold(UUID.fromString(id))))
                .doesNotContainKeys("payload", "allocation");
        assertThat(redis.sortedSet(String.class).zscore(OrderKeys.DEADLINES, id)).isEmpty();
        UUID orderId = UUID.fromString(id);
        assertThat(count("SELECT count(*) FROM customer_order WHERE id = $1 AND cancelled_at IS NOT NULL "
                + "AND stock_settled_at IS NOT NULL", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE order_id = $1 AND type = 'ORDER_CANCELLED' "
                + "AND merchant_id = $2", orderId, merchant)).isEqualTo(1);
        Payments.history(buyer, id).then().statusCode(200)
                .body("transitions.size()", equalTo(1))
                .body("transitions[0].from", equalTo("PENDING_PAYMENT"))
                .body("transitions[0].to", equalTo("CANCELLED"))
                .body("transitions[0].actor", equalTo("buyer:" + buyer))
                .body("transitions[0].reason", equalTo("changed my mind"));

        // Cancelled: cancelling again or paying is illegal, and changes nothing.
        Payments.cancel(buyer, id).then().statusCode(409).body("code", equalTo("illegal-transition"))
                .body("currentStatus", equalTo("CANCELLED"));
        Payments.open(buyer, id).then().statusCode(409).body("code", equalTo("illegal-transition"));
        assertThat(stock()).containsEntry("available", "10").containsEntry("held", "0");
        assertThat(count("SELECT count(*) FROM order_transition WHERE order_id = $1", orderId)).isEqualTo(1);
        // The timer leaves a settled cancelled order alone.
        clock.advance(Duration.ofMinutes(31));
        timers.expireDue().await().atMost(WAIT);
        timers.settleForgotten().await().atMost(WAIT);
        assertThat(stock()).containsEntry("available", "10").containsEntry("held", "0");
    }

    @Test
    void theDeadlineTimerCancelsUnpaidOrdersOnceAndOnlyWhenDue() {
        String id = place(2, List.of(), "ONLINE");
        persisted(id);

        clock.advance(Duration.ofMinutes(29));
        timers.expireDue().await().atMost(WAIT);
        Payments.order(buyer, id).then().body("status", equalTo("PENDING_PAYMENT"));
        assertThat(stock()).containsEntry("held", "2");

        clock.advance(Duration.ofMinutes(2));
        assertThat(timers.expireDue().await().atMost(WAIT)).isPositive();
        Payments.order(buyer, id).then().body("status", equalTo("CANCELLED"));
        assertThat(stock()).containsEntry("available", "10").containsEntry("held", "0")
                .containsEntry(InventoryKeys.warehouseField(north), "2");
        assertThat(holdStatus(id)).isEqualTo("RELEASED");
        Payments.history(buyer, id).then().body("transitions[0].actor", equalTo("system:payment-deadline"))
                .body("transitions[0].to", equalTo("CANCELLED"));

        // Running again (another pod, the next tick) does nothing more.
        timers.expireDue().await().atMost(WAIT);
        assertThat(stock()).containsEntry("available", "10").containsEntry("held", "0");
        UUID orderId = UUID.fromString(id);
        assertThat(count("SELECT count(*) FROM order_transition WHERE order_id = $1", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE order_id = $1 AND type = 'ORDER_CANCELLED'", orderId))
                .isEqualTo(1);
    }

    @Test
    void aCashOnDeliveryOrderGoesStraightToShipmentAndNeverExpires() {
        String id = place(2, List.of(), "COD");
        persisted(id);
        timers.confirmCashOnDelivery().await().atMost(WAIT);

        Payments.order(buyer, id).then().body("status", equalTo("AWAITING_SHIPMENT"));
        UUID orderId = UUID.fromString(id);
        assertThat(count("SELECT count(*) FROM customer_order WHERE id = $1 AND payment_due_on_delivery "
                + "AND paid_at IS NULL AND stock_settled_at IS NOT NULL", orderId)).isEqualTo(1);
        assertThat(stock()).containsEntry("held", "0").containsEntry("sold", "2").containsEntry("available", "8");
        assertThat(holdStatus(id)).isEqualTo("PAID");
        Payments.history(buyer, id).then().body("transitions[0].to", equalTo("AWAITING_SHIPMENT"))
                .body("transitions[0].reason", equalTo(OrderLifecycle.PAYMENT_DUE_ON_DELIVERY));
        assertThat(count("SELECT count(*) FROM outbox_event WHERE order_id = $1 AND type = 'ORDER_PAID' "
                + "AND payload->>'paymentDueOnDelivery' = 'true'", orderId)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(31));
        timers.expireDue().await().atMost(WAIT);
        Payments.order(buyer, id).then().body("status", equalTo("AWAITING_SHIPMENT"));
        Payments.cancel(buyer, id).then().statusCode(409);
        assertThat(stock()).containsEntry("sold", "2");
    }

    @Test
    void aCancellationWhoseRedisStepWasLostIsReleasedByTheTimerExactlyOnce() {
        String coupon = Pricing.claim(Pricing.fixedCouponTemplate(null, 500, null, 10), Tokens.customer(buyer));
        String id = place(3, List.of(coupon), "ONLINE");
        persisted(id);
        UUID orderId = UUID.fromString(id);
        // The transition commits in PostgreSQL, then the pod dies before the Redis script.
        pool.withTransaction(tx -> rows.lock(tx, orderId).chain(order -> lifecycle.cancel(tx, order.orElseThrow(),
                OrderEvent.EXPIRE, OrderTransitions.Actor.system("payment-deadline"), "crash test", clock.instant())))
                .await().atMost(WAIT);
        assertThat(stock()).containsEntry("held", "3").containsEntry("available", "7");

        timers.settleForgotten().await().atMost(WAIT); // within the grace: the normal path may still be at work
        assertThat(stock()).containsEntry("held", "3");

        clock.advance(Duration.ofMinutes(1));
        timers.settleForgotten().await().atMost(WAIT);
        assertThat(stock()).containsEntry("held", "0").containsEntry("available", "10")
                .containsEntry(InventoryKeys.warehouseField(north), "2").containsEntry(InventoryKeys.warehouseField(south), "8");
        assertThat(redis.hash(String.class).hget(CouponKeys.coupon(coupon), "state")).isEqualTo("AVAILABLE");
        assertThat(count("SELECT count(*) FROM customer_order WHERE id = $1 AND stock_settled_at IS NOT NULL", orderId))
                .isEqualTo(1);

        // Healed once: later runs, and the release script run again directly, change nothing.
        timers.settleForgotten().await().atMost(WAIT);
        OrderFacts facts = rows.read(pool, orderId).await().atMost(WAIT).orElseThrow();
        lifecycle.settleQuietly(facts, true).await().atMost(WAIT);
        assertThat(stock()).containsEntry("held", "0").containsEntry("available", "10")
                .containsEntry(InventoryKeys.warehouseField(south), "8");
    }

    @Test
    void aPaymentWhoseRedisStepWasLostIsCommittedByTheTimer() {
        String id = place(2, List.of(), "ONLINE");
        persisted(id);
        UUID orderId = UUID.fromString(id);
        pool.withTransaction(tx -> rows.lock(tx, orderId).chain(order -> lifecycle.pay(tx, order.orElseThrow(),
                OrderEvent.PAY, OrderTransitions.Actor.provider("sandbox"), "crash test", "tx-crash", clock.instant())))
                .await().atMost(WAIT);
        assertThat(stock()).containsEntry("held", "2").containsEntry("sold", "0");

        clock.advance(Duration.ofMinutes(1));
        timers.settleForgotten().await().atMost(WAIT);
        timers.settleForgotten().await().atMost(WAIT);
        assertThat(stock()).containsEntry("held", "0").containsEntry("sold", "2").containsEntry("available", "8");
        assertThat(holdStatus(id)).isEqualTo("PAID");
    }
}
