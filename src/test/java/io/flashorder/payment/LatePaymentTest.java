package io.flashorder.payment;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.order.lifecycle.LifecycleTimerJobs;
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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A payment that arrives after the order was cancelled: revived when the stock is still there, else refunded. */
@QuarkusTest
class LatePaymentTest {

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
    CircuitBreakerMaintenance breakers;

    private UUID north;
    private UUID south;
    private UUID earbuds;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        UUID merchant = Catalog.merchant("Late merchant " + UUID.randomUUID());
        north = Catalog.warehouse(merchant, "NORTH");
        south = Catalog.warehouse(merchant, "SOUTH");
        earbuds = Catalog.sku(merchant, "Earbuds", 12_900);
        Pricing.defaultShippingTemplate(merchant);
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

    private JsonPath place(String buyer, int quantity) {
        return Orders.place(buyer, Orders.body(Map.of(earbuds, quantity))).then().statusCode(201).extract().jsonPath();
    }

    /**
     * Places, opens a session late (20 of the 30 minutes to pay), lets the deadline pass and the timer cancel the
     * order: the session (15 minutes) can still be paid, so a payment now is late, not expired.
     */
    private String[] cancelledWithOpenSession(String buyer, int quantity) {
        JsonPath order = place(buyer, quantity);
        String id = order.getString("id");
        clock.advance(Duration.ofMinutes(20));
        String session = Payments.open(buyer, id).then().statusCode(201).extract().path("sessionId");
        clock.advance(Duration.ofMinutes(11));
        timers.expireDue().await().atMost(WAIT);
        Payments.order(buyer, id).then().body("status", equalTo("CANCELLED"));
        return new String[] {id, session, order.getString("payable")};
    }

    @Test
    void aLatePaymentWithTheStockStillThereRevivesTheOrder() {
        Catalog.loadStock(earbuds, north, 1);
        Catalog.loadStock(earbuds, south, 9);
        String buyer = "late-" + UUID.randomUUID();
        String[] order = cancelledWithOpenSession(buyer, 3);
        assertThat(stock()).containsEntry("available", "10").containsEntry("held", "0");

        String transaction = "tx-" + UUID.randomUUID();
        SandboxCallbacks.post(SandboxCallbacks.succeeded(order[1], transaction, Long.parseLong(order[2]), "EUR",
                clock.instant())).then().statusCode(200).body("outcome", equalTo("LATE_REVIVED"));

        Payments.order(buyer, order[0]).then().body("status", equalTo("AWAITING_SHIPMENT"));
        // The same warehouses as the original reservation: 1 from the NORTH, 2 from the SOUTH.
        assertThat(stock()).containsEntry("available", "7").containsEntry("held", "0").containsEntry("sold", "3")
                .containsEntry(InventoryKeys.warehouseField(north), "0").containsEntry(InventoryKeys.warehouseField(south), "7");
        UUID orderId = UUID.fromString(order[0]);
        Payments.history(buyer, order[0]).then().body("transitions.size()", equalTo(2))
                .body("transitions[1].from", equalTo("CANCELLED"))
                .body("transitions[1].to", equalTo("AWAITING_SHIPMENT"))
                .body("transitions[1].actor", equalTo("provider:sandbox"))
                .body("transitions[1].reason", startsWith("late payment"));
        assertThat(database.count("SELECT count(*) FROM payment_callback WHERE order_id = $1 AND outcome = 'LATE_REVIVED'",
                orderId)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE order_id = $1 AND type = 'ORDER_PAID' "
                + "AND payload->>'via' = 'LATE_PAYMENT'", orderId)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM payment_refund WHERE order_id = $1", orderId)).isZero();

        // Delivered again: applied once.
        SandboxCallbacks.post(SandboxCallbacks.succeeded(order[1], transaction, Long.parseLong(order[2]), "EUR",
                clock.instant().plusSeconds(2))).then().statusCode(200)
                .body("outcome", equalTo("LATE_REVIVED")).body("duplicate", equalTo(true));
        assertThat(stock()).containsEntry("sold", "3").containsEntry("available", "7");
        // A second successful payment of the now paid order is refunded, not kept.
        SandboxCallbacks.post(SandboxCallbacks.succeeded(order[1], "tx-" + UUID.randomUUID(), Long.parseLong(order[2]),
                "EUR", clock.instant())).then().statusCode(200).body("outcome", equalTo("DUPLICATE_REFUNDED"));
        assertThat(stock()).containsEntry("sold", "3");
        Payments.order(buyer, order[0]).then().body("status", equalTo("AWAITING_SHIPMENT"));
    }

    @Test
    void aLatePaymentWithoutTheStockIsRefundedAndRecorded() {
        Catalog.loadStock(earbuds, north, 2);
        String buyer = "late-" + UUID.randomUUID();
        String[] order = cancelledWithOpenSession(buyer, 2);
        // Someone else buys the released units before the payment arrives.
        String rival = "rival-" + UUID.randomUUID();
        place(rival, 2);
        assertThat(stock()).containsEntry("available", "0").containsEntry("held", "2");

        String transaction = "tx-" + UUID.randomUUID();
        SandboxCallbacks.post(SandboxCallbacks.succeeded(order[1], transaction, Long.parseLong(order[2]), "EUR",
                clock.instant())).then().statusCode(200).body("outcome", equalTo("LATE_REFUNDED"));

        Payments.order(buyer, order[0]).then().body("status", equalTo("CANCELLED"));
        assertThat(stock()).containsEntry("available", "0").containsEntry("held", "2").containsEntry("sold", "0");
        UUID orderId = UUID.fromString(order[0]);
        assertThat(database.count("SELECT count(*) FROM payment WHERE order_id = $1 AND status = 'REFUNDED'", orderId))
                .isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM payment_refund WHERE order_id = $1 AND amount = $2 "
                + "AND provider_refund_id LIKE 'sbx_re_%'", orderId, Long.parseLong(order[2]))).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM payment_callback WHERE order_id = $1 AND outcome = 'LATE_REFUNDED' "
                + "AND detail LIKE '%no longer available%'", orderId)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM order_transition WHERE order_id = $1", orderId)).isEqualTo(1);

        SandboxCallbacks.post(SandboxCallbacks.succeeded(order[1], transaction, Long.parseLong(order[2]), "EUR",
                clock.instant().plusSeconds(1))).then().statusCode(200)
                .body("outcome", equalTo("LATE_REFUNDED")).body("duplicate", equalTo(true));
        assertThat(database.count("SELECT count(*) FROM payment_refund WHERE order_id = $1", orderId)).isEqualTo(1);
    }

    @Test
    void aLatePaymentThatWouldExceedTheCampaignsUnitsPerBuyerIsRefunded() {
        Catalog.loadStock(earbuds, north, 10);
        String campaign = Catalog.liveCampaign(clock.instant(), earbuds, 9_900, 5, 1);
        String buyer = "limited-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Orders.body(Map.of(earbuds, 1)));
        body.put("campaignId", campaign);

        JsonPath first = Orders.place(buyer, body).then().statusCode(201).extract().jsonPath();
        String session = Payments.open(buyer, first.getString("id")).then().statusCode(201).extract().path("sessionId");
        clock.advance(Duration.ofMinutes(6));
        timers.expireDue().await().atMost(WAIT);
        Payments.order(buyer, first.getString("id")).then().body("status", equalTo("CANCELLED"));
        // The cancellation gave the buyer's campaign unit back, and the buyer used it for a second order.
        Orders.place(buyer, body).then().statusCode(201);

        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, "tx-" + UUID.randomUUID(), first.getLong("payable"),
                "EUR", clock.instant())).then().statusCode(200).body("outcome", equalTo("LATE_REFUNDED"));

        Payments.order(buyer, first.getString("id")).then().body("status", equalTo("CANCELLED"));
        assertThat(redis.hash(String.class).hget(InventoryKeys.campaignBuyers(campaign), buyer))
                .isEqualTo("1");
        assertThat(redis.hash(String.class).hget(InventoryKeys.campaign(UUID.fromString(campaign)), earbuds + ":sold"))
                .isIn(null, "0");
        assertThat(database.count("SELECT count(*) FROM payment_refund WHERE order_id = $1",
                UUID.fromString(first.getString("id")))).isEqualTo(1);
    }
}
