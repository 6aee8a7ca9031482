package io.flashorder.aftersale;

import io.flashorder.aftersale.refund.AfterSaleRefunds;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Return and refund end to end; the provider's signed refund callbacks: refused, retried, applied once. */
@QuarkusTest
class AfterSaleRefundTest {

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

    private Shop shop;

    @BeforeEach
    void shop() {
        shop = lifecycle.shop("After-sale refund");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private UUID lineOf(UUID merchantOrderId) {
        return UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrderId));
    }

    private Map<String, Long> stock() {
        Map<String, Long> fields = new HashMap<>(Map.of("available", 0L, "sold", 0L));
        redis.hash(String.class).hgetall(InventoryKeys.sku(shop.skuId()))
                .forEach((field, value) -> fields.put(field, Long.parseLong(value)));
        return fields;
    }

    private static Response merchantPost(UUID merchantId, String path, Object caseId, Object body) {
        var request = given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantId)));
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post(AfterSales.MERCHANT_PATH + "/{id}/" + path, caseId);
    }

    /** A shipped order of {@code units}, a refund-only case over all of them approved: its refund handed over. */
    private JsonPath pendingRefund(String buyer, int units) {
        UUID merchantOrder = lifecycle.paid(buyer, Map.of(shop.skuId(), units)).merchantOrderOf(shop);
        UUID line = lineOf(merchantOrder);
        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "AS-RF-" + units).then().statusCode(201);
        String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "REFUND_ONLY", Map.of(line, units)))
                .then().statusCode(201).body("status", equalTo("PENDING_REVIEW")).extract().path("id");
        AfterSales.approve(shop.merchantId(), caseId).then().statusCode(200).body("status", equalTo("PENDING_REFUND"))
                .body("refund.status", equalTo("PENDING")).body("refund.providerRefundId", equalTo(null));
        assertThat(refunds.dispatchDue().await().atMost(WAIT)).isGreaterThanOrEqualTo(1);
        return AfterSales.merchantGet(shop.merchantId(), "/{id}", caseId).then().statusCode(200)
                .body("refund.providerRefundId", org.hamcrest.Matchers.startsWith("sbx_re_")).extract().jsonPath();
    }

    @Test
    void aReturnIsShippedBackInspectedRestockedAndRefundedAndTheMerchantOrderCloses() {
        String buyer = "as-rr-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, Map.of(shop.skuId(), 2));
        UUID merchantOrder = order.merchantOrderOf(shop);
        UUID line = lineOf(merchantOrder);
        UUID warehouse = UUID.fromString(database.string(
                "SELECT warehouse_id::text FROM order_line_allocation WHERE line_id = $1", line));
        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "AS-RR-1").then().statusCode(201);
        String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "RETURN_REFUND", Map.of(line, 2)))
                .then().statusCode(201).extract().path("id");
        AfterSales.approve(shop.merchantId(), caseId).then().statusCode(200);

        Map<String, String> tracking = Map.of("carrier", "DHL", "trackingNumber", "RET-0001");
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body(tracking).post(AfterSales.BUYER_PATH + "/{id}/return-shipment", caseId)
                .then().statusCode(200).body("status", equalTo("AWAITING_RETURN"))
                .body("returnCarrier", equalTo("DHL")).body("returnTracking", equalTo("RET-0001"));
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body(tracking).post(AfterSales.BUYER_PATH + "/{id}/return-shipment", caseId)
                .then().statusCode(409).body("code", equalTo("return-already-shipped"));
        AfterSales.buyerPost(buyer, "/{id}/withdrawal", caseId).then().statusCode(409)
                .body("code", equalTo("return-already-shipped"));

        Eventually.await(WAIT, () -> assertThat(stock()).containsEntry("sold", 2L));
        Map<String, Long> before = stock();
        merchantPost(shop.merchantId(), "receipt", caseId, Map.of("warehouseId", warehouse,
                "lines", List.of(Map.of("lineId", line, "restock", 1, "writeOff", 2))))
                .then().statusCode(400).body("errors[0].field", equalTo("lines[0]"));
        merchantPost(shop.merchantId(), "receipt", caseId, Map.of("warehouseId", UUID.randomUUID(),
                "lines", List.of(Map.of("lineId", line, "restock", 1, "writeOff", 1))))
                .then().statusCode(404);
        merchantPost(shop.merchantId(), "receipt", caseId, Map.of("warehouseId", warehouse,
                "lines", List.of(Map.of("lineId", line, "restock", 1, "writeOff", 1))))
                .then().statusCode(200).body("status", equalTo("RETURN_RECEIVED"))
                .body("lines[0].restocked", equalTo(1)).body("lines[0].writtenOff", equalTo(1));
        assertThat(stock()).containsEntry("sold", before.get("sold") - 1)
                .containsEntry("available", before.get("available") + 1);
        Reconciliation.assertNoDrift(shop.skuId());

        JsonPath started = merchantPost(shop.merchantId(), "refund", caseId, null).then().statusCode(200)
                .body("status", equalTo("PENDING_REFUND")).extract().jsonPath();
        String refundId = started.getString("refund.providerRefundId");
        long amount = started.getLong("refundTotal");
        assertThat(refundId).startsWith("sbx_re_");
        assertThat(amount).isEqualTo(database.count("SELECT payable FROM order_line WHERE id = $1", line));
        merchantPost(shop.merchantId(), "refund", caseId, null).then().statusCode(409)
                .body("code", equalTo("refund-in-progress"));

        RefundCallbacks.post(RefundCallbacks.signed("succeeded", refundId, amount, clock.instant()))
                .then().statusCode(200).body("outcome", equalTo("REFUNDED")).body("duplicate", equalTo(false));
        AfterSales.buyerGet(buyer, "/{id}", caseId).then().statusCode(200).body("status", equalTo("SUCCEEDED"))
                .body("refund.status", equalTo("SUCCEEDED"));
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("CLOSED");
        assertThat(database.strings("SELECT type FROM outbox_event WHERE order_id = $1 AND (type LIKE 'AFTER_SALE%' "
                + "OR type = 'ORDER_CLOSED') ORDER BY id", order.orderId())).containsExactly("AFTER_SALE_REQUESTED",
                "AFTER_SALE_APPROVED", "AFTER_SALE_RETURN_SHIPPED", "AFTER_SALE_RETURN_RECEIVED", "ORDER_CLOSED",
                "ORDER_CLOSED", "AFTER_SALE_REFUNDED", "AFTER_SALE_SUCCEEDED"); // the merchant order's, then the order's
        AfterSales.buyerGet(buyer, "/{id}/history", caseId).then().statusCode(200).body("transitions.event",
                equalTo(List.of("OPEN", "APPROVE", "SHIP_RETURN", "RECEIVE_RETURN", "START_REFUND",
                        "REFUND_SUCCEEDED")));

        // Delivered again, re-signed: the first outcome; the very same signed request: a replay.
        SandboxCallbacks.Signed again = RefundCallbacks.signed("succeeded", refundId, amount,
                clock.instant().minusSeconds(3));
        RefundCallbacks.post(again).then().statusCode(200).body("duplicate", equalTo(true))
                .body("outcome", equalTo("REFUNDED"));
        RefundCallbacks.post(again).then().statusCode(409).body("code", equalTo("webhook-replayed"));
        AfterSales.open(buyer, AfterSales.request(merchantOrder, "REFUND_ONLY", Map.of(line, 1)))
                .then().statusCode(409).body("code", equalTo("after-sale-not-allowed"));
    }

    @Test
    void forgedStaleFutureUnknownAndWrongAmountCallbacksChangeNothing() {
        JsonPath pending = pendingRefund("as-bad-cb-" + UUID.randomUUID(), 1);
        String refundId = pending.getString("refund.providerRefundId");
        long amount = pending.getLong("refundTotal");
        Instant now = clock.instant();

        RefundCallbacks.post(SandboxCallbacks.sign(RefundCallbacks.body("succeeded", refundId, amount, "EUR"), now,
                "another-secret-another-secret-another".getBytes())).then().statusCode(401)
                .body("code", equalTo("webhook-signature-invalid"));
        SandboxCallbacks.Signed good = RefundCallbacks.signed("succeeded", refundId, amount, now);
        RefundCallbacks.post(new SandboxCallbacks.Signed(good.body().replace(Long.toString(amount), amount + "0"),
                good.timestamp(), good.signature())).then().statusCode(401);
        RefundCallbacks.post(RefundCallbacks.signed("succeeded", refundId, amount, now.minus(Duration.ofMinutes(6))))
                .then().statusCode(401).body("code", equalTo("webhook-timestamp-stale"));
        RefundCallbacks.post(RefundCallbacks.signed("succeeded", refundId, amount, now.plus(Duration.ofMinutes(2))))
                .then().statusCode(401).body("code", equalTo("webhook-timestamp-in-future"));
        given().contentType(ContentType.JSON).body(good.body()).post(RefundCallbacks.WEBHOOK).then().statusCode(401)
                .body("code", equalTo("webhook-signature-missing"));
        RefundCallbacks.post(RefundCallbacks.signed("succeeded", "sbx_re_unknown", amount, now)).then().statusCode(422)
                .body("code", equalTo("unknown-refund"));
        RefundCallbacks.post(RefundCallbacks.signed("succeeded", refundId, amount + 1, now)).then().statusCode(422)
                .body("code", equalTo("refund-amount-mismatch"));
        RefundCallbacks.post(SandboxCallbacks.sign("{\"type\":\"refund.done\",\"refundId\":\"" + refundId
                + "\",\"amount\":1,\"currency\":\"EUR\"}", now)).then().statusCode(400)
                .body("code", equalTo("webhook-malformed"));
        RefundCallbacks.post(SandboxCallbacks.sign("{\"refundId\":", now)).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/webhooks/refunds/nopay").then().statusCode(404);

        String caseId = pending.getString("id");
        AfterSales.merchantGet(shop.merchantId(), "/{id}", caseId).then().statusCode(200)
                .body("status", equalTo("PENDING_REFUND")).body("refund.status", equalTo("PENDING"))
                .body("refund.attempts", equalTo(0));
        assertThat(database.count("SELECT count(*) FROM after_sale_transition WHERE case_id = $1::uuid "
                + "AND event = 'REFUND_SUCCEEDED'", caseId)).isZero();
    }

    @Test
    void aHundredParallelCallbacksForOneRefundRefundOnce() throws Exception {
        String buyer = "as-100-" + UUID.randomUUID();
        JsonPath pending = pendingRefund(buyer, 2);
        String refundId = pending.getString("refund.providerRefundId");
        long amount = pending.getLong("refundTotal");
        String caseId = pending.getString("id");
        Instant now = clock.instant();
        List<SandboxCallbacks.Signed> callbacks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // Re-signed deliveries (different seconds), and some exact copies that are replays.
            callbacks.add(RefundCallbacks.signed("succeeded", refundId, amount, now.minusSeconds(i % 80)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(32);
        List<Response> answers = new ArrayList<>();
        try {
            List<Future<Response>> futures = new ArrayList<>();
            callbacks.forEach(signed -> futures.add(threads.submit(() -> RefundCallbacks.post(signed))));
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(answers).extracting(Response::statusCode).containsOnly(200, 409);
        assertThat(answers.stream().filter(a -> a.statusCode() == 200 && !a.jsonPath().getBoolean("duplicate")))
                .hasSize(1);
        assertThat(answers.stream().filter(a -> a.statusCode() == 200)).hasSize(80)
                .allSatisfy(a -> assertThat(a.jsonPath().getString("outcome")).isEqualTo("REFUNDED"));
        assertThat(answers.stream().filter(a -> a.statusCode() == 409)).hasSize(20)
                .allSatisfy(a -> assertThat(a.jsonPath().getString("code")).isEqualTo("webhook-replayed"));
        assertThat(database.count("SELECT count(*) FROM after_sale_refund WHERE case_id = $1::uuid "
                + "AND status = 'SUCCEEDED'", caseId)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM after_sale_transition WHERE case_id = $1::uuid "
                + "AND event = 'REFUND_SUCCEEDED'", caseId)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'AFTER_SALE_REFUNDED' "
                + "AND payload->>'caseId' = $1", caseId)).isEqualTo(1);
        AfterSales.buyerGet(buyer, "/{id}", caseId).then().statusCode(200).body("status", equalTo("SUCCEEDED"));
    }

    @Test
    void aFailedRefundIsRetriedAfterItsBackOffWithANewAttempt() {
        JsonPath pending = pendingRefund("as-retry-" + UUID.randomUUID(), 1);
        String first = pending.getString("refund.providerRefundId");
        long amount = pending.getLong("refundTotal");
        String caseId = pending.getString("id");

        RefundCallbacks.post(RefundCallbacks.signed("failed", first, amount, clock.instant())).then().statusCode(200)
                .body("outcome", equalTo("RETRY_SCHEDULED"));
        AfterSales.merchantGet(shop.merchantId(), "/{id}", caseId).then().statusCode(200)
                .body("status", equalTo("PENDING_REFUND")).body("refund.status", equalTo("PENDING"))
                .body("refund.attempts", equalTo(1)).body("refund.lastError", equalTo("provider: account closed"))
                .body("refund.providerRefundId", equalTo(null));
        refunds.dispatchDue().await().atMost(WAIT);
        AfterSales.merchantGet(shop.merchantId(), "/{id}", caseId).then().body("refund.providerRefundId",
                equalTo(null)); // not before its back-off

        clock.advance(Duration.ofSeconds(31));
        refunds.dispatchDue().await().atMost(WAIT);
        String second = AfterSales.merchantGet(shop.merchantId(), "/{id}", caseId).then().statusCode(200)
                .extract().path("refund.providerRefundId");
        assertThat(second).startsWith("sbx_re_").isNotEqualTo(first);
        RefundCallbacks.post(RefundCallbacks.signed("succeeded", first, amount, clock.instant())).then()
                .statusCode(422).body("code", equalTo("unknown-refund"));
        RefundCallbacks.post(RefundCallbacks.signed("succeeded", second, amount, clock.instant())).then()
                .statusCode(200).body("outcome", equalTo("REFUNDED"));
        AfterSales.merchantGet(shop.merchantId(), "/{id}", caseId).then().body("status", equalTo("SUCCEEDED"))
                .body("refund.attempts", equalTo(1));
    }

    @Test
    void theBackOffDoublesUpToItsMaximum() {
        assertThat(refunds.backOff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(refunds.backOff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(refunds.backOff(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(refunds.backOff(20)).isEqualTo(Duration.ofHours(1));
    }
}
