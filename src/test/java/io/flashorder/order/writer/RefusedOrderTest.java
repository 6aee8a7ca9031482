package io.flashorder.order.writer;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.order.lifecycle.RefusedOrders;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.OrderStreamFeeder;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * An accepted order PostgreSQL refuses to store is dead-lettered by the writer, and never keeps its stock: it ends
 * cancelled with a reason its buyer can read (and an OrderCancelled event for its merchant), its units released,
 * and Redis agrees with PostgreSQL afterwards. PostgreSQL is made to refuse one order with a constraint the test adds
 * for the occasion (the edge already refuses everything PostgreSQL would refuse on its own).
 */
@QuarkusTest
class RefusedOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Database database;
    @Inject
    RedisDataSource redis;
    @Inject
    OrderStreamFeeder stream;
    @Inject
    CircuitBreakerMaintenance breakers;

    private UUID merchant;
    private UUID warehouse;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        merchant = Catalog.merchant("Refused merchant " + UUID.randomUUID());
        warehouse = Catalog.warehouse(merchant, "NORTH");
        Pricing.defaultShippingTemplate(merchant);
    }

    private Map<String, Long> stock(UUID sku) {
        Map<String, Long> levels = new HashMap<>(Map.of("available", 0L, "held", 0L, "sold", 0L, "loaded", 0L));
        redis.hash(String.class).hgetall(InventoryKeys.sku(sku)).forEach((field, value) -> levels.put(field,
                Long.parseLong(value)));
        return levels;
    }

    /** The reconciliation invariant: loaded = available + held + sold, and Redis held/sold = PostgreSQL's lines. */
    private void assertReconciled(UUID sku) {
        Map<String, Long> levels = stock(sku);
        assertThat(levels.get("loaded")).isEqualTo(levels.get("available") + levels.get("held") + levels.get("sold"));
        assertThat(levels.get("held")).isEqualTo(database.count("SELECT coalesce(sum(l.quantity), 0) FROM order_line l "
                + "JOIN customer_order o ON o.id = l.order_id WHERE l.sku_id = $1 AND o.status = 'PENDING_PAYMENT'", sku));
        assertThat(levels.get("sold")).isEqualTo(database.count("SELECT coalesce(sum(l.quantity), 0) FROM order_line l "
                + "JOIN customer_order o ON o.id = l.order_id WHERE l.sku_id = $1 AND o.paid_at IS NOT NULL", sku));
    }

    private boolean deadLettered(String orderId) {
        return stream.deadLetters().stream().anyMatch(letter -> orderId.equals(letter.payload().get("orderId")));
    }

    @Test
    void aRefusedOrderEndsCancelledWithItsStockReleasedAndAReasonItsBuyerCanRead() {
        UUID sku = Catalog.sku(merchant, "Refusable kettle", 3_900);
        Catalog.loadStock(sku, warehouse, 5);
        String note = "refuse me " + UUID.randomUUID();
        database.execute("ALTER TABLE customer_order ADD CONSTRAINT refused_order_test CHECK (buyer_note IS DISTINCT FROM '"
                + note + "') NOT VALID");
        String buyer = "refused-" + UUID.randomUUID();
        String orderId;
        try {
            Map<String, Object> body = new HashMap<>(Orders.body(Map.of(sku, 2)));
            body.put("buyerNote", note);
            orderId = Orders.place(buyer, body).then().statusCode(201).extract().path("id");
            Eventually.await(WAIT, () -> {
                assertThat(database.string("SELECT status FROM customer_order WHERE id = $1", UUID.fromString(orderId)))
                        .isEqualTo("CANCELLED");
                assertThat(stock(sku)).containsEntry("available", 5L).containsEntry("held", 0L);
                // Dead-lettered after the cancellation (OrderWriter), so waited for too, not read right after it.
                assertThat(deadLettered(orderId)).isTrue();
            });
        } finally {
            database.execute("ALTER TABLE customer_order DROP CONSTRAINT refused_order_test");
        }
        UUID id = UUID.fromString(orderId);
        Payments.order(buyer, orderId).then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("buyerNote", nullValue());
        Payments.history(buyer, orderId).then().statusCode(200)
                .body("transitions.size()", equalTo(1))
                .body("transitions[0].from", equalTo("PENDING_PAYMENT"))
                .body("transitions[0].to", equalTo("CANCELLED"))
                .body("transitions[0].actor", equalTo("system:order-writer"))
                .body("transitions[0].reason", equalTo(RefusedOrders.REASON));
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE order_id = $1 AND type = 'ORDER_CANCELLED' "
                + "AND merchant_id = $2 AND payload->>'reason' = $3", id, merchant, RefusedOrders.REASON)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM merchant_order WHERE order_id = $1 AND status = 'CANCELLED'", id))
                .isEqualTo(1);
        assertThat(redis.hash(String.class).hget(OrderKeys.hold(id), "status")).isEqualTo("RELEASED");
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1 AND stock_settled_at IS NOT NULL", id))
                .isEqualTo(1);
        // Nothing more can happen to it, and nothing answers 500.
        Payments.cancel(buyer, orderId).then().statusCode(409).contentType("application/problem+json");
        Payments.open(buyer, orderId).then().statusCode(409).contentType("application/problem+json");
        assertReconciled(sku);
        // Its units are for sale again.
        Orders.place("next-" + UUID.randomUUID(), Orders.body(Map.of(sku, 5))).then().statusCode(201);
    }

    @Test
    void anOrderRefusedEvenAsACancelledCopyStillGivesItsStockBack() {
        String title = "Unrecordable lamp " + UUID.randomUUID();
        UUID sku = Catalog.sku(merchant, title, 2_900);
        Catalog.loadStock(sku, warehouse, 3);
        database.execute("ALTER TABLE order_line ADD CONSTRAINT refused_line_test CHECK (title <> '" + title
                + "') NOT VALID");
        String buyer = "unrecordable-" + UUID.randomUUID();
        String orderId;
        try {
            orderId = Orders.place(buyer, Orders.body(Map.of(sku, 3))).then().statusCode(201).extract().path("id");
            Eventually.await(WAIT, () -> {
                assertThat(deadLettered(orderId)).isTrue();
                assertThat(stock(sku)).containsEntry("available", 3L).containsEntry("held", 0L);
            });
        } finally {
            database.execute("ALTER TABLE order_line DROP CONSTRAINT refused_line_test");
        }
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1", UUID.fromString(orderId))).isZero();
        assertThat(redis.hash(String.class).hget(OrderKeys.hold(UUID.fromString(orderId)), "status"))
                .isEqualTo("RELEASED");
        assertReconciled(sku);
    }
}
