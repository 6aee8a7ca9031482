package io.flashorder.order.writer;

import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.order.PlacedOrder;
import io.flashorder.security.PiiCipher;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.OrderStreamFeeder;
import io.flashorder.support.PlacedOrders;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The writer persists every accepted order from the stream exactly once, whatever the stream or PostgreSQL do. */
@QuarkusTest
class OrderWriterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final OrderSlot BUCKET = OrderSlot.of(5);

    @Inject
    OrderStreamFeeder stream;
    @Inject
    Database database;
    @Inject
    PiiCipher pii;
    @Inject
    MeterRegistry meters;

    @BeforeEach
    void streamDrained() {
        // Leftovers of earlier tests (or of a killed run, claimed after claim-idle) are gone before we count.
        Eventually.await(Duration.ofSeconds(45), () -> assertThat(stream.length()).isZero());
    }

    @Test
    void batchesArePersistedExactlyOnceAndTheStreamIsDrained() {
        String buyer = "batch-buyer-" + UUID.randomUUID();
        List<PlacedOrders.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            samples.add(PlacedOrders.sample(pii, buyer, 2, 2));
        }
        DistributionSummary batches = meters.get("flashorder.order.writer.batch.entries").summary();
        long batchesBefore = batches.count();
        double entriesBefore = batches.totalAmount();
        samples.forEach(stream::add);

        Eventually.await(DEADLINE, () -> assertThat(orders(buyer)).isEqualTo(300));
        Eventually.await(DEADLINE, () -> {
            assertThat(stream.length()).isZero();
            assertThat(stream.pending()).isZero();
        });
        // Every entry counted, in batches of at most batch-size (200): two transactions at least. (At least: another
        // slot's leftovers, written meanwhile, count too.)
        Eventually.await(DEADLINE, () -> assertThat(batches.totalAmount() - entriesBefore).isGreaterThanOrEqualTo(300.0));
        assertThat(batches.count() - batchesBefore).isGreaterThanOrEqualTo(2);
        assertThat(database.count("SELECT count(*) FROM merchant_order m JOIN customer_order o ON o.id = m.order_id "
                + "WHERE o.buyer_id = $1", buyer)).isEqualTo(600);
        assertThat(database.count("SELECT count(*) FROM order_line l JOIN customer_order o ON o.id = l.order_id "
                + "WHERE o.buyer_id = $1", buyer)).isEqualTo(1200);
        // Every line came from two warehouses (2 + 1 units).
        assertThat(database.count("SELECT count(*) FROM order_line_allocation a JOIN order_line l ON l.id = a.line_id "
                + "JOIN customer_order o ON o.id = l.order_id WHERE o.buyer_id = $1", buyer)).isEqualTo(2400);
        assertThat(database.count("SELECT coalesce(sum(a.quantity), 0) FROM order_line_allocation a "
                + "JOIN order_line l ON l.id = a.line_id JOIN customer_order o ON o.id = l.order_id "
                + "WHERE o.buyer_id = $1", buyer)).isEqualTo(3600);
        PlacedOrder first = samples.get(0).order();
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1 AND status = 'PENDING_PAYMENT' "
                + "AND payable = $2 AND recipient_encrypted = $3", first.id(), first.payable(),
                first.address().recipientEncrypted())).isEqualTo(1);
    }

    @Test
    void theStreamOfEverySlotIsWrittenAndEachOrderRecordsItsSlot() {
        String buyer = "slot-buyer-" + UUID.randomUUID();
        Map<UUID, Integer> slotOf = new LinkedHashMap<>();
        for (OrderSlot slot : List.of(OrderSlot.HOME, OrderSlot.of(1), OrderSlot.of(3), OrderSlot.of(15))) {
            for (int i = 0; i < 5; i++) {
                PlacedOrders.Sample sample = PlacedOrders.sample(pii, buyer, 1, 1);
                stream.add(slot, sample);
                slotOf.put(sample.order().id(), slot.index());
            }
        }

        Eventually.await(DEADLINE, () -> assertThat(orders(buyer)).isEqualTo(20));
        slotOf.forEach((order, slot) -> assertThat(database.count(
                "SELECT count(*) FROM customer_order WHERE id = $1 AND stock_slot = $2", order, slot)).isEqualTo(1));
        Eventually.await(DEADLINE, () -> {
            for (OrderSlot slot : List.of(OrderSlot.HOME, OrderSlot.of(1), OrderSlot.of(3), OrderSlot.of(15))) {
                assertThat(stream.length(slot)).as("entries left in %s", slot).isZero();
                assertThat(stream.pending(slot)).as("entries pending in %s", slot).isZero();
            }
        });
        // Each stream's watermark is its own: PostgreSQL knows how far every slot's stream must at least remember.
        assertThat(database.count("SELECT count(*) FROM order_stream_watermark WHERE stream = ANY($1)",
                (Object) new String[] {OrderKeys.placedStream(OrderSlot.of(3)), OrderKeys.placedStream(OrderSlot.of(15))}))
                .isEqualTo(2);
    }

    @Test
    void anEntryDeliveredTwiceIsWrittenOnce() {
        String buyer = "twice-buyer-" + UUID.randomUUID();
        PlacedOrders.Sample sample = PlacedOrders.sample(pii, buyer, 1, 2);
        stream.add(sample);
        stream.add(sample);
        Eventually.await(DEADLINE, () -> {
            assertThat(orders(buyer)).isEqualTo(1);
            assertThat(stream.length()).isZero();
        });
        // Delivered again once PostgreSQL already has it (a writer that crashed after commit, before XACK).
        stream.add(sample);
        Eventually.await(DEADLINE, () -> assertThat(stream.length()).isZero());
        assertThat(orders(buyer)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM order_line WHERE order_id = $1", sample.order().id())).isEqualTo(2);
        // The order's other rows are written with it, once: they have no conflict check of their own.
        assertThat(database.count("SELECT count(*) FROM merchant_order WHERE order_id = $1", sample.order().id()))
                .isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM order_line_allocation a JOIN order_line l ON l.id = a.line_id "
                + "WHERE l.order_id = $1", sample.order().id())).isEqualTo(4);
        assertThat(stream.pending()).isZero();
    }

    @Test
    void unwritableEntriesGoToTheDeadLetterStreamWithoutBlockingTheOthers() {
        String buyer = "dead-letter-buyer-" + UUID.randomUUID();
        PlacedOrders.Sample before = PlacedOrders.sample(pii, buyer, 1, 1);
        PlacedOrders.Sample after = PlacedOrders.sample(pii, buyer, 1, 1);
        PlacedOrders.Sample unallocated = PlacedOrders.sample(pii, buyer, 1, 1);

        stream.add(before);
        String garbage = stream.addRaw(Map.of("orderId", UUID.randomUUID().toString(), "payload", "{not json",
                "allocation", "[]"));
        Map<String, String> mismatch = new LinkedHashMap<>(stream.entry(unallocated));
        mismatch.put("allocation", "{}"); // cjson's empty array: no units allocated for a line that has 3
        String inconsistent = stream.addRaw(mismatch);
        stream.add(after);

        Eventually.await(DEADLINE, () -> {
            assertThat(orders(buyer)).isEqualTo(2);
            assertThat(stream.length()).isZero();
        });
        assertThat(stream.pending()).isZero();
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = ANY($1)",
                (Object) new UUID[] {before.order().id(), after.order().id()})).isEqualTo(2);
        Map<String, StreamMessage<String, String, String>> deadLetters = new LinkedHashMap<>();
        stream.deadLetters().forEach(letter -> deadLetters.put(letter.payload().get("entryId"), letter));
        assertThat(deadLetters).containsKeys(garbage, inconsistent);
        assertThat(deadLetters.get(garbage).payload()).containsEntry("payload", "{not json")
                .hasEntrySatisfying("error", error -> assertThat(error).contains("not a PlacedOrder"));
        assertThat(deadLetters.get(inconsistent).payload())
                .containsEntry("orderId", unallocated.order().id().toString())
                .hasEntrySatisfying("error", error -> assertThat(error).contains("fewer allocated units"));
    }

    @Test
    void whilePostgresIsUnavailableOrdersStayInTheStreamAndAreWrittenOnceItReturns() {
        String buyer = "outage-buyer-" + UUID.randomUUID();
        int deadLettersBefore = stream.deadLetters().size();
        List<PlacedOrders.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add(PlacedOrders.sample(pii, buyer, 1, 2));
        }
        // The writer's inserts fail (relation does not exist) for as long as the table is away.
        database.execute("ALTER TABLE customer_order RENAME TO customer_order_offline");
        try {
            // Most in {p}'s stream, ten in a stock bucket's slot: the backlog counts every slot's stream.
            samples.subList(0, 40).forEach(stream::add);
            samples.subList(40, 50).forEach(sample -> stream.add(BUCKET, sample));
            // The writer took a batch, PostgreSQL refused it, so it is never acknowledged: the writer retries that
            // batch (pending) and leaves the rest undelivered (lag) until the database is back.
            Eventually.await(DEADLINE, () -> assertThat(stream.pending()).isPositive());
            // Read as text and checked here: a failed RestAssured body check prints the whole scrape, poll after poll.
            Eventually.await(DEADLINE, () -> assertThat(given().get("/q/metrics").then().statusCode(200).extract()
                    .asString()).contains("flashorder_order_stream_backlog 50.0"));
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'order-writer' }.status", org.hamcrest.Matchers.equalTo("UP"))
                    .body("checks.find { it.name == 'order-writer' }.data.backlog", org.hamcrest.Matchers.equalTo(50));
            assertThat(stream.length()).isEqualTo(40);
            assertThat(stream.length(BUCKET)).isEqualTo(10);
            assertThat(stream.pending()).isPositive();
            assertThat(stream.deadLetters()).hasSize(deadLettersBefore);
        } finally {
            database.execute("ALTER TABLE customer_order_offline RENAME TO customer_order");
        }

        Eventually.await(DEADLINE, () -> assertThat(orders(buyer)).isEqualTo(50));
        Eventually.await(DEADLINE, () -> {
            assertThat(stream.length()).isZero();
            assertThat(stream.length(BUCKET)).isZero();
            assertThat(stream.pending()).isZero();
        });
        assertThat(database.count("SELECT count(*) FROM order_line l JOIN customer_order o ON o.id = l.order_id "
                + "WHERE o.buyer_id = $1", buyer)).isEqualTo(100);
        assertThat(stream.deadLetters()).hasSize(deadLettersBefore);
        Eventually.await(DEADLINE, () -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'order-writer' }.data.backlog", org.hamcrest.Matchers.equalTo(0))
                .body("checks.find { it.name == 'order-writer' }.data.lastWriteAt",
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.equalTo("never"))));
    }

    private long orders(String buyer) {
        return database.count("SELECT count(*) FROM customer_order WHERE buyer_id = $1", buyer);
    }
}
