package io.flashorder.fulfilment;

import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Merchants hand merchant orders to carriers: one at a time or in batches, their own only. */
@QuarkusTest
class ShipmentTest {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;

    private Shop north;
    private Shop south;

    @BeforeEach
    void shops() {
        north = lifecycle.shop("Ship north");
        south = lifecycle.shop("Ship south");
    }

    @Test
    void shippingMovesTheMerchantOrderAndItsOrderWhenItIsTheOnlyOne() {
        String buyer = "shipper-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, north);
        UUID merchantOrder = order.merchantOrderOf(north);

        JsonPath shipment = Lifecycle.ship(north.merchantId(), merchantOrder, "DHL Express", "JD0146000033")
                .then().statusCode(201)
                .body("merchantOrderId", equalTo(merchantOrder.toString()))
                .body("carrier", equalTo("DHL Express"))
                .body("trackingNumber", equalTo("JD0146000033"))
                .body("merchantOrderStatus", equalTo("AWAITING_RECEIPT"))
                .body("orderStatus", equalTo("AWAITING_RECEIPT"))
                .extract().jsonPath();
        Instant shippedAt = Instant.parse(shipment.getString("shippedAt"));
        assertThat(Instant.parse(shipment.getString("autoConfirmAt"))).isEqualTo(shippedAt.plus(Duration.ofDays(7)));

        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_RECEIPT");
        assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("AWAITING_RECEIPT");
        assertThat(database.count("SELECT count(*) FROM shipment WHERE merchant_order_id = $1", merchantOrder)).isOne();
        assertThat(database.count("SELECT count(*) FROM merchant_order WHERE id = $1 AND shipped_at IS NOT NULL",
                merchantOrder)).isOne();
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'ORDER_SHIPPED' AND order_id = $1"
                + " AND merchant_id = $2", order.orderId(), north.merchantId())).isOne();
        assertThat(database.count("SELECT count(*) FROM order_transition WHERE merchant_order_id = $1"
                + " AND from_status = 'AWAITING_SHIPMENT' AND to_status = 'AWAITING_RECEIPT' AND actor = $2",
                merchantOrder, "merchant:" + north.merchantId())).isOne();

        Lifecycle.order(buyer, order.orderId()).then().statusCode(200)
                .body("status", equalTo("AWAITING_RECEIPT"))
                .body("merchantOrders[0].status", equalTo("AWAITING_RECEIPT"))
                .body("merchantOrders[0].shipment.carrier", equalTo("DHL Express"))
                .body("merchantOrders[0].shipment.trackingNumber", equalTo("JD0146000033"))
                .body("merchantOrders[0].afterSalesOpen", equalTo(false));
    }

    @Test
    void theOrderAwaitsReceiptOnlyOnceItsLastMerchantOrderShipped() {
        String buyer = "two-shops-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, north, south);

        Lifecycle.ship(north.merchantId(), order.merchantOrderOf(north), "UPS", "1Z999AA10123456784")
                .then().statusCode(201).body("orderStatus", equalTo("AWAITING_SHIPMENT"));
        assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("AWAITING_SHIPMENT");
        assertThat(lifecycle.status(order.merchantOrderOf(south))).isEqualTo("AWAITING_SHIPMENT");
        Lifecycle.order(buyer, order.orderId()).then().statusCode(200)
                .body("merchantOrders.find { it.merchantId == '" + north.merchantId() + "' }.status",
                        equalTo("AWAITING_RECEIPT"))
                .body("merchantOrders.find { it.merchantId == '" + south.merchantId() + "' }.status",
                        equalTo("AWAITING_SHIPMENT"));

        Lifecycle.ship(south.merchantId(), order.merchantOrderOf(south), "GLS", "GLS-778899")
                .then().statusCode(201).body("orderStatus", equalTo("AWAITING_RECEIPT"));
        assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("AWAITING_RECEIPT");
    }

    @Test
    void twoMerchantsShippingTheLastTwoMerchantOrdersAtOnceStillMoveTheOrder() {
        // Threads of the test's own (they inherit its class loader; the common pool's threads do not, and RestAssured
        // loading its JSON mapper there fails now and then).
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 5; round++) {
                Lifecycle.PlacedOrder order = lifecycle.paid("race-" + UUID.randomUUID(), north, south);
                CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> Lifecycle.ship(
                        north.merchantId(), order.merchantOrderOf(north), "UPS",
                        "RACE-" + UUID.randomUUID().toString().substring(0, 8)).statusCode(), threads);
                CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> Lifecycle.ship(
                        south.merchantId(), order.merchantOrderOf(south), "UPS",
                        "RACE-" + UUID.randomUUID().toString().substring(0, 8)).statusCode(), threads);
                assertThat(first.join()).isEqualTo(201);
                assertThat(second.join()).isEqualTo(201);
                assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("AWAITING_RECEIPT");
            }
        }
    }

    @Test
    void shippingTwiceOrBeforePaymentIsAConflictAndChangesNothing() {
        Lifecycle.PlacedOrder paid = lifecycle.paid("twice-" + UUID.randomUUID(), north);
        UUID shipped = paid.merchantOrderOf(north);
        Lifecycle.ship(north.merchantId(), shipped, "UPS", "FIRST-0001").then().statusCode(201);
        long version = lifecycle.version(shipped);

        Lifecycle.ship(north.merchantId(), shipped, "UPS", "SECOND-0002").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("illegal-transition"))
                .body("currentStatus", equalTo("AWAITING_RECEIPT"));
        assertThat(lifecycle.version(shipped)).isEqualTo(version);
        assertThat(database.string("SELECT tracking_number FROM shipment WHERE merchant_order_id = $1", shipped))
                .isEqualTo("FIRST-0001");

        Lifecycle.PlacedOrder unpaid = lifecycle.placed("unpaid-" + UUID.randomUUID(), north);
        UUID pending = unpaid.merchantOrderOf(north);
        Lifecycle.ship(north.merchantId(), pending, "UPS", "EARLY-0001").then().statusCode(409)
                .body("code", equalTo("illegal-transition")).body("currentStatus", equalTo("PENDING_PAYMENT"));
        assertThat(lifecycle.status(pending)).isEqualTo("PENDING_PAYMENT");
        assertThat(lifecycle.version(pending)).isZero();
        assertThat(database.count("SELECT count(*) FROM shipment WHERE merchant_order_id = $1", pending)).isZero();
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'ORDER_SHIPPED' AND order_id = $1",
                unpaid.orderId())).isZero();
    }

    @Test
    void aMerchantCannotShipAnotherMerchantsOrder() {
        Lifecycle.PlacedOrder order = lifecycle.paid("cross-" + UUID.randomUUID(), north);
        UUID merchantOrder = order.merchantOrderOf(north);

        Lifecycle.ship(south.merchantId(), merchantOrder, "UPS", "INTRUDER-1").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("merchant-order-not-found"));
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_SHIPMENT");
        assertThat(lifecycle.version(merchantOrder)).isEqualTo(1);

        Lifecycle.ship(north.merchantId(), UUID.randomUUID(), "UPS", "NOBODY-01").then().statusCode(404);
        given().header("Authorization", Tokens.bearer(Tokens.merchant(north.merchantId())))
                .contentType(ContentType.JSON).body(Map.of("carrier", "UPS", "trackingNumber", "BADID-001"))
                .post("/api/v1/merchant/orders/not-a-uuid/shipments").then().statusCode(404);
        given().header("Authorization", Tokens.bearer(Tokens.customer("customer-" + UUID.randomUUID())))
                .contentType(ContentType.JSON).body(Map.of("carrier", "UPS", "trackingNumber", "CUSTOMER-1"))
                .post("/api/v1/merchant/orders/{id}/shipments", merchantOrder).then().statusCode(403);
    }

    @Test
    void aShipmentNeedsACarrierAndATrackingNumber() {
        Lifecycle.PlacedOrder order = lifecycle.paid("bad-body-" + UUID.randomUUID(), north);
        given().header("Authorization", Tokens.bearer(Tokens.merchant(north.merchantId())))
                .contentType(ContentType.JSON).body(Map.of("carrier", "", "trackingNumber", "no spaces allowed"))
                .post("/api/v1/merchant/orders/{id}/shipments", order.merchantOrderOf(north))
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("validation-failed"))
                .body("errors.field", org.hamcrest.Matchers.hasItems("carrier",
                        "trackingNumber"));
        assertThat(lifecycle.status(order.merchantOrderOf(north))).isEqualTo("AWAITING_SHIPMENT");
    }

    @Test
    void aBatchShipsTheGoodItemsAndRefusesEachBadOneWithItsReason() {
        Lifecycle.PlacedOrder first = lifecycle.paid("batch-" + UUID.randomUUID(), north);
        Lifecycle.PlacedOrder second = lifecycle.paid("batch-" + UUID.randomUUID(), north);
        Lifecycle.PlacedOrder alreadyShipped = lifecycle.paid("batch-" + UUID.randomUUID(), north);
        Lifecycle.ship(north.merchantId(), alreadyShipped.merchantOrderOf(north), "UPS", "EARLIER-01")
                .then().statusCode(201);
        Lifecycle.PlacedOrder unpaid = lifecycle.placed("batch-" + UUID.randomUUID(), north);
        Lifecycle.PlacedOrder foreign = lifecycle.paid("batch-" + UUID.randomUUID(), south);

        List<Map<String, Object>> items = new ArrayList<>();
        items.add(item(first.merchantOrderOf(north), "DHL", "BATCH-0001"));
        items.add(item(foreign.merchantOrderOf(south), "DHL", "BATCH-0002"));
        items.add(item(unpaid.merchantOrderOf(north), "DHL", "BATCH-0003"));
        items.add(item(alreadyShipped.merchantOrderOf(north), "DHL", "BATCH-0004"));
        items.add(item(second.merchantOrderOf(north), "DHL", "BATCH-0005"));
        items.add(item(second.merchantOrderOf(north), "DHL", "BATCH-0006"));
        items.add(item(UUID.randomUUID(), "", "BATCH-0007"));

        given().header("Authorization", Tokens.bearer(Tokens.merchant(north.merchantId())))
                .contentType(ContentType.JSON).body(Map.of("shipments", items))
                .post("/api/v1/merchant/shipments")
                .then().statusCode(200)
                .body("shipped", equalTo(2))
                .body("refused", equalTo(5))
                .body("results.outcome", org.hamcrest.Matchers.contains("SHIPPED", "REFUSED", "REFUSED", "REFUSED",
                        "SHIPPED", "REFUSED", "REFUSED"))
                .body("results.code", org.hamcrest.Matchers.contains(null, "merchant-order-not-found",
                        "illegal-transition", "illegal-transition", null, "duplicate-item", "validation-failed"))
                .body("results[0].shipment.trackingNumber", equalTo("BATCH-0001"))
                .body("results[4].shipment.trackingNumber", equalTo("BATCH-0005"));

        assertThat(lifecycle.status(first.merchantOrderOf(north))).isEqualTo("AWAITING_RECEIPT");
        assertThat(lifecycle.status(second.merchantOrderOf(north))).isEqualTo("AWAITING_RECEIPT");
        assertThat(lifecycle.status(foreign.merchantOrderOf(south))).isEqualTo("AWAITING_SHIPMENT");
        assertThat(lifecycle.status(unpaid.merchantOrderOf(north))).isEqualTo("PENDING_PAYMENT");
        assertThat(database.string("SELECT tracking_number FROM shipment WHERE merchant_order_id = $1",
                alreadyShipped.merchantOrderOf(north))).isEqualTo("EARLIER-01");

        given().header("Authorization", Tokens.bearer(Tokens.merchant(north.merchantId())))
                .contentType(ContentType.JSON).body(Map.of("shipments", List.of()))
                .post("/api/v1/merchant/shipments").then().statusCode(400).body("code", equalTo("validation-failed"));
    }

    private static Map<String, Object> item(UUID merchantOrderId, String carrier, String trackingNumber) {
        Map<String, Object> item = new HashMap<>();
        item.put("merchantOrderId", merchantOrderId);
        item.put("carrier", carrier);
        item.put("trackingNumber", trackingNumber);
        return item;
    }
}
