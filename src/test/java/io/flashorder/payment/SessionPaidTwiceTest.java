package io.flashorder.payment;

import io.flashorder.order.lifecycle.LifecycleTimerJobs;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
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
 * Issue 15, defect 5: one payment session paid twice (two provider transactions). Each transaction has its own
 * payment record and each refund its own refund record, so per order the books (charged minus refunded) equal what
 * its status says: the payable for a paid order, nothing for a cancelled one.
 */
@QuarkusTest
class SessionPaidTwiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    LifecycleTimerJobs timers;
    @Inject
    CircuitBreakerMaintenance breakers;

    private UUID north;
    private UUID earbuds;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        UUID merchant = Catalog.merchant("Twice paid merchant " + UUID.randomUUID());
        north = Catalog.warehouse(merchant, "NORTH");
        earbuds = Catalog.sku(merchant, "Earbuds", 12_900);
        Pricing.defaultShippingTemplate(merchant);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Charged (every transaction that took the money) minus refunded, from the records. */
    private long books(UUID orderId) {
        return database.count("SELECT coalesce(sum(amount), 0) FROM payment WHERE order_id = $1 "
                + "AND status IN ('SUCCEEDED', 'REFUNDED')", orderId)
                - database.count("SELECT coalesce(sum(amount), 0) FROM payment_refund WHERE order_id = $1", orderId);
    }

    private JsonPath place(String buyer) {
        return Orders.place(buyer, Orders.body(Map.of(earbuds, 1))).then().statusCode(201).extract().jsonPath();
    }

    private void pay(String session, String transaction, long amount, String outcome) {
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, transaction, amount, "EUR", clock.instant()))
                .then().statusCode(200).body("outcome", equalTo(outcome));
    }

    /** The provider delivers the same transaction again, signed anew. */
    private void payAgain(String session, String transaction, long amount, String outcome) {
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, transaction, amount, "EUR",
                        clock.instant().plusSeconds(2)))
                .then().statusCode(200).body("outcome", equalTo(outcome)).body("duplicate", equalTo(true));
    }

    @Test
    void aPaidOrderKeepsItsPaymentAndTheSecondTransactionIsRefundedOnItsOwnRecord() {
        Catalog.loadStock(earbuds, north, 5);
        String buyer = "twice-" + UUID.randomUUID();
        JsonPath order = place(buyer);
        UUID orderId = UUID.fromString(order.getString("id"));
        long payable = order.getLong("payable");
        String session = Payments.open(buyer, orderId.toString()).then().statusCode(201).extract().path("sessionId");
        String first = "tx-first-" + UUID.randomUUID();
        String second = "tx-second-" + UUID.randomUUID();

        pay(session, first, payable, "PAID");
        pay(session, second, payable, "DUPLICATE_REFUNDED");

        Payments.order(buyer, orderId.toString()).then().body("status", equalTo("AWAITING_SHIPMENT"));
        assertThat(database.count("SELECT count(*) FROM payment WHERE order_id = $1", orderId)).isEqualTo(2);
        assertThat(database.count("SELECT count(*) FROM payment WHERE order_id = $1 AND session_id = $2 "
                + "AND provider_transaction_id = $3 AND status = 'SUCCEEDED'", orderId, session, first)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM payment WHERE order_id = $1 AND session_id = $2 "
                + "AND provider_transaction_id = $3 AND status = 'REFUNDED'", orderId, session, second)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM payment_refund r JOIN payment p ON p.id = r.payment_id "
                + "WHERE r.order_id = $1 AND p.provider_transaction_id = $2", orderId, second)).isEqualTo(1);
        assertThat(books(orderId)).isEqualTo(payable);

        // Delivered again, each transaction is answered with what it did and changes nothing.
        payAgain(session, first, payable, "PAID");
        payAgain(session, second, payable, "DUPLICATE_REFUNDED");
        assertThat(database.count("SELECT count(*) FROM payment_refund WHERE order_id = $1", orderId)).isEqualTo(1);
        assertThat(books(orderId)).isEqualTo(payable);
    }

    @Test
    void aCancelledOrderPaidTwiceLateIsRefundedTwiceOnceForEachTransaction() {
        Catalog.loadStock(earbuds, north, 1);
        String buyer = "late-twice-" + UUID.randomUUID();
        JsonPath order = place(buyer);
        UUID orderId = UUID.fromString(order.getString("id"));
        long payable = order.getLong("payable");
        String session = Payments.open(buyer, orderId.toString()).then().statusCode(201).extract().path("sessionId");
        clock.advance(Duration.ofMinutes(31));
        timers.expireDue().await().atMost(WAIT);
        clock.reset();
        place("rival-" + UUID.randomUUID()); // the released unit is sold to someone else

        pay(session, "tx-a-" + UUID.randomUUID(), payable, "LATE_REFUNDED");
        pay(session, "tx-b-" + UUID.randomUUID(), payable, "LATE_REFUNDED");

        Payments.order(buyer, orderId.toString()).then().body("status", equalTo("CANCELLED"));
        assertThat(database.count("SELECT count(*) FROM payment WHERE order_id = $1 AND status = 'REFUNDED'", orderId))
                .isEqualTo(2);
        assertThat(database.count("SELECT count(DISTINCT provider_refund_id) FROM payment_refund WHERE order_id = $1",
                orderId)).isEqualTo(2);
        assertThat(books(orderId)).isZero();
    }

    @Test
    void aCancelledOrderRevivedByOneTransactionRefundsTheOther() {
        Catalog.loadStock(earbuds, north, 3);
        String buyer = "revived-" + UUID.randomUUID();
        JsonPath order = place(buyer);
        UUID orderId = UUID.fromString(order.getString("id"));
        long payable = order.getLong("payable");
        String session = Payments.open(buyer, orderId.toString()).then().statusCode(201).extract().path("sessionId");
        clock.advance(Duration.ofMinutes(31));
        timers.expireDue().await().atMost(WAIT);
        clock.reset();

        pay(session, "tx-revives-" + UUID.randomUUID(), payable, "LATE_REVIVED");
        pay(session, "tx-extra-" + UUID.randomUUID(), payable, "DUPLICATE_REFUNDED");

        Payments.order(buyer, orderId.toString()).then().body("status", equalTo("AWAITING_SHIPMENT"));
        assertThat(database.count("SELECT count(*) FROM payment WHERE order_id = $1 AND status = 'SUCCEEDED'", orderId))
                .isEqualTo(1);
        assertThat(books(orderId)).isEqualTo(payable);
    }
}
