package io.flashorder.aftersale;

import io.flashorder.aftersale.timers.AfterSaleTimers;
import io.flashorder.fulfilment.ReceiptService;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Deadlines by the injected clock with per-merchant overrides; exchanges; disputes; the after-sales window. */
@QuarkusTest
class AfterSaleTimersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    AfterSaleTimers timers;
    @Inject
    ReceiptService receipts;

    private Shop shop;

    @BeforeEach
    void shop() {
        shop = lifecycle.shop("After-sale timers");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private record Shipped(String buyer, UUID merchantOrder, UUID line) {
    }

    private Shipped shipped(Shop from, int units) {
        String buyer = "as-timer-" + UUID.randomUUID();
        UUID merchantOrder = lifecycle.paid(buyer, Map.of(from.skuId(), units)).merchantOrderOf(from);
        UUID line = UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrder));
        Lifecycle.ship(from.merchantId(), merchantOrder, "UPS", "AS-TM-" + units).then().statusCode(201);
        return new Shipped(buyer, merchantOrder, line);
    }

    private String open(Shipped order, String type, int units) {
        return AfterSales.open(order.buyer(), AfterSales.request(order.merchantOrder(), type, Map.of(order.line(), units)))
                .then().statusCode(201).extract().path("id");
    }

    private String status(String caseId) {
        return database.string("SELECT status FROM after_sale_case WHERE id = $1::uuid", caseId);
    }

    private List<String> actors(String caseId) {
        return database.strings("SELECT actor FROM after_sale_transition WHERE case_id = $1::uuid ORDER BY id", caseId);
    }

    private static Response settings(UUID merchantId, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantId)))
                .contentType(ContentType.JSON).body(body).put("/api/v1/merchant/after-sale-settings");
    }

    private static Response merchantPost(UUID merchantId, String path, Object caseId, Object body) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantId)))
                .contentType(ContentType.JSON).body(body).post(AfterSales.MERCHANT_PATH + "/{id}/" + path, caseId);
    }

    private static Response buyerPost(String buyer, String path, Object caseId, Object body) {
        var request = given().header("Authorization", Tokens.bearer(Tokens.customer(buyer)));
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post(AfterSales.BUYER_PATH + "/{id}/" + path, caseId);
    }

    @Test
    void reviewDeadlinesFollowEachMerchantsOwnSettingOrThePlatformDefault() {
        Shop quick = lifecycle.shop("After-sale quick reviewer");
        Map<String, Object> own = new HashMap<>();
        own.put("reviewHours", 2);
        own.put("returnDays", null);
        own.put("receiptDays", 3);
        own.put("exchangeConfirmDays", null);
        settings(quick.merchantId(), own).then().statusCode(200).body("reviewHours", equalTo(2))
                .body("returnDays", equalTo(null)).body("defaults.reviewHours", equalTo(48))
                .body("defaults.returnDays", equalTo(7));
        settings(quick.merchantId(), Map.of("reviewHours", 0)).then().statusCode(400)
                .body("errors[0].field", equalTo("reviewHours"));
        settings(quick.merchantId(), Map.of("receiptDays", 61)).then().statusCode(400);
        given().header("Authorization", Tokens.bearer(Tokens.merchant(shop.merchantId())))
                .get("/api/v1/merchant/after-sale-settings").then().statusCode(200)
                .body("reviewHours", equalTo(null)).body("receiptDays", equalTo(null));

        String slow = open(shipped(shop, 1), "RETURN_REFUND", 1);
        String fast = open(shipped(quick, 1), "RETURN_REFUND", 1);
        Instant opened = clock.instant();
        assertThat(Instant.parse(AfterSales.merchantGet(quick.merchantId(), "/{id}", fast).then().extract()
                .path("dueAt"))).isBetween(opened.plus(Duration.ofHours(2)).minusSeconds(60),
                opened.plus(Duration.ofHours(2)));

        clock.advance(Duration.ofHours(3));
        timers.runDeadlines().await().atMost(WAIT);
        assertThat(status(fast)).isEqualTo("AWAITING_RETURN");
        assertThat(actors(fast)).last().isEqualTo("system:review-timeout");
        assertThat(status(slow)).isEqualTo("PENDING_REVIEW");

        clock.advance(Duration.ofHours(46));
        timers.runDeadlines().await().atMost(WAIT);
        assertThat(status(slow)).isEqualTo("AWAITING_RETURN");
    }

    @Test
    void goodsNotShippedBackCloseTheCaseAndGoodsNotReceivedAreRefunded() {
        Shipped forgotten = shipped(shop, 1);
        String notShipped = open(forgotten, "RETURN_REFUND", 1);
        AfterSales.approve(shop.merchantId(), notShipped).then().statusCode(200);
        Shipped sent = shipped(shop, 2);
        String notReceived = open(sent, "RETURN_REFUND", 2);
        AfterSales.approve(shop.merchantId(), notReceived).then().statusCode(200);
        buyerPost(sent.buyer(), "return-shipment", notReceived, Map.of("carrier", "DHL", "trackingNumber", "RET-T1"))
                .then().statusCode(200);

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        timers.runDeadlines().await().atMost(WAIT);
        assertThat(status(notShipped)).isEqualTo("CLOSED");
        assertThat(lifecycle.status(forgotten.merchantOrder())).isEqualTo("AWAITING_RECEIPT");
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'AFTER_SALE_CLOSED' "
                + "AND payload->>'caseId' = $1", notShipped)).isEqualTo(1);
        assertThat(status(notReceived)).isEqualTo("AWAITING_RETURN");

        clock.advance(Duration.ofDays(3));
        timers.runDeadlines().await().atMost(WAIT);
        assertThat(status(notReceived)).isEqualTo("PENDING_REFUND");
        assertThat(actors(notReceived)).last().isEqualTo("system:receipt-timeout");
        assertThat(database.count("SELECT count(*) FROM after_sale_refund WHERE case_id = $1::uuid "
                + "AND status = 'PENDING'", notReceived)).isEqualTo(1);
    }

    @Test
    void anExchangeShipsAReplacementThatTheBuyerOrTheClockConfirms() {
        Shipped order = shipped(shop, 2);
        String confirmed = open(order, "EXCHANGE", 1);
        AfterSales.approve(shop.merchantId(), confirmed).then().statusCode(200).body("status",
                equalTo("AWAITING_RETURN")).body("refundTotal", equalTo(0));
        buyerPost(order.buyer(), "return-shipment", confirmed, Map.of("carrier", "DHL", "trackingNumber", "EXC-1"))
                .then().statusCode(200);
        merchantPost(shop.merchantId(), "exchange-shipment", confirmed, Map.of("carrier", "UPS",
                "trackingNumber", "EXC-OUT-1")).then().statusCode(409).body("code", equalTo("illegal-transition"));
        merchantPost(shop.merchantId(), "receipt", confirmed, Map.of("lines",
                List.of(Map.of("lineId", order.line(), "restock", 1, "writeOff", 0)))).then().statusCode(200)
                .body("status", equalTo("RETURN_RECEIVED"));
        merchantPost(shop.merchantId(), "exchange-shipment", confirmed, Map.of("carrier", "UPS",
                "trackingNumber", "EXC-OUT-1")).then().statusCode(200).body("status", equalTo("EXCHANGE_SHIPPING"))
                .body("exchangeTracking", equalTo("EXC-OUT-1"));
        buyerPost(order.buyer(), "exchange-receipt", confirmed, null).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"));
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("AWAITING_RECEIPT");

        String automatic = open(order, "EXCHANGE", 2);
        AfterSales.approve(shop.merchantId(), automatic).then().statusCode(200);
        merchantPost(shop.merchantId(), "receipt", automatic, Map.of("lines",
                List.of(Map.of("lineId", order.line(), "restock", 0, "writeOff", 2)))).then().statusCode(200);
        merchantPost(shop.merchantId(), "exchange-shipment", automatic, Map.of("carrier", "UPS",
                "trackingNumber", "EXC-OUT-2")).then().statusCode(200);
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        timers.runDeadlines().await().atMost(WAIT);
        assertThat(status(automatic)).isEqualTo("SUCCEEDED");
        assertThat(actors(automatic)).last().isEqualTo("system:exchange-confirm");
    }

    @Test
    void aRejectionCanBeDisputedOnceAndAnAdminDecides() {
        Shipped order = shipped(shop, 2);
        String caseId = open(order, "RETURN_REFUND", 1);
        AfterSales.reject(shop.merchantId(), caseId, Map.of("reason", "Used")).then().statusCode(200);
        buyerPost(order.buyer(), "dispute", caseId, Map.of()).then().statusCode(400);
        buyerPost("as-other-" + UUID.randomUUID(), "dispute", caseId, Map.of("reason", "x")).then().statusCode(404);
        buyerPost(order.buyer(), "dispute", caseId, Map.of("reason", "It was never used")).then().statusCode(200)
                .body("status", equalTo("IN_ARBITRATION")).body("disputed", equalTo(true));
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("AFTER_SALE");
        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/after-sales/disputes")
                .then().statusCode(200).body("items.id", hasItem(caseId));
        given().header("Authorization", Tokens.bearer(Tokens.merchant(shop.merchantId())))
                .get("/api/v1/admin/after-sales/disputes").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("approve", true)).post("/api/v1/admin/after-sales/{id}/decision", caseId)
                .then().statusCode(400);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("approve", true, "reason", "Photos show it unused"))
                .post("/api/v1/admin/after-sales/{id}/decision", caseId).then().statusCode(200)
                .body("status", equalTo("AWAITING_RETURN"));
        assertThat(actors(caseId)).last().isEqualTo("admin:test-admin");

        Shipped second = shipped(shop, 1);
        String refused = open(second, "REFUND_ONLY", 1);
        AfterSales.reject(shop.merchantId(), refused, Map.of("reason", "Delivered")).then().statusCode(200);
        buyerPost(second.buyer(), "dispute", refused, Map.of("reason", "Not received")).then().statusCode(200);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("approve", false, "reason", "Carrier proof of delivery"))
                .post("/api/v1/admin/after-sales/{id}/decision", refused).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        buyerPost(second.buyer(), "dispute", refused, Map.of("reason", "again")).then().statusCode(409);
        assertThat(lifecycle.status(second.merchantOrder())).isEqualTo("AWAITING_RECEIPT");

        // A rejection nobody disputes closes when the dispute window ends.
        Shipped quiet = shipped(shop, 1);
        String undisputed = open(quiet, "REFUND_ONLY", 1);
        AfterSales.reject(shop.merchantId(), undisputed, Map.of("reason", "No")).then().statusCode(200);
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        timers.runDeadlines().await().atMost(WAIT);
        assertThat(status(undisputed)).isEqualTo("CLOSED");
    }

    @Test
    void aCompletedMerchantOrderClosesWhenItsAfterSalesWindowEnds() {
        Shipped order = shipped(shop, 1);
        UUID orderId = UUID.fromString(database.string("SELECT order_id::text FROM merchant_order WHERE id = $1",
                order.merchantOrder()));
        Lifecycle.confirmReceipt(order.buyer(), orderId, order.merchantOrder()).then().statusCode(200);
        clock.advance(Duration.ofDays(14));
        timers.closeEndedWindows().await().atMost(WAIT);
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("COMPLETED");

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        timers.closeEndedWindows().await().atMost(WAIT);
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("CLOSED");
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'ORDER_CLOSED' "
                + "AND payload->>'merchantOrderId' = $1", order.merchantOrder().toString())).isEqualTo(1);
        AfterSales.open(order.buyer(), AfterSales.request(order.merchantOrder(), "RETURN_REFUND",
                Map.of(order.line(), 1))).then().statusCode(409).body("code", equalTo("after-sale-not-allowed"));
    }

    private Instant at(UUID merchantOrder, String column) {
        return Instant.parse(database.string("SELECT to_char(" + column + " AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM merchant_order WHERE id = $1", merchantOrder));
    }

    @Test
    void theAutoConfirmAndTheAfterSalesWindowStandStillWhileACaseIsOpenAndResumeWhenItEnds() {
        Shipped order = shipped(shop, 1);
        UUID orderId = UUID.fromString(database.string("SELECT order_id::text FROM merchant_order WHERE id = $1",
                order.merchantOrder()));
        Duration leftToConfirm = Duration.between(clock.instant(), at(order.merchantOrder(), "auto_confirm_at"))
                .minusDays(2);

        // Two days after shipment a case opens; ten days after shipment nothing confirms a merchant order in it.
        clock.advance(Duration.ofDays(2));
        String first = open(order, "RETURN_REFUND", 1);
        clock.advance(Duration.ofDays(8));
        receipts.confirmDue().await().atMost(WAIT);
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("AFTER_SALE");

        // Withdrawn: the buyer has the five days it had left, not an auto-confirm that passed meanwhile.
        AfterSales.buyerPost(order.buyer(), "/{id}/withdrawal", first).then().statusCode(200);
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("AWAITING_RECEIPT");
        assertThat(at(order.merchantOrder(), "auto_confirm_at"))
                .isBetween(clock.instant().plus(leftToConfirm).minusSeconds(60), clock.instant().plus(leftToConfirm));
        receipts.confirmDue().await().atMost(WAIT);
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("AWAITING_RECEIPT");
        clock.advance(leftToConfirm.plusMinutes(1));
        receipts.confirmDue().await().atMost(WAIT);
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("COMPLETED");

        // The after-sales window (15 days) likewise: 3 days in, a case for 20 days, then the 12 days left.
        clock.advance(Duration.ofDays(3));
        String second = open(order, "RETURN_REFUND", 1);
        clock.advance(Duration.ofDays(20));
        timers.closeEndedWindows().await().atMost(WAIT);
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("AFTER_SALE");
        AfterSales.buyerPost(order.buyer(), "/{id}/withdrawal", second).then().statusCode(200);
        timers.closeEndedWindows().await().atMost(WAIT);
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("COMPLETED");
        assertThat(database.string("SELECT timers_paused_at::text FROM merchant_order WHERE id = $1",
                order.merchantOrder())).isNull();
        clock.advance(Duration.ofDays(12).minusMinutes(5));
        timers.closeEndedWindows().await().atMost(WAIT);
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("COMPLETED");
        clock.advance(Duration.ofMinutes(10));
        timers.closeEndedWindows().await().atMost(WAIT);
        assertThat(lifecycle.status(order.merchantOrder())).isEqualTo("CLOSED");
        assertThat(lifecycle.orderStatus(orderId)).isEqualTo("CLOSED");
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'ORDER_CLOSED' AND order_id = $1 "
                + "AND merchant_id IS NULL", orderId)).isEqualTo(1);
    }
}
