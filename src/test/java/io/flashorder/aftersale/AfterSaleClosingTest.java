package io.flashorder.aftersale;

import io.flashorder.aftersale.refund.AfterSaleRefunds;
import io.flashorder.inventory.CouponKeys;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.PlacedOrder;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Pricing;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The order follows its merchant orders into CLOSED (one platform-wide ORDER_CLOSED), and an order refunded in full
 * before anything shipped gives its coupons back, once.
 */
@QuarkusTest
class AfterSaleClosingTest {

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
    CaseActions actions;

    private Shop north;
    private Shop south;

    @BeforeEach
    void shops() {
        north = lifecycle.shop("After-sale closing north");
        south = lifecycle.shop("After-sale closing south");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private UUID lineOf(UUID merchantOrderId) {
        return UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrderId));
    }

    private long units(UUID line) {
        return database.count("SELECT quantity FROM order_line WHERE id = $1", line);
    }

    /** A refund-only case over {@code units} of the merchant order's line, its refund handed to the sandbox. */
    private SandboxCallbacks.Signed refundPending(String buyer, UUID merchantOrder, int units) {
        String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "REFUND_ONLY",
                        Map.of(lineOf(merchantOrder), units)))
                .then().statusCode(201).body("status", equalTo("PENDING_REFUND")).extract().path("id");
        refunds.dispatchDue().await().atMost(WAIT);
        var pending = AfterSales.buyerGet(buyer, "/{id}", caseId).then().statusCode(200).extract().jsonPath();
        return RefundCallbacks.signed("succeeded", pending.getString("refund.providerRefundId"),
                pending.getLong("refundTotal"), clock.instant());
    }

    private void refunded(SandboxCallbacks.Signed callback) {
        RefundCallbacks.post(callback).then().statusCode(200).body("outcome", equalTo("REFUNDED"));
    }

    private String coupon(String buyer) {
        return Pricing.claim(Pricing.fixedCouponTemplate(null, 500, null, 10), Tokens.customer(buyer));
    }

    private Map<String, String> couponHash(String coupon) {
        return redis.hash(String.class).hgetall(CouponKeys.coupon(coupon));
    }

    private long orderClosedEvents(UUID orderId) {
        return database.count("SELECT count(*) FROM outbox_event WHERE type = 'ORDER_CLOSED' AND order_id = $1 "
                + "AND merchant_id IS NULL AND payload->>'merchantOrderId' IS NULL", orderId);
    }

    @Test
    void theOrderClosesOnceWhenItsLastMerchantOrderClosesAndGivesItsCouponBackOnce() {
        String buyer = "as-close-" + UUID.randomUUID();
        String coupon = coupon(buyer);
        PlacedOrder order = lifecycle.paid(buyer, Map.of(north.skuId(), 1, south.skuId(), 2), List.of(coupon));
        assertThat(couponHash(coupon)).containsEntry("state", "USED")
                .containsEntry("orderId", order.orderId().toString());

        // One merchant order refunded in full: a partial refund of the order, which stays open and keeps its coupon.
        refunded(refundPending(buyer, order.merchantOrderOf(north), 1));
        assertThat(lifecycle.status(order.merchantOrderOf(north))).isEqualTo("CLOSED");
        assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("AWAITING_SHIPMENT");
        assertThat(orderClosedEvents(order.orderId())).isZero();
        assertThat(couponHash(coupon)).containsEntry("state", "USED");

        // The other one too: the order closes, once, and the buyer has the coupon back.
        SandboxCallbacks.Signed last = refundPending(buyer, order.merchantOrderOf(south), 2);
        refunded(last);
        assertThat(lifecycle.status(order.merchantOrderOf(south))).isEqualTo("CLOSED");
        assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("CLOSED");
        assertThat(orderClosedEvents(order.orderId())).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'ORDER_CLOSED' AND order_id = $1",
                order.orderId())).isEqualTo(3);
        assertThat(database.strings("SELECT actor FROM order_transition WHERE order_id = $1 "
                + "AND merchant_order_id IS NULL AND to_status = 'CLOSED'", order.orderId())).hasSize(1);
        assertThat(couponHash(coupon)).containsEntry("state", "AVAILABLE").doesNotContainKey("orderId");
        assertThat(database.count("SELECT count(*) FROM after_sale_coupon_return WHERE order_id = $1 "
                + "AND applied_at IS NOT NULL", order.orderId())).isEqualTo(1);

        // Usable again, once: a new order takes it; the refund delivered again does not give it back a second time.
        PlacedOrder again = lifecycle.paid(buyer, Map.of(north.skuId(), 1), List.of(coupon));
        assertThat(couponHash(coupon)).containsEntry("state", "USED")
                .containsEntry("orderId", again.orderId().toString());
        RefundCallbacks.post(SandboxCallbacks.sign(last.body(), clock.instant().minusSeconds(2))).then()
                .statusCode(200).body("duplicate", equalTo(true));
        database.execute("UPDATE after_sale_coupon_return SET applied_at = NULL WHERE order_id = $1", order.orderId());
        clock.advance(Duration.ofMinutes(5));
        assertThat(actions.applyDueCouponReturns().await().atMost(WAIT)).isGreaterThanOrEqualTo(1);
        assertThat(couponHash(coupon)).containsEntry("state", "USED")
                .containsEntry("orderId", again.orderId().toString());
        assertThat(orderClosedEvents(order.orderId())).isEqualTo(1);
    }

    @Test
    void aPartialRefundOrAFullRefundAfterShipmentKeepsTheCouponUsed() {
        String buyer = "as-keep-" + UUID.randomUUID();
        String partialCoupon = coupon(buyer);
        PlacedOrder partial = lifecycle.paid(buyer, Map.of(north.skuId(), 2), List.of(partialCoupon));
        refunded(refundPending(buyer, partial.merchantOrderOf(north), 1));
        assertThat(lifecycle.status(partial.merchantOrderOf(north))).isEqualTo("AWAITING_SHIPMENT");
        assertThat(couponHash(partialCoupon)).containsEntry("state", "USED");

        String shippedCoupon = coupon(buyer);
        PlacedOrder shipped = lifecycle.paid(buyer, Map.of(south.skuId(), 1), List.of(shippedCoupon));
        UUID merchantOrder = shipped.merchantOrderOf(south);
        Lifecycle.ship(south.merchantId(), merchantOrder, "UPS", "AS-CL-1").then().statusCode(201);
        String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "REFUND_ONLY",
                Map.of(lineOf(merchantOrder), 1))).then().statusCode(201).extract().path("id");
        AfterSales.approve(south.merchantId(), caseId).then().statusCode(200);
        refunds.dispatchDue().await().atMost(WAIT);
        var pending = AfterSales.buyerGet(buyer, "/{id}", caseId).then().extract().jsonPath();
        refunded(RefundCallbacks.signed("succeeded", pending.getString("refund.providerRefundId"),
                pending.getLong("refundTotal"), clock.instant()));
        assertThat(lifecycle.orderStatus(shipped.orderId())).isEqualTo("CLOSED");
        assertThat(orderClosedEvents(shipped.orderId())).isEqualTo(1);
        assertThat(couponHash(shippedCoupon)).containsEntry("state", "USED");
        assertThat(database.count("SELECT count(*) FROM after_sale_coupon_return WHERE order_id = $1",
                shipped.orderId())).isZero();
    }

    @Test
    void twoRefundsRacingForTheLastMerchantOrdersCloseTheOrderAndGiveTheCouponBackOnce() throws Exception {
        String buyer = "as-race-" + UUID.randomUUID();
        String coupon = coupon(buyer);
        PlacedOrder order = lifecycle.paid(buyer, Map.of(north.skuId(), 1, south.skuId(), 1), List.of(coupon));
        SandboxCallbacks.Signed first = refundPending(buyer, order.merchantOrderOf(north), 1);
        SandboxCallbacks.Signed second = refundPending(buyer, order.merchantOrderOf(south), 1);

        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Response> answers = new ArrayList<>();
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                SandboxCallbacks.Signed callback = i % 2 == 0 ? first : second;
                // Re-signed deliveries of both callbacks, interleaved.
                SandboxCallbacks.Signed resigned = SandboxCallbacks.sign(callback.body(),
                        clock.instant().minusSeconds(i));
                futures.add(threads.submit(() -> RefundCallbacks.post(resigned)));
            }
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(answers).extracting(Response::statusCode).containsOnly(200);
        assertThat(answers.stream().filter(a -> !a.jsonPath().getBoolean("duplicate"))).hasSize(2);
        assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("CLOSED");
        assertThat(orderClosedEvents(order.orderId())).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM after_sale_coupon_return WHERE order_id = $1",
                order.orderId())).isEqualTo(1);
        assertThat(couponHash(coupon)).containsEntry("state", "AVAILABLE").doesNotContainKey("orderId");
    }
}
