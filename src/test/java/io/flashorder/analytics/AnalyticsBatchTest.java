package io.flashorder.analytics;

import io.flashorder.events.EventStreams;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.PendingMessage;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read's events are applied in one transaction, each event once: a batch delivered again (the consumer crashed
 * after the commit, before XACK), an event repeated inside one batch, or a batch overlapping an earlier one counts
 * nothing twice; a batch whose transaction fails records neither its event ids nor any count, and an event
 * PostgreSQL refuses for its data is dead-lettered while the rest of its read counts, once.
 */
@QuarkusTest
class AnalyticsBatchTest {

    private static final Instant PLACED = Instant.parse("2026-03-01T10:15:00Z");
    private static final AtomicInteger ENTRY = new AtomicInteger();

    @Inject
    AnalyticsConsumer consumer;
    @Inject
    Database database;
    @Inject
    AnalyticsRecorder recorder;
    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry meters;
    @Inject
    ObjectMapper json;

    private final UUID merchant = UUID.randomUUID();
    private final UUID campaign = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();
    private final UUID sku = UUID.randomUUID();
    private final UUID paidOrder = UUID.randomUUID();
    private final UUID cancelledOrder = UUID.randomUUID();
    private final UUID caseId = UUID.randomUUID();

    @Test
    void aRedeliveredOrOverlappingBatchCountsNothingTwice() {
        StreamMessage<String, String, String> placed = placed(paidOrder, 1_000, 2);
        List<StreamMessage<String, String, String>> batch = List.of(
                placed,
                event("ORDER_PAID", paidOrder, new JsonObject().put("at", PLACED.plusSeconds(300).toString())),
                placed(cancelledOrder, 500, 1),
                event("ORDER_CANCELLED", cancelledOrder, new JsonObject().put("by", "buyer")
                        .put("at", PLACED.plusSeconds(600).toString())),
                event("ORDER_SHIPPED", paidOrder, new JsonObject().put("carrier", "SBX-EXPRESS")
                        .put("shippedAt", PLACED.plus(Duration.ofHours(1)).toString())),
                caseEvent("AFTER_SALE_REQUESTED", new JsonObject().put("reasonCode", "DAMAGED")
                        .put("lines", new JsonArray().add(new JsonObject().put("skuId", sku.toString())
                                .put("quantity", 1)))
                        .put("at", PLACED.plus(Duration.ofHours(2)).toString())),
                caseEvent("AFTER_SALE_SUCCEEDED", new JsonObject().put("at", PLACED.plus(Duration.ofHours(3))
                        .toString())),
                // The writer announced the placement twice (a redelivered stream entry repeats the event id).
                again(placed));

        assertThat(handle(batch)).isEqualTo(ids(batch));
        // A merchant order's events are deduped by its timeline: no row of their own; a case's events have one.
        assertThat(applied(batch.subList(0, 5).toArray(StreamMessage[]::new))).isZero();
        assertThat(applied(batch.get(5), batch.get(6))).isEqualTo(2);
        assertThat(batch).allSatisfy(event -> assertThat(isApplied(event)).isTrue());
        List<String> once = rollups();
        assertThat(once).containsExactlyInAnyOrder(
                "hour|2|1500|1|1000|1",
                "cancel|buyer|1",
                "sku|2|1",
                "reason|DAMAGED|1|1",
                "stage|PLACED_TO_PAID|" + warehouse + "||1|300000",
                "stage|PAID_TO_SHIPPED|" + warehouse + "|SBX-EXPRESS|1|3300000",
                "stage|AFTER_SALE_OPEN_TO_CLOSED|" + warehouse + "|SBX-EXPRESS|1|3600000",
                "funnel|accepted|2",
                "funnel|paid|1");

        // The consumer died after the commit and before XACK: the same entries come again.
        assertThat(handle(batch)).isEqualTo(ids(batch));
        assertThat(rollups()).isEqualTo(once);

        // A later read overlapping this one: only the new event counts.
        StreamMessage<String, String, String> delivered = event("SHIPMENT_DELIVERED", paidOrder,
                new JsonObject().put("at", PLACED.plus(Duration.ofHours(30)).toString()));
        handle(List.of(again(batch.get(1)), delivered, again(batch.get(4))));
        List<String> withDelivery = new ArrayList<>(once);
        withDelivery.add("stage|SHIPPED_TO_DELIVERED|" + warehouse + "|SBX-EXPRESS|1|104400000");
        assertThat(rollups()).containsExactlyInAnyOrderElementsOf(withDelivery);
    }

    @Test
    void aBatchWhoseTransactionFailsRecordsNeitherItsEventsNorTheirCounts() {
        handle(List.of(placed(paidOrder, 1_000, 2)));
        List<String> before = rollups();
        StreamMessage<String, String, String> paid = paid(paidOrder, 300);
        StreamMessage<String, String, String> unstorable = unstorable(cancelledOrder);

        // A currency the rollups cannot store fails the whole transaction, the good event's part too.
        assertThatThrownBy(() -> recorder.applyAll(List.of(recorded(paid), recorded(unstorable)))
                .await().atMost(Duration.ofSeconds(30))).isNotNull();
        assertThat(rollups()).isEqualTo(before);
        assertThat(isApplied(paid)).isFalse();
        assertThat(isApplied(unstorable)).isFalse();
    }

    @Test
    void anEventPostgresRefusesIsDeadLetteredAndItsNeighboursCountOnce() {
        UUID secondOrder = UUID.randomUUID();
        StreamMessage<String, String, String> unstorable = unstorable(cancelledOrder);
        List<StreamMessage<String, String, String>> batch = List.of(placed(paidOrder, 1_000, 2), unstorable,
                paid(paidOrder, 300), placed(secondOrder, 700, 1), paid(secondOrder, 60));
        double deadBefore = deadLettered();

        // Every entry is finished with at once: the good ones applied, the refused one parked (not retried).
        assertThat(handle(batch)).isEqualTo(ids(batch));
        List<String> once = rollups();
        assertThat(once).contains("hour|2|1700|2|1700|0", "sku|3|0", "funnel|accepted|2", "funnel|paid|2",
                "stage|PLACED_TO_PAID|" + warehouse + "||2|360000");
        assertThat(batch.stream().filter(event -> event != unstorable)).allSatisfy(event ->
                assertThat(isApplied(event)).isTrue());
        assertThat(isApplied(unstorable)).isFalse();
        assertThat(deadLettered()).isEqualTo(deadBefore + 1);
        assertThat(deadLetterOf(unstorable)).containsEntry("sourceStream", EventStreams.ORDERS)
                .containsEntry("sourceId", unstorable.id()).containsEntry("type", "ORDER_PLACED")
                .containsEntry("payload", unstorable.payload().get("payload"))
                .hasEntrySatisfying("reason", reason -> assertThat(reason).contains("22001"));

        // Delivered again (the consumer died before XACK): the good events count nothing twice.
        assertThat(handle(batch.stream().map(AnalyticsBatchTest::again).toList())).hasSize(batch.size());
        assertThat(rollups()).isEqualTo(once);
    }

    @Test
    void anEventRefusedOnItsOwnIsDeadLetteredAtOnce() {
        StreamMessage<String, String, String> unstorable = unstorable(cancelledOrder);
        double deadBefore = deadLettered();

        assertThat(handle(List.of(unstorable))).containsExactly(unstorable.id());
        assertThat(deadLettered()).isEqualTo(deadBefore + 1);
        assertThat(deadLetterOf(unstorable)).containsEntry("sourceId", unstorable.id());
        assertThat(rollups()).isEmpty();
    }

    @Test
    void aBadEntryInTheStreamIsParkedAndTheEntriesAroundItCountOnce() {
        StreamMessage<String, String, String> unstorable = unstorable(cancelledOrder);
        // Through the real stream and consumer group: the bad entry sits between two good ones of one read.
        List<String> entryIds = List.of(placed(paidOrder, 1_000, 2), unstorable, paid(paidOrder, 300)).stream()
                .map(message -> redis.stream(String.class).xadd(EventStreams.ORDERS, message.payload())).toList();

        Eventually.await(Duration.ofSeconds(30), () -> {
            assertThat(rollups()).contains("hour|1|1000|1|1000|0", "funnel|accepted|1", "funnel|paid|1",
                    "stage|PLACED_TO_PAID|" + warehouse + "||1|300000");
            assertThat(deadLetterOf(unstorable)).containsEntry("sourceId", entryIds.get(1));
            assertThat(redis.stream(String.class).xpending(EventStreams.ORDERS, EventStreams.ANALYTICS_NOTIFICATIONS_GROUP,
                    StreamRange.of("-", "+"), 10_000)).extracting(PendingMessage::getMessageId)
                    .doesNotContainAnyElementsOf(entryIds);
        });
        assertThat(isApplied(unstorable)).isFalse();
    }

    @Test
    void eventsOfNewMerchantOrdersAppliedConcurrentlyCountOnceEach() {
        // Each merchant order's placement and payment in two transactions at once: both find no timeline, one
        // inserts it first and the other starts over, now extending that row instead of starting its own.
        int orders = 100;
        List<AnalyticsRecorder.RecordedEvent> events = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            UUID merchantOrder = UUID.randomUUID();
            events.add(recorded(placed(merchantOrder, 100, 1)));
            events.add(recorded(paid(merchantOrder, 60)));
        }
        java.util.Collections.shuffle(events);

        List<Set<UUID>> applied = io.smallrye.mutiny.Uni.join().all(events.stream()
                        .map(event -> recorder.applyAll(List.of(event))).toList()).andFailFast()
                .await().atMost(Duration.ofSeconds(60));

        assertThat(applied).allSatisfy(first -> assertThat(first).hasSize(1));
        assertThat(rollups()).containsExactlyInAnyOrder(
                "hour|" + orders + "|" + 100 * orders + "|" + orders + "|" + 100 * orders + "|0",
                "sku|" + orders + "|0",
                "stage|PLACED_TO_PAID|" + warehouse + "||" + orders + "|" + 60_000 * orders,
                "funnel|accepted|" + orders,
                "funnel|paid|" + orders);
        assertThat(database.count("SELECT count(*) FROM analytics_order_timeline WHERE merchant_id = $1", merchant))
                .isEqualTo(orders);
    }

    @Test
    void anOrderIsCountedAcceptedOnceWhetherItHasOneMerchantOrderOrSeveral() {
        // One merchant order: its timeline counts the order, which writes no dedupe row until it is paid.
        UUID alone = UUID.randomUUID();
        UUID aloneMerchantOrder = UUID.randomUUID();
        StreamMessage<String, String, String> placedAlone = placed(alone, aloneMerchantOrder, 1);
        // Two merchant orders, announced in two batches: the order's row in analytics_campaign_order counts it once.
        UUID split = UUID.randomUUID();
        StreamMessage<String, String, String> firstPart = placed(split, UUID.randomUUID(), 2);
        StreamMessage<String, String, String> secondPart = placed(split, UUID.randomUUID(), 2);

        handle(List.of(placedAlone, firstPart, again(placedAlone)));
        handle(List.of(secondPart, again(placedAlone), again(firstPart)));

        assertThat(rollups()).contains("funnel|accepted|2");
        assertThat(campaignOrderRows(alone)).isEmpty();
        assertThat(campaignOrderRows(split)).containsExactly("false");

        // Paid: counted once by its row, now written, however often the payment or the placement comes again.
        StreamMessage<String, String, String> paidAlone = paid(aloneMerchantOrder, 60);
        handle(List.of(paidAlone, again(placedAlone)));
        handle(List.of(again(paidAlone), again(placedAlone)));

        assertThat(rollups()).contains("funnel|accepted|2", "funnel|paid|1");
        assertThat(campaignOrderRows(alone)).containsExactly("true");
    }

    /** The order's dedupe row in analytics_campaign_order, as its paid flag (none: empty). */
    private List<String> campaignOrderRows(UUID order) {
        return database.strings("SELECT paid::text FROM analytics_campaign_order WHERE order_id = $1", order);
    }

    /** An ORDER_PLACED as the writer announces it: with the number of merchant orders of its order. */
    private StreamMessage<String, String, String> placed(UUID order, UUID merchantOrder, int merchantOrders) {
        StreamMessage<String, String, String> placed = placed(merchantOrder, 100, 1);
        JsonObject payload = new JsonObject(placed.payload().get("payload")).put("orderId", order.toString())
                .put("merchantOrders", merchantOrders);
        return entry(eventId(placed), "ORDER_PLACED", payload);
    }

    private StreamMessage<String, String, String> paid(UUID merchantOrder, long afterSeconds) {
        return event("ORDER_PAID", merchantOrder, new JsonObject().put("at",
                PLACED.plusSeconds(afterSeconds).toString()));
    }

    /** An ORDER_PLACED with a currency the rollups' three-letter column cannot hold (SQLSTATE 22001). */
    private StreamMessage<String, String, String> unstorable(UUID merchantOrder) {
        return event("ORDER_PLACED", merchantOrder, new JsonObject()
                .put("merchantOrderId", merchantOrder.toString()).put("merchantId", merchant.toString())
                .put("orderId", UUID.randomUUID().toString()).put("currency", "EURO").put("payable", 1)
                .put("placedAt", PLACED.toString()));
    }

    private AnalyticsRecorder.RecordedEvent recorded(StreamMessage<String, String, String> message) {
        Map<String, String> fields = message.payload();
        try {
            return new AnalyticsRecorder.RecordedEvent(eventId(message),
                    OrderFacts.read(fields.get("type"), json.readTree(fields.get("payload")), PLACED).orElseThrow());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean isApplied(StreamMessage<String, String, String> message) {
        return recorder.isApplied(recorded(message)).await().atMost(Duration.ofSeconds(30));
    }

    /** The dedupe rows (analytics_applied_event) of these events. */
    @SafeVarargs
    private long applied(StreamMessage<String, String, String>... messages) {
        return database.count("SELECT count(*) FROM analytics_applied_event WHERE event_id = ANY($1)",
                (Object) java.util.Arrays.stream(messages).map(AnalyticsBatchTest::eventId).toArray(UUID[]::new));
    }

    private double deadLettered() {
        return meters.counter("flashorder_analytics_events_dead_lettered").count();
    }

    private Map<String, String> deadLetterOf(StreamMessage<String, String, String> message) {
        return redis.stream(String.class).xrange(EventStreams.ANALYTICS_DEAD_LETTER, StreamRange.of("-", "+"))
                .stream().map(StreamMessage::payload)
                .filter(fields -> message.payload().get("eventId").equals(fields.get("eventId")))
                .findFirst().orElseThrow(() -> new AssertionError("not dead-lettered: " + message.id()));
    }

    private Set<String> handle(List<StreamMessage<String, String, String>> messages) {
        return consumer.handleAll(EventStreams.ORDERS, messages, 1, 1).await().atMost(Duration.ofSeconds(30));
    }

    private static Set<String> ids(List<StreamMessage<String, String, String>> messages) {
        return messages.stream().map(StreamMessage::id).collect(Collectors.toSet());
    }

    /** Every rollup row of this test's merchant and campaign, as text. */
    private List<String> rollups() {
        List<String> rows = new ArrayList<>();
        rows.addAll(database.strings("""
                SELECT concat_ws('|', 'hour', placed, gmv, paid, paid_amount, cancelled)
                FROM analytics_order_hourly WHERE merchant_id = $1""", merchant));
        rows.addAll(database.strings("""
                SELECT concat_ws('|', 'cancel', reason, cancelled)
                FROM analytics_cancel_reason_hourly WHERE merchant_id = $1""", merchant));
        rows.addAll(database.strings("""
                SELECT concat_ws('|', 'sku', units_sold, after_sale_units)
                FROM analytics_sku_daily WHERE merchant_id = $1""", merchant));
        rows.addAll(database.strings("""
                SELECT concat_ws('|', 'reason', reason, cases, units)
                FROM analytics_after_sale_reason_daily WHERE merchant_id = $1""", merchant));
        rows.addAll(database.strings("""
                SELECT concat_ws('|', 'stage', stage, warehouse_id, carrier, sum(observations), sum(total_millis))
                FROM analytics_stage_daily WHERE merchant_id = $1
                GROUP BY stage, warehouse_id, carrier""", merchant));
        rows.addAll(database.strings("""
                SELECT concat_ws('|', 'funnel', outcome, placements)
                FROM analytics_campaign_funnel WHERE campaign_id = $1""", campaign));
        rows.sort(null);
        return rows;
    }

    private StreamMessage<String, String, String> placed(UUID merchantOrder, long payable, int units) {
        return event("ORDER_PLACED", merchantOrder, new JsonObject()
                .put("merchantOrderId", merchantOrder.toString()).put("merchantId", merchant.toString())
                .put("orderId", UUID.randomUUID().toString()).put("campaignId", campaign.toString())
                .put("currency", "EUR").put("payable", payable)
                .put("warehouseIds", new JsonArray().add(warehouse.toString()))
                .put("lines", new JsonArray().add(new JsonObject().put("skuId", sku.toString())
                        .put("quantity", units)))
                .put("placedAt", PLACED.toString()));
    }

    private StreamMessage<String, String, String> event(String type, UUID merchantOrder, JsonObject payload) {
        payload.put("merchantOrderId", merchantOrder.toString()).put("merchantId", merchant.toString());
        return entry(UUID.randomUUID(), type, payload);
    }

    private StreamMessage<String, String, String> caseEvent(String type, JsonObject payload) {
        payload.put("caseId", caseId.toString()).put("merchantOrderId", paidOrder.toString())
                .put("merchantId", merchant.toString());
        return entry(UUID.randomUUID(), type, payload);
    }

    private static StreamMessage<String, String, String> entry(UUID eventId, String type, JsonObject payload) {
        return new StreamMessage<>(EventStreams.ORDERS, "1-" + ENTRY.incrementAndGet(), Map.of(
                "eventId", eventId.toString(), "type", type, "occurredAt", PLACED.toString(),
                "payload", payload.encode()));
    }

    /** The same event in another stream entry. */
    private static StreamMessage<String, String, String> again(StreamMessage<String, String, String> message) {
        return new StreamMessage<>(message.key(), "1-" + ENTRY.incrementAndGet(), message.payload());
    }

    private static UUID eventId(StreamMessage<String, String, String> message) {
        return UUID.fromString(message.payload().get("eventId"));
    }
}
