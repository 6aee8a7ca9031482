package io.flashorder.points;

import io.flashorder.aftersale.AfterSales;
import io.flashorder.aftersale.RefundCallbacks;
import io.flashorder.aftersale.refund.AfterSaleRefunds;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.PointsKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * Spending points at checkout: held with the stock in the one reservation script (all or nothing, once per
 * Idempotency-Key), spent for good on payment, given back on cancellation and on a refund before shipment; the
 * Redis mirror loaded again from the ledger when it is lost.
 */
@QuarkusTest
class PointsRedemptionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    RedisDataSource redis;
    @Inject
    TestClock clock;
    @Inject
    AfterSaleRefunds refunds;
    @Inject
    PointsService points;

    private Shop shop;

    @BeforeEach
    void shop() {
        shop = lifecycle.shop("Points redemption");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void grant(String buyer, long amount) {
        PointsLedgerTest.adjust(buyer, Map.of("amount", amount, "reason", "test grant")).then().statusCode(201);
    }

    private Map<String, Object> order(int units, long pointsToUse) {
        Map<String, Object> body = new HashMap<>(Orders.body(Map.of(shop.skuId(), units)));
        body.put("pointsToUse", pointsToUse);
        return body;
    }

    private Map<String, String> mirror(String buyer) {
        return redis.hash(String.class).hgetall(PointsKeys.account(buyer));
    }

    private long held(String buyer) {
        return Long.parseLong(mirror(buyer).getOrDefault("held", "0"));
    }

    private long spendable(String buyer) {
        Map<String, String> fields = mirror(buyer);
        return Long.parseLong(fields.getOrDefault("balance", "0")) - Long.parseLong(fields.getOrDefault("held", "0"));
    }

    private long available() {
        return Long.parseLong(redis.hash(String.class).hget(InventoryKeys.sku(shop.skuId()), "available"));
    }

    private List<String> ledger(String buyer) {
        return database.strings("SELECT kind || ':' || amount FROM points_entry WHERE buyer_id = $1 ORDER BY version",
                buyer);
    }

    @Test
    void pointsAreHeldAtCheckoutAndSpentForGoodOnPayment() {
        String buyer = "redeem-pay-" + UUID.randomUUID();
        grant(buyer, 3_000);
        long withoutPoints = Orders.place("quote-" + UUID.randomUUID(), order(2, 0)).then().statusCode(201)
                .extract().jsonPath().getLong("payable");

        String key = UUID.randomUUID().toString();
        JsonPath placed = Orders.place(buyer, key, order(2, 1_500)).then().statusCode(201).extract().jsonPath();
        // 1 point = 1 minor unit by default: 1,500 points take 15.00 off the goods, spread over the lines.
        assertThat(placed.getLong("payable")).isEqualTo(withoutPoints - 1_500);
        assertThat(placed.getList("merchantOrders[0].lines[0].discounts.kind", String.class)).contains("POINTS");
        assertThat(held(buyer)).isEqualTo(1_500);
        assertThat(spendable(buyer)).isEqualTo(1_500);

        // The same request again is the same order: nothing is held twice.
        Orders.place(buyer, key, order(2, 1_500)).then().statusCode(201).body("id", equalTo(placed.getString("id")));
        assertThat(held(buyer)).isEqualTo(1_500);

        Lifecycle.PlacedOrder order = lifecycle.placedWith(buyer, key, order(2, 1_500));
        assertThat(order.orderId().toString()).isEqualTo(placed.getString("id"));
        assertThat(held(buyer)).isEqualTo(1_500);
        lifecycle.pay(order);
        assertThat(ledger(buyer)).containsExactly("ADJUST:3000", "REDEEM:-1500");
        PointsLedgerTest.balance(buyer).then().statusCode(200).body("balance", equalTo(1_500));
        assertThat(held(buyer)).isZero();
        assertThat(spendable(buyer)).isEqualTo(1_500);
        assertThat(mirror(buyer)).doesNotContainKey(PointsKeys.ORDER_PREFIX + order.orderId());
    }

    @Test
    void aCancelledOrderGivesItsPointsBackAndSpendsNothing() {
        String buyer = "redeem-cancel-" + UUID.randomUUID();
        grant(buyer, 800);
        Lifecycle.PlacedOrder order = lifecycle.placedWith(buyer, order(1, 800));
        assertThat(spendable(buyer)).isZero();
        Orders.place(buyer, order(1, 1)).then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("insufficient-points")).body("spendable", equalTo(0));

        Payments.cancel(buyer, order.orderId().toString()).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(held(buyer)).isZero();
        assertThat(spendable(buyer)).isEqualTo(800);
        assertThat(ledger(buyer)).containsExactly("ADJUST:800");
    }

    @Test
    void theReservationIsAllOrNothingWithPoints() {
        String buyer = "redeem-atomic-" + UUID.randomUUID();
        grant(buyer, 500);
        long stockBefore = available();
        long orders = database.countAll("customer_order");

        // Not enough points: no stock is taken either.
        Orders.place(buyer, order(1, 600)).then().statusCode(409).body("code", equalTo("insufficient-points"))
                .body("spendable", equalTo(500));
        assertThat(available()).isEqualTo(stockBefore);
        // Not enough stock: no points are held either.
        UUID merchant = Catalog.merchant("Scarce " + UUID.randomUUID());
        UUID scarce = Catalog.sku(merchant, "Scarce item", 1_000);
        Catalog.loadStock(scarce, Catalog.warehouse(merchant, "NORTH"), 1);
        Pricing.defaultShippingTemplate(merchant);
        Map<String, Object> twoShops = new HashMap<>(Orders.body(Map.of(shop.skuId(), 1, scarce, 2)));
        twoShops.put("pointsToUse", 400);
        Orders.place(buyer, twoShops).then().statusCode(409).body("code", equalTo("sold-out"));
        assertThat(held(buyer)).isZero();
        assertThat(mirror(buyer).keySet()).noneMatch(field -> field.startsWith(PointsKeys.ORDER_PREFIX));
        assertThat(available()).isEqualTo(stockBefore);
        assertThat(database.countAll("customer_order")).isEqualTo(orders);
    }

    @Test
    void badPointsAreRefusedAtTheEdge() {
        String buyer = "redeem-bad-" + UUID.randomUUID();
        grant(buyer, 100_000);
        Orders.place(buyer, order(1, -1)).then().statusCode(400).body("errors.field", hasItem("pointsToUse"));
        Orders.place(buyer, order(1, 1_000_000_001L)).then().statusCode(400).body("errors.field", hasItem("pointsToUse"));
        Map<String, Object> fraction = order(1, 0);
        fraction.put("pointsToUse", 1.5);
        Orders.place(buyer, fraction).then().statusCode(400).contentType(startsWith("application/problem+json"));
        Map<String, Object> text = order(1, 0);
        text.put("pointsToUse", "ten");
        Orders.place(buyer, text).then().statusCode(400);
        Map<String, Object> cod = order(1, 100);
        cod.put("paymentMethod", "COD");
        Orders.place(buyer, cod).then().statusCode(400).body("errors.field", hasItem("pointsToUse"));
        // More than the platform's cap (half of the goods: 12.50 of a 25.00 item) is refused with the most allowed.
        Orders.place(buyer, order(1, 1_251)).then().statusCode(422).body("code", equalTo("points-over-cap"))
                .body("subject", equalTo("1250"));
        assertThat(held(buyer)).isZero();
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE buyer_id = $1", buyer)).isZero();
        Orders.place(buyer, order(1, 1_250)).then().statusCode(201);
    }

    @Test
    void aLostMirrorIsLoadedAgainWithTheUnpaidOrdersStillHolding() {
        String buyer = "redeem-lost-" + UUID.randomUUID();
        grant(buyer, 1_000);
        lifecycle.placedWith(buyer, order(2, 600)); // PostgreSQL has it, unpaid
        redis.key(String.class).del(PointsKeys.account(buyer));

        Orders.place(buyer, order(1, 500)).then().statusCode(409).body("code", equalTo("insufficient-points"))
                .body("spendable", equalTo(400));
        assertThat(held(buyer)).isEqualTo(600);
        Orders.place(buyer, order(1, 400)).then().statusCode(201);
        assertThat(spendable(buyer)).isZero();

        // A mirror of an earlier stock epoch (Redis came back with less) is not trusted either.
        redis.hash(String.class).hset(PointsKeys.account(buyer), Map.of("epoch", "0", "held", "0"));
        Orders.place(buyer, order(1, 1)).then().statusCode(409).body("spendable", equalTo(0));
        assertThat(held(buyer)).isEqualTo(1_000);
    }

    @Test
    void aRefundBeforeShipmentGivesTheSpentPointsBack() {
        String buyer = "redeem-refund-" + UUID.randomUUID();
        grant(buyer, 2_000);
        Lifecycle.PlacedOrder order = lifecycle.pay(lifecycle.placedWith(buyer, order(2, 2_000)));
        UUID merchantOrder = order.merchantOrderOf(shop);
        UUID line = UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrder));
        assertThat(ledger(buyer)).containsExactly("ADJUST:2000", "REDEEM:-2000");

        // Half of the goods refunded before shipment: half of the points come back; then the other half.
        refund(buyer, merchantOrder, line, 1);
        assertThat(ledger(buyer)).containsExactly("ADJUST:2000", "REDEEM:-2000", "RETURN:1000");
        refund(buyer, merchantOrder, line, 1);
        assertThat(ledger(buyer)).containsExactly("ADJUST:2000", "REDEEM:-2000", "RETURN:1000", "RETURN:1000");
        points.mirror(buyer).await().atMost(WAIT);
        assertThat(spendable(buyer)).isEqualTo(2_000);
    }

    private void refund(String buyer, UUID merchantOrder, UUID line, int units) {
        String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "REFUND_ONLY", Map.of(line, units)))
                .then().statusCode(201).extract().path("id");
        var pending = AfterSales.merchantGet(shop.merchantId(), "/{id}", caseId).then().statusCode(200)
                .extract().jsonPath();
        if (!"PENDING_REFUND".equals(pending.getString("status"))) {
            AfterSales.approve(shop.merchantId(), caseId).then().statusCode(200);
        }
        refunds.dispatchDue().await().atMost(WAIT);
        var refund = AfterSales.merchantGet(shop.merchantId(), "/{id}", caseId).then().statusCode(200)
                .extract().jsonPath();
        RefundCallbacks.post(RefundCallbacks.signed("succeeded", refund.getString("refund.providerRefundId"),
                refund.getLong("refundTotal"), clock.instant())).then().statusCode(200)
                .body("outcome", equalTo("REFUNDED"));
    }

    @Test
    void aLatePaymentHoldsThePointsAgainOrIsRefundedWhenTheyWereSpentMeanwhile() {
        String buyer = "redeem-late-" + UUID.randomUUID();
        grant(buyer, 1_000);
        Lifecycle.PlacedOrder revived = lifecycle.placedWith(buyer, order(1, 800));
        JsonPath session = Payments.open(buyer, revived.orderId().toString()).then().statusCode(201).extract().jsonPath();
        Payments.cancel(buyer, revived.orderId().toString()).then().statusCode(200);
        assertThat(spendable(buyer)).isEqualTo(1_000);
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session.getString("sessionId"), "tx-" + UUID.randomUUID(),
                session.getLong("amount"), session.getString("currency"), clock.instant())).then().statusCode(200)
                .body("outcome", equalTo("LATE_REVIVED"));
        assertThat(ledger(buyer)).containsExactly("ADJUST:1000", "REDEEM:-800");
        assertThat(held(buyer)).isZero();
        assertThat(spendable(buyer)).isEqualTo(200);

        // Cancelled, its points spent on another order, then paid late: the payment goes back, nothing is spent twice.
        grant(buyer, 800);
        Lifecycle.PlacedOrder late = lifecycle.placedWith(buyer, order(1, 900));
        JsonPath lateSession = Payments.open(buyer, late.orderId().toString()).then().statusCode(201).extract().jsonPath();
        Payments.cancel(buyer, late.orderId().toString()).then().statusCode(200);
        Orders.place(buyer, order(1, 500)).then().statusCode(201);
        SandboxCallbacks.post(SandboxCallbacks.succeeded(lateSession.getString("sessionId"), "tx-" + UUID.randomUUID(),
                lateSession.getLong("amount"), lateSession.getString("currency"), clock.instant())).then()
                .statusCode(200).body("outcome", equalTo("LATE_REFUNDED"));
        assertThat(ledger(buyer)).containsExactly("ADJUST:1000", "REDEEM:-800", "ADJUST:800");
        assertThat(held(buyer)).isEqualTo(500);
        assertThat(spendable(buyer)).isEqualTo(500);
    }

    @Test
    void pointsHeldByAnUnpaidOrderDoNotExpireUnderIt() {
        String buyer = "redeem-expiry-" + UUID.randomUUID();
        grant(buyer, 1_000);
        Lifecycle.PlacedOrder order = lifecycle.placedWith(buyer, order(2, 600));
        clock.advance(Duration.ofDays(366));
        points.expireDue().await().atMost(WAIT);
        // FIFO: the unpaid order took the earliest points; only the 400 it does not hold expire.
        assertThat(ledger(buyer)).containsExactly("ADJUST:1000", "EXPIRE:-400");
        points.mirror(buyer).await().atMost(WAIT);
        assertThat(spendable(buyer)).isZero();
        assertThat(held(buyer)).isEqualTo(600);

        // Released, they were due all along: the next look at the account expires them too.
        Payments.cancel(buyer, order.orderId().toString()).then().statusCode(200);
        assertThat(spendable(buyer)).isEqualTo(600);
        clock.advance(Duration.ofHours(2));
        points.expireDue().await().atMost(WAIT);
        assertThat(ledger(buyer)).containsExactly("ADJUST:1000", "EXPIRE:-400", "EXPIRE:-600");
        assertThat(spendable(buyer)).isZero();
        PointsLedgerTest.balance(buyer).then().statusCode(200).body("balance", equalTo(0));
    }
}
