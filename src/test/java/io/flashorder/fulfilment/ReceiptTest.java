package io.flashorder.fulfilment;

import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Receipt: confirmed by the buyer or automatically N days after shipment; then the after-sales window. */
@QuarkusTest
class ReceiptTest {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    ReceiptService receipts;

    private Shop north;
    private Shop south;

    @BeforeEach
    void shops() {
        north = lifecycle.shop("Receipt north");
        south = lifecycle.shop("Receipt south");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theBuyerConfirmsReceiptAndTheOrderCompletesWithItsLastMerchantOrder() {
        String buyer = "receiver-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, north, south);
        Lifecycle.ship(north.merchantId(), order.merchantOrderOf(north), "UPS", "RCPT-0001").then().statusCode(201);
        Lifecycle.ship(south.merchantId(), order.merchantOrderOf(south), "UPS", "RCPT-0002").then().statusCode(201);

        JsonPath first = Lifecycle.confirmReceipt(buyer, order.orderId(), order.merchantOrderOf(north))
                .then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("orderStatus", equalTo("AWAITING_RECEIPT"))
                .body("afterSalesOpen", equalTo(true))
                .extract().jsonPath();
        Instant completedAt = Instant.parse(first.getString("completedAt"));
        assertThat(Instant.parse(first.getString("afterSalesClosesAt"))).isEqualTo(completedAt.plus(Duration.ofDays(15)));
        assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("AWAITING_RECEIPT");

        Lifecycle.confirmReceipt(buyer, order.orderId(), order.merchantOrderOf(south)).then().statusCode(200)
                .body("orderStatus", equalTo("COMPLETED"));
        assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("COMPLETED");
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1 AND completed_at IS NOT NULL",
                order.orderId())).isOne();
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'ORDER_COMPLETED' AND order_id = $1",
                order.orderId())).isEqualTo(2);
        assertThat(database.count("SELECT count(*) FROM order_transition WHERE order_id = $1"
                + " AND merchant_order_id IS NULL AND to_status = 'COMPLETED' AND actor = $2",
                order.orderId(), "buyer:" + buyer)).isOne();

        Lifecycle.order(buyer, order.orderId()).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("merchantOrders.status", org.hamcrest.Matchers.everyItem(equalTo("COMPLETED")))
                .body("merchantOrders.afterSalesOpen", org.hamcrest.Matchers.everyItem(equalTo(true)));
    }

    @Test
    void receiptBeforeShipmentOrTwiceIsAConflictAndChangesNothing() {
        String buyer = "early-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, north);
        UUID merchantOrder = order.merchantOrderOf(north);
        long version = lifecycle.version(merchantOrder);
        Lifecycle.confirmReceipt(buyer, order.orderId(), merchantOrder).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("illegal-transition")).body("currentStatus", equalTo("AWAITING_SHIPMENT"));
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_SHIPMENT");
        assertThat(lifecycle.version(merchantOrder)).isEqualTo(version);

        Lifecycle.ship(north.merchantId(), merchantOrder, "UPS", "TWICE-0001").then().statusCode(201);
        Lifecycle.confirmReceipt(buyer, order.orderId(), merchantOrder).then().statusCode(200);
        long completedVersion = lifecycle.version(merchantOrder);
        String closesAt = database.string("SELECT after_sales_closes_at FROM merchant_order WHERE id = $1",
                merchantOrder);
        Lifecycle.confirmReceipt(buyer, order.orderId(), merchantOrder).then().statusCode(409)
                .body("code", equalTo("illegal-transition")).body("currentStatus", equalTo("COMPLETED"));
        assertThat(lifecycle.version(merchantOrder)).isEqualTo(completedVersion);
        assertThat(database.string("SELECT after_sales_closes_at FROM merchant_order WHERE id = $1", merchantOrder))
                .isEqualTo(closesAt);
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'ORDER_COMPLETED' AND order_id = $1",
                order.orderId())).isOne();
    }

    @Test
    void aCustomerCannotConfirmOrSeeAnotherCustomersMerchantOrder() {
        String owner = "owner-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(owner, north);
        UUID merchantOrder = order.merchantOrderOf(north);
        Lifecycle.ship(north.merchantId(), merchantOrder, "UPS", "OWNED-0001").then().statusCode(201);
        Lifecycle.PlacedOrder othersOrder = lifecycle.paid("other-" + UUID.randomUUID(), north);

        String intruder = "intruder-" + UUID.randomUUID();
        Lifecycle.confirmReceipt(intruder, order.orderId(), merchantOrder).then().statusCode(404)
                .body("code", equalTo("merchant-order-not-found"));
        Lifecycle.order(intruder, order.orderId()).then().statusCode(404);
        // The owner cannot pair its own order with a merchant order of another order either.
        Lifecycle.confirmReceipt(owner, order.orderId(), othersOrder.merchantOrderOf(north)).then().statusCode(404);
        Lifecycle.confirmReceipt(owner, order.orderId(), UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", Tokens.bearer(Tokens.customer(owner)))
                .post("/api/v1/orders/{id}/merchant-orders/not-a-uuid/receipt", order.orderId()).then().statusCode(404);
        given().header("Authorization", Tokens.bearer(Tokens.merchant(north.merchantId())))
                .post("/api/v1/orders/{id}/merchant-orders/{mo}/receipt", order.orderId(), merchantOrder)
                .then().statusCode(403);
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_RECEIPT");
    }

    @Test
    void receiptIsConfirmedAutomaticallyAfterTheMerchantsDaysAndNotBefore() {
        String buyer = "auto-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, north);
        UUID merchantOrder = order.merchantOrderOf(north);
        Lifecycle.ship(north.merchantId(), merchantOrder, "UPS", "AUTO-00001").then().statusCode(201);

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        confirmDue();
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_RECEIPT");
        assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("AWAITING_RECEIPT");

        clock.advance(Duration.ofMinutes(2));
        confirmDue();
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("COMPLETED");
        assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("COMPLETED");
        assertThat(database.count("SELECT count(*) FROM order_transition WHERE merchant_order_id = $1"
                + " AND to_status = 'COMPLETED' AND actor = 'system:auto-confirm'", merchantOrder)).isOne();
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'ORDER_COMPLETED' AND order_id = $1",
                order.orderId())).isOne();

        // A second run (another pod, or the next tick) finds nothing left to do for this order.
        confirmDue();
        assertThat(database.count("SELECT count(*) FROM order_transition WHERE merchant_order_id = $1"
                + " AND to_status = 'COMPLETED'", merchantOrder)).isOne();
    }

    @Test
    void theAfterSalesWindowClosesTheMerchantsDaysAfterCompletion() {
        String buyer = "window-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer(Tokens.merchant(north.merchantId())))
                .contentType(ContentType.JSON).body(Map.of("autoConfirmDays", 2, "afterSalesDays", 3))
                .put("/api/v1/merchant/settings").then().statusCode(200);
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, north);
        UUID merchantOrder = order.merchantOrderOf(north);
        Instant shippedAt = Instant.parse(Lifecycle.ship(north.merchantId(), merchantOrder, "UPS", "WINDOW-001")
                .then().statusCode(201).extract().path("shippedAt"));
        assertThat(Instant.parse(database.string(
                "SELECT to_char(auto_confirm_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                        + " FROM merchant_order WHERE id = $1", merchantOrder)))
                .isEqualTo(shippedAt.plus(Duration.ofDays(2)));

        clock.advance(Duration.ofDays(2).plusMinutes(1));
        confirmDue();
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("COMPLETED");
        Lifecycle.order(buyer, order.orderId()).then().statusCode(200)
                .body("merchantOrders[0].afterSalesOpen", equalTo(true));

        clock.advance(Duration.ofDays(3).minusMinutes(2));
        Lifecycle.order(buyer, order.orderId()).then().statusCode(200)
                .body("merchantOrders[0].afterSalesOpen", equalTo(true));
        clock.advance(Duration.ofMinutes(3));
        Lifecycle.order(buyer, order.orderId()).then().statusCode(200)
                .body("merchantOrders[0].afterSalesOpen", equalTo(false));
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).get("/api/v1/orders")
                .then().statusCode(200).body("items[0].merchantOrders[0].afterSalesOpen", equalTo(false));
    }

    private void confirmDue() {
        receipts.confirmDue().await().atMost(Duration.ofSeconds(30));
    }
}
