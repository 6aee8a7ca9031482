package io.flashorder.points;

import io.flashorder.aftersale.AfterSales;
import io.flashorder.aftersale.RefundCallbacks;
import io.flashorder.aftersale.refund.AfterSaleRefunds;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Points earned on completion, clawed back on refunds after it, adjusted by operators, expired FIFO. */
@QuarkusTest
class PointsLedgerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    AfterSaleRefunds refunds;
    @Inject
    PointsService points;

    private Shop shop;

    @BeforeEach
    void shop() {
        shop = lifecycle.shop("Points");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static Response balance(String buyer) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).get("/api/v1/points");
    }

    static Response entries(String buyer) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).get("/api/v1/points/entries");
    }

    static Response adjust(String buyer, Map<String, Object> body) {
        Map<String, Object> withBuyer = new java.util.HashMap<>(body);
        withBuyer.put("buyerId", buyer);
        return given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(withBuyer).post("/api/v1/admin/points/adjustments");
    }

    private void refundOnly(String buyer, UUID merchantOrder, UUID line, int units) {
        String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "REFUND_ONLY", Map.of(line, units)))
                .then().statusCode(201).extract().path("id");
        AfterSales.approve(shop.merchantId(), caseId).then().statusCode(200).body("status", equalTo("PENDING_REFUND"));
        assertThat(refunds.dispatchDue().await().atMost(WAIT)).isGreaterThanOrEqualTo(1);
        var refund = AfterSales.merchantGet(shop.merchantId(), "/{id}", caseId).then().statusCode(200)
                .extract().jsonPath();
        RefundCallbacks.post(RefundCallbacks.signed("succeeded", refund.getString("refund.providerRefundId"),
                refund.getLong("refundTotal"), clock.instant())).then().statusCode(200)
                .body("outcome", equalTo("REFUNDED"));
    }

    @Test
    void pointsAreEarnedOnCompletionAndClawedBackInProportionToLaterRefunds() {
        String buyer = "points-earn-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, Map.of(shop.skuId(), 3)); // 3 × 25.00 = 75.00 of goods
        UUID merchantOrder = order.merchantOrderOf(shop);
        UUID line = UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrder));
        balance(buyer).then().statusCode(200).body("balance", equalTo(0)).body("nextExpiry", nullValue());

        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "PTS-0001").then().statusCode(201);
        Lifecycle.confirmReceipt(buyer, order.orderId(), merchantOrder).then().statusCode(200);
        // 1 point per 1.00 of paid goods (100 basis points per minor unit), rounded down.
        balance(buyer).then().statusCode(200).body("balance", equalTo(75)).body("expiringNext", equalTo(75));
        entries(buyer).then().statusCode(200)
                .body("items[0].kind", equalTo("EARN")).body("items[0].amount", equalTo(75))
                .body("items[0].basis", equalTo(7500)).body("items[0].reference", equalTo(merchantOrder.toString()))
                .body("items[0].balanceAfter", equalTo(75));

        // One of three units refunded: 25 of 75 points go back; the second and third take the rest, exactly.
        refundOnly(buyer, merchantOrder, line, 1);
        balance(buyer).then().statusCode(200).body("balance", equalTo(50));
        refundOnly(buyer, merchantOrder, line, 2);
        balance(buyer).then().statusCode(200).body("balance", equalTo(0));
        assertThat(database.strings("SELECT kind || ':' || amount FROM points_entry WHERE buyer_id = $1 ORDER BY version",
                buyer)).containsExactly("EARN:75", "CLAWBACK:-25", "CLAWBACK:-50");
    }

    @Test
    void aRefundBeforeCompletionLowersWhatIsEarned() {
        String buyer = "points-before-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, Map.of(shop.skuId(), 4));
        UUID merchantOrder = order.merchantOrderOf(shop);
        UUID line = UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrder));
        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "PTS-0002").then().statusCode(201);
        refundOnly(buyer, merchantOrder, line, 1);
        balance(buyer).then().statusCode(200).body("balance", equalTo(0));

        Lifecycle.confirmReceipt(buyer, order.orderId(), merchantOrder).then().statusCode(200);
        balance(buyer).then().statusCode(200).body("balance", equalTo(75)); // 100.00 paid, 25.00 refunded
        // Completing again (a retried transaction) earns nothing more.
        assertThat(database.count("SELECT count(*) FROM points_entry WHERE buyer_id = $1", buyer)).isOne();
    }

    @Test
    void unspentPointsExpireFirstInFirstOut() {
        String buyer = "points-expiry-" + UUID.randomUUID();
        adjust(buyer, Map.of("amount", 100, "reason", "welcome gift")).then().statusCode(201)
                .body("kind", equalTo("ADJUST")).body("amount", equalTo(100)).body("actor", equalTo("admin:test-admin"));
        clock.advance(Duration.ofDays(100));
        adjust(buyer, Map.of("amount", 50, "reason", "apology")).then().statusCode(201);
        adjust(buyer, Map.of("amount", -30, "reason", "duplicate gift")).then().statusCode(201)
                .body("balanceAfter", equalTo(120)).body("expiresAt", nullValue());
        balance(buyer).then().statusCode(200).body("balance", equalTo(120)).body("expiringNext", equalTo(70));

        clock.advance(Duration.ofDays(265).minusMinutes(1));
        points.expireDue().await().atMost(WAIT);
        balance(buyer).then().statusCode(200).body("balance", equalTo(120));

        // The first 100 expire, less the 30 spent since (FIFO: the debit used the oldest points).
        clock.advance(Duration.ofMinutes(2));
        assertThat(points.expireDue().await().atMost(WAIT)).isGreaterThanOrEqualTo(70);
        balance(buyer).then().statusCode(200).body("balance", equalTo(50)).body("expiringNext", equalTo(50));
        points.expireDue().await().atMost(WAIT); // nothing more is due: a second run (another pod) changes nothing
        balance(buyer).then().statusCode(200).body("balance", equalTo(50));

        clock.advance(Duration.ofDays(100));
        points.expireDue().await().atMost(WAIT);
        balance(buyer).then().statusCode(200).body("balance", equalTo(0)).body("nextExpiry", nullValue());
        assertThat(database.strings("SELECT kind || ':' || amount FROM points_entry WHERE buyer_id = $1 ORDER BY version",
                buyer)).containsExactly("ADJUST:100", "ADJUST:50", "ADJUST:-30", "EXPIRE:-70", "EXPIRE:-50");
    }

    @Test
    void theLedgerIsPagedNewestFirstAndAppendOnly() {
        String buyer = "points-pages-" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            adjust(buyer, Map.of("amount", i, "reason", "gift " + i)).then().statusCode(201);
        }
        var first = given().header("Authorization", Tokens.bearer(Tokens.customer(buyer)))
                .get("/api/v1/points/entries?limit=2").then().statusCode(200)
                .body("items.amount", equalTo(List.of(3, 2))).extract().jsonPath();
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer)))
                .get("/api/v1/points/entries?limit=2&cursor=" + first.getString("nextCursor")).then().statusCode(200)
                .body("items.amount", equalTo(List.of(1))).body("nextCursor", nullValue());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> database.execute(
                "UPDATE points_entry SET amount = 1000 WHERE buyer_id = $1", buyer)).hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> database.execute(
                "DELETE FROM points_entry WHERE buyer_id = $1", buyer)).hasMessageContaining("append-only");
    }
}
