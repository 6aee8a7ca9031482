package io.flashorder.payment;

import io.flashorder.inventory.CouponKeys;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Payment sessions and the signed webhook: success, failure, duplicates, replays, forgeries, mismatches. */
@QuarkusTest
class PaymentWebhookTest {

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    CircuitBreakerMaintenance breakers;

    private UUID merchant;
    private UUID north;
    private UUID earbuds;
    private String buyer;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        merchant = Catalog.merchant("Payments merchant " + UUID.randomUUID());
        north = Catalog.warehouse(merchant, "NORTH");
        earbuds = Catalog.sku(merchant, "Earbuds", 12_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(earbuds, north, 10);
        buyer = "payer-" + UUID.randomUUID();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private JsonPath place(int quantity, List<String> couponIds) {
        Map<String, Object> body = Orders.body(Map.of(earbuds, quantity));
        if (!couponIds.isEmpty()) {
            body.put("couponIds", couponIds);
        }
        return Orders.place(buyer, body).then().statusCode(201).extract().jsonPath();
    }

    /** The SKU's counters, absent ones as 0 (Redis has no "sold" field before the first sale). */
    private Map<String, String> stock() {
        Map<String, String> fields = new java.util.HashMap<>(Map.of("available", "0", "held", "0", "sold", "0", "loaded", "0"));
        fields.putAll(redis.hash(String.class).hgetall(InventoryKeys.sku(earbuds)));
        return fields;
    }

    private String status(String orderId) {
        return Payments.order(buyer, orderId).then().statusCode(200).extract().path("status");
    }

    private long count(String sql, Object... params) {
        return database.count(sql, params);
    }

    @Test
    void aSuccessfulCallbackPaysTheOrderAndSellsItsStockOnce() {
        UUID template = Pricing.fixedCouponTemplate(null, 500, null, 10);
        String coupon = Pricing.claim(template, Tokens.customer(buyer));
        JsonPath order = place(2, List.of(coupon));
        String id = order.getString("id");
        long payable = order.getLong("payable");

        var opened = Payments.open(buyer, id).then().statusCode(201)
                .body("orderId", equalTo(id)).body("provider", equalTo("sandbox"))
                .body("amount", equalTo((int) payable)).body("currency", equalTo("EUR"))
                .body("status", equalTo("OPEN")).extract().jsonPath();
        String session = opened.getString("sessionId");
        assertThat(opened.getString("payUrl")).endsWith(session);
        // Asking again hands out the same open session.
        Payments.open(buyer, id).then().statusCode(200).body("sessionId", equalTo(session));

        String transaction = "tx-" + UUID.randomUUID();
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, transaction, payable, "EUR", clock.instant()))
                .then().statusCode(200).body("outcome", equalTo("PAID")).body("duplicate", equalTo(false));

        Payments.order(buyer, id).then().statusCode(200).body("status", equalTo("AWAITING_SHIPMENT"))
                .body("merchantOrders[0].status", equalTo("AWAITING_SHIPMENT"));
        UUID orderId = UUID.fromString(id);
        assertThat(count("SELECT count(*) FROM customer_order WHERE id = $1 AND paid_at IS NOT NULL "
                + "AND stock_settled_at IS NOT NULL", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM merchant_order WHERE order_id = $1 AND status = 'AWAITING_SHIPMENT'",
                orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE order_id = $1 AND type = 'ORDER_PAID' AND merchant_id = $2",
                orderId, merchant)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payment WHERE order_id = $1 AND status = 'SUCCEEDED' "
                + "AND provider_transaction_id = $2", orderId, transaction)).isEqualTo(1);
        assertThat(stock()).containsEntry("available", "8").containsEntry("held", "0").containsEntry("sold", "2")
                .containsEntry("loaded", "10");
        assertThat(redis.hash(String.class).hget(CouponKeys.coupon(coupon), "state")).isEqualTo("USED");
        assertThat(redis.hash(String.class).hget(OrderKeys.hold(orderId), "status")).isEqualTo("PAID");
        assertThat(redis.hash(String.class).hgetall(OrderKeys.hold(orderId))).doesNotContainKeys("payload", "allocation");
        assertThat(redis.sortedSet(String.class).zscore(OrderKeys.DEADLINES, id)).isEmpty();
        Payments.history(buyer, id).then().statusCode(200)
                .body("status", equalTo("AWAITING_SHIPMENT"))
                .body("transitions.size()", equalTo(1))
                .body("transitions[0].from", equalTo("PENDING_PAYMENT"))
                .body("transitions[0].to", equalTo("AWAITING_SHIPMENT"))
                .body("transitions[0].actor", equalTo("provider:sandbox"));

        // The provider delivers the same transaction again (signed anew): answered, applied once.
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, transaction, payable, "EUR", clock.instant().plusSeconds(1)))
                .then().statusCode(200).body("outcome", equalTo("PAID")).body("duplicate", equalTo(true));
        assertThat(count("SELECT count(*) FROM outbox_event WHERE order_id = $1 AND type = 'ORDER_PAID'", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM order_transition WHERE order_id = $1", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payment_callback WHERE order_id = $1", orderId)).isEqualTo(1);
        assertThat(stock()).containsEntry("sold", "2").containsEntry("held", "0");

        // A failure reported after the success (out of order) changes nothing.
        SandboxCallbacks.post(SandboxCallbacks.failed(session, "tx-" + UUID.randomUUID(), payable, "EUR", clock.instant()))
                .then().statusCode(200).body("outcome", equalTo("FAILURE_IGNORED"));
        assertThat(status(id)).isEqualTo("AWAITING_SHIPMENT");
        assertThat(count("SELECT count(*) FROM payment WHERE order_id = $1 AND status = 'SUCCEEDED'", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE order_id = $1 AND type = 'PAYMENT_FAILED'", orderId)).isZero();

        // Paid: neither another session nor a cancellation is possible.
        Payments.open(buyer, id).then().statusCode(409).body("code", equalTo("illegal-transition"));
        Payments.cancel(buyer, id).then().statusCode(409).body("code", equalTo("illegal-transition"));
        assertThat(status(id)).isEqualTo("AWAITING_SHIPMENT");
    }

    @Test
    void aFailedPaymentLeavesTheOrderPendingAndAnotherSessionCanPayIt() {
        JsonPath order = place(1, List.of());
        String id = order.getString("id");
        long payable = order.getLong("payable");
        String first = Payments.open(buyer, id).then().statusCode(201).extract().path("sessionId");

        SandboxCallbacks.post(SandboxCallbacks.failed(first, "tx-" + UUID.randomUUID(), payable, "EUR", clock.instant()))
                .then().statusCode(200).body("outcome", equalTo("FAILURE_RECORDED"));
        UUID orderId = UUID.fromString(id);
        assertThat(status(id)).isEqualTo("PENDING_PAYMENT");
        assertThat(count("SELECT count(*) FROM payment WHERE order_id = $1 AND status = 'FAILED' AND failure_reason = 'card declined'",
                orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE order_id = $1 AND type = 'PAYMENT_FAILED'", orderId)).isEqualTo(1);
        assertThat(stock()).containsEntry("held", "1").containsEntry("sold", "0");

        String second = Payments.open(buyer, id).then().statusCode(201).extract().path("sessionId");
        assertThat(second).isNotEqualTo(first);
        SandboxCallbacks.post(SandboxCallbacks.succeeded(second, "tx-" + UUID.randomUUID(), payable, "EUR", clock.instant()))
                .then().statusCode(200).body("outcome", equalTo("PAID"));
        assertThat(status(id)).isEqualTo("AWAITING_SHIPMENT");
        assertThat(stock()).containsEntry("held", "0").containsEntry("sold", "1");
    }

    @Test
    void forgedStaleFutureReplayedAndMismatchedCallbacksAreRefusedAndChangeNothing() {
        JsonPath order = place(1, List.of());
        String id = order.getString("id");
        UUID orderId = UUID.fromString(id);
        long payable = order.getLong("payable");
        String session = Payments.open(buyer, id).then().statusCode(201).extract().path("sessionId");
        String transaction = "tx-" + UUID.randomUUID();
        String body = SandboxCallbacks.body("payment.succeeded", transaction, session, payable, "EUR", null);

        // Signed with another secret.
        byte[] otherSecret = "not-the-sandbox-secret-not-the-sandbox-secret".getBytes(StandardCharsets.UTF_8);
        SandboxCallbacks.post(SandboxCallbacks.sign(body, clock.instant(), otherSecret))
                .then().statusCode(401).body("code", equalTo("webhook-signature-invalid"));
        // A genuine signature over another body (the amount changed after signing).
        SandboxCallbacks.Signed genuine = SandboxCallbacks.sign(body, clock.instant());
        SandboxCallbacks.post(new SandboxCallbacks.Signed(body.replace(":" + payable + ",", ":1,"), genuine.timestamp(),
                genuine.signature())).then().statusCode(401).body("code", equalTo("webhook-signature-invalid"));
        // A genuine signature with its timestamp moved.
        SandboxCallbacks.post(new SandboxCallbacks.Signed(body, Long.toString(Long.parseLong(genuine.timestamp()) + 60),
                genuine.signature())).then().statusCode(401).body("code", equalTo("webhook-signature-invalid"));
        // No signature at all; garbage signature.
        io.restassured.RestAssured.given().contentType("application/json").body(body).post(SandboxCallbacks.WEBHOOK)
                .then().statusCode(401).body("code", equalTo("webhook-signature-missing"));
        SandboxCallbacks.post(new SandboxCallbacks.Signed(body, genuine.timestamp(), "zz"))
                .then().statusCode(401).body("code", equalTo("webhook-signature-invalid"));
        // Signed six minutes ago; signed five minutes ahead.
        SandboxCallbacks.post(SandboxCallbacks.sign(body, clock.instant().minus(Duration.ofMinutes(6))))
                .then().statusCode(401).body("code", equalTo("webhook-timestamp-stale"));
        SandboxCallbacks.post(SandboxCallbacks.sign(body, clock.instant().plus(Duration.ofMinutes(5))))
                .then().statusCode(401).body("code", equalTo("webhook-timestamp-in-future"));
        // Genuine, but for another amount or currency than the order's.
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, transaction, payable - 1, "EUR", clock.instant()))
                .then().statusCode(422).body("code", equalTo("payment-amount-mismatch"));
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, transaction, payable, "USD", clock.instant()))
                .then().statusCode(422).body("code", equalTo("payment-amount-mismatch"));
        // Genuine, for a session nobody opened; for a provider that does not exist.
        SandboxCallbacks.post(SandboxCallbacks.succeeded("sbx_sess_unknown", transaction, payable, "EUR", clock.instant()))
                .then().statusCode(422).body("code", equalTo("unknown-payment-session"));
        io.restassured.RestAssured.given().contentType("application/json").body(body)
                .header("X-Sandbox-Timestamp", genuine.timestamp()).header("X-Sandbox-Signature", genuine.signature())
                .post("/api/v1/webhooks/payments/nopay").then().statusCode(404);

        assertThat(status(id)).isEqualTo("PENDING_PAYMENT");
        assertThat(count("SELECT count(*) FROM payment_callback WHERE order_id = $1", orderId)).isZero();
        assertThat(count("SELECT count(*) FROM payment WHERE order_id = $1 AND status = 'OPEN'", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE order_id = $1 AND type <> 'ORDER_PLACED'", orderId)).isZero();
        assertThat(stock()).containsEntry("held", "1").containsEntry("sold", "0");

        // The genuine one is applied; the very same signed request again is a replay.
        SandboxCallbacks.post(genuine).then().statusCode(200).body("outcome", equalTo("PAID"));
        SandboxCallbacks.post(genuine).then().statusCode(409).body("code", equalTo("webhook-replayed"));
        assertThat(count("SELECT count(*) FROM payment_callback WHERE order_id = $1", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM order_transition WHERE order_id = $1", orderId)).isEqualTo(1);
        assertThat(stock()).containsEntry("held", "0").containsEntry("sold", "1");
    }

    @Test
    void aCustomerCannotPayCancelOrSeeAnothersOrder() {
        String id = place(1, List.of()).getString("id");
        String stranger = "stranger-" + UUID.randomUUID();
        Payments.open(stranger, id).then().statusCode(404);
        Payments.cancel(stranger, id).then().statusCode(404);
        Payments.history(stranger, id).then().statusCode(404);
        Payments.order(stranger, id).then().statusCode(404);
        Payments.open(buyer, UUID.randomUUID().toString()).then().statusCode(404);
        assertThat(status(id)).isEqualTo("PENDING_PAYMENT");
        assertThat(count("SELECT count(*) FROM payment WHERE order_id = $1", UUID.fromString(id))).isZero();
        assertThat(stock()).containsEntry("held", "1");
    }

    @Test
    void aCashOnDeliveryOrderIsNotPaidOnline() {
        Map<String, Object> body = Orders.body(Map.of(earbuds, 1));
        body.put("paymentMethod", "COD");
        String id = Orders.place(buyer, body).then().statusCode(201).extract().path("id");
        Payments.open(buyer, id).then().statusCode(409).body("code", equalTo("payment-not-applicable"));
    }
}
