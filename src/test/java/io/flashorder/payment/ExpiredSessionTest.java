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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A success callback signed after its session expired is never a normal payment: it is recorded and refunded
 * automatically (EXPIRED_REFUNDED), and the order stays as it was, so its buyer can still pay it through a new session.
 */
@QuarkusTest
class ExpiredSessionTest {

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

    private UUID sku;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        UUID merchant = Catalog.merchant("Expiry merchant " + UUID.randomUUID());
        UUID north = Catalog.warehouse(merchant, "NORTH");
        sku = Catalog.sku(merchant, "Lamp", 4_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, north, 10);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String stock(String field) {
        String value = redis.hash(String.class).hget(InventoryKeys.sku(sku), field);
        return value == null ? "0" : value;
    }

    @Test
    void aSuccessForAnExpiredSessionOfAPendingOrderIsRefundedAndTheOrderCanStillBePaid() {
        String buyer = "expired-" + UUID.randomUUID();
        JsonPath order = Orders.place(buyer, Orders.body(Map.of(sku, 2))).then().statusCode(201).extract().jsonPath();
        String orderId = order.getString("id");
        long payable = order.getLong("payable");
        String session = Payments.open(buyer, orderId).then().statusCode(201).extract().path("sessionId");
        clock.advance(Duration.ofMinutes(16)); // the session (15 minutes) has expired; the order (30) has not

        String transaction = "tx-" + UUID.randomUUID();
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, transaction, payable, "EUR", clock.instant()))
                .then().statusCode(200).body("outcome", equalTo("EXPIRED_REFUNDED"));

        UUID id = UUID.fromString(orderId);
        Payments.order(buyer, orderId).then().body("status", equalTo("PENDING_PAYMENT"));
        assertThat(stock("held")).isEqualTo("2");
        assertThat(stock("sold")).isEqualTo("0");
        assertThat(database.count("SELECT count(*) FROM payment WHERE order_id = $1 AND status = 'REFUNDED'", id))
                .isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM payment_refund WHERE order_id = $1 AND amount = $2", id, payable))
                .isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM payment_callback WHERE order_id = $1 "
                + "AND outcome = 'EXPIRED_REFUNDED' AND detail LIKE '%session had expired%'", id)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM order_transition WHERE order_id = $1", id)).isZero();

        // Delivered again: the first outcome, refunded once.
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, transaction, payable, "EUR",
                        clock.instant().plusSeconds(1)))
                .then().statusCode(200).body("outcome", equalTo("EXPIRED_REFUNDED")).body("duplicate", equalTo(true));
        assertThat(database.count("SELECT count(*) FROM payment_refund WHERE order_id = $1", id)).isEqualTo(1);

        // The buyer pays through a new session, normally.
        String fresh = Payments.open(buyer, orderId).then().statusCode(201).extract().path("sessionId");
        assertThat(fresh).isNotEqualTo(session);
        SandboxCallbacks.post(SandboxCallbacks.succeeded(fresh, "tx-" + UUID.randomUUID(), payable, "EUR",
                clock.instant())).then().statusCode(200).body("outcome", equalTo("PAID"));
        Payments.order(buyer, orderId).then().body("status", equalTo("AWAITING_SHIPMENT"));
        assertThat(stock("sold")).isEqualTo("2");
    }

    @Test
    void aSuccessForAnExpiredSessionOfACancelledOrderIsRefundedNotRevived() {
        String buyer = "expired-late-" + UUID.randomUUID();
        JsonPath order = Orders.place(buyer, Orders.body(Map.of(sku, 1))).then().statusCode(201).extract().jsonPath();
        String orderId = order.getString("id");
        String session = Payments.open(buyer, orderId).then().statusCode(201).extract().path("sessionId");
        clock.advance(Duration.ofMinutes(31)); // past the order's deadline and the session's expiry
        timers.expireDue().await().atMost(WAIT);
        Payments.order(buyer, orderId).then().body("status", equalTo("CANCELLED"));
        assertThat(stock("available")).isEqualTo("10");

        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, "tx-" + UUID.randomUUID(), order.getLong("payable"),
                "EUR", clock.instant())).then().statusCode(200).body("outcome", equalTo("EXPIRED_REFUNDED"));

        Payments.order(buyer, orderId).then().body("status", equalTo("CANCELLED"));
        assertThat(stock("available")).isEqualTo("10");
        assertThat(stock("sold")).isEqualTo("0");
        assertThat(database.count("SELECT count(*) FROM payment_refund WHERE order_id = $1", UUID.fromString(orderId)))
                .isEqualTo(1);
    }
}
