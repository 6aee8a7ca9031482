package io.flashorder.webhooks;

import com.sun.net.httpserver.HttpServer;
import io.flashorder.events.EventStreams;
import io.flashorder.events.SharedOrderEventsConsumer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.ReservationOutcome;
import io.flashorder.inventory.ReservationService;
import io.flashorder.security.PiiCipher;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.OrderStreamFeeder;
import io.flashorder.support.Orders;
import io.flashorder.support.PlacedOrders;
import io.flashorder.support.RedisServer;
import io.flashorder.support.Pricing;
import io.flashorder.support.Webhooks;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.PendingMessage;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events leave through the outbox and the relay (OrderPlaced: from the order writer) and reach the merchant's webhook signed, once per event, retried
 * with back-off when the webhook fails, and dead-lettered after the last attempt. The webhook is a JDK HTTP
 * server this test starts on a free port.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final String SECRET = "whsec-test-0123456789abcdef";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final OrderSlot SLOT = OrderSlot.of(5);

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    OrderStreamFeeder stream;
    @Inject
    PiiCipher pii;
    @Inject
    RedisDataSource redis;
    @Inject
    ReservationService reservations;
    @Inject
    ObjectMapper json;
    @Inject
    Scheduler scheduler;

    private HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** Statuses to answer, in order; 200 once it is empty. */
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

    record Delivery(String eventId, String type, String timestamp, String signature, String attempt, String body) {
    }

    @BeforeEach
    void startWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                var headers = exchange.getRequestHeaders();
                deliveries.add(new Delivery(headers.getFirst(WebhookSignature.ID_HEADER),
                        headers.getFirst(WebhookSignature.TYPE_HEADER),
                        headers.getFirst(WebhookSignature.TIMESTAMP_HEADER),
                        headers.getFirst(WebhookSignature.SIGNATURE_HEADER),
                        headers.getFirst(WebhookSignature.ATTEMPT_HEADER), body));
                Integer status = answers.poll();
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stopWebhook() {
        server.stop(0);
    }

    /** The webhook group acknowledged every webhook stream entry of the order: nothing more is delivered for it. */
    private void awaitAcknowledged(UUID orderId) {
        List<String> entries = entriesOf(EventStreams.WEBHOOKS, orderId);
        assertThat(entries).hasSizeGreaterThanOrEqualTo(3);
        Eventually.await(DEADLINE, () -> assertThat(redis.stream(String.class).xpending(EventStreams.WEBHOOKS,
                        EventStreams.WEBHOOK_GROUP, StreamRange.of("-", "+"), 10_000))
                .extracting(PendingMessage::getMessageId).doesNotContainAnyElementsOf(entries));
    }

    private List<String> entriesOf(String stream, UUID orderId) {
        return redis.stream(String.class).xrange(stream, StreamRange.of("-", "+")).stream()
                .filter(message -> orderId.toString().equals(message.payload().get("orderId")))
                .map(StreamMessage::id).toList();
    }

    @Test
    void placedPaidAndShippedEventsReachTheMerchantOnceEachSigned() {
        Shop shop = lifecycle.shop("Webhook shop");
        subscribe(shop.merchantId());
        Lifecycle.PlacedOrder order = lifecycle.paid("hooked-" + UUID.randomUUID(), shop);
        Lifecycle.ship(shop.merchantId(), order.merchantOrderOf(shop), "UPS", "HOOK-00001").then().statusCode(201);

        Eventually.await(DEADLINE, () -> assertThat(types(order.orderId()))
                .contains("ORDER_PLACED", "ORDER_PAID", "ORDER_SHIPPED"));
        // Acknowledged deliveries are not repeated: once the group acknowledged the order's entries (after their
        // deliveries answered), none of them is delivered again, so the count is final.
        awaitAcknowledged(order.orderId());
        List<Delivery> mine = of(order.orderId());
        assertThat(mine).hasSize(3);
        assertThat(mine.stream().map(Delivery::eventId).distinct()).hasSize(3);
        for (Delivery delivery : mine) {
            assertSigned(delivery);
            JsonPath body = new JsonPath(delivery.body());
            assertThat(body.getString("id")).isEqualTo(delivery.eventId());
            assertThat(body.getString("merchantId")).isEqualTo(shop.merchantId().toString());
            assertThat(body.getString("data.merchantOrderId")).isEqualTo(order.merchantOrderOf(shop).toString());
            assertThat(delivery.body()).doesNotContain("Ada Lovelace").doesNotContain("7946");
        }
        Delivery shipped = mine.stream().filter(d -> d.type().equals("ORDER_SHIPPED")).findFirst().orElseThrow();
        assertThat(new JsonPath(shipped.body()).getString("data.trackingNumber")).isEqualTo("HOOK-00001");
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE order_id = $1 AND published_at IS NULL",
                order.orderId())).isZero();
    }

    @Test
    void aFailingWebhookIsRetriedWithTheSameEventIdUntilItAccepts() {
        Shop shop = lifecycle.shop("Flaky webhook shop");
        subscribe(shop.merchantId());
        answers.add(500);
        answers.add(503);
        Lifecycle.PlacedOrder order = lifecycle.placed("flaky-" + UUID.randomUUID(), shop);

        Eventually.await(DEADLINE, () -> assertThat(of(order.orderId())).hasSize(3));
        List<Delivery> attempts = of(order.orderId());
        assertThat(attempts.stream().map(Delivery::eventId).distinct()).hasSize(1);
        assertThat(attempts).extracting(Delivery::attempt).containsExactly("1", "2", "3");
        attempts.forEach(this::assertSigned);
    }

    @Test
    void aMerchantThatIsDownHoldsNeitherTheBuyersNoticesNorAnotherMerchantsEvents() {
        Shop down = lifecycle.shop("Down webhook shop");
        Shop silent = lifecycle.shop("No webhook shop");
        subscribe(down.merchantId());
        for (int i = 0; i < 10; i++) {
            answers.add(503);
        }
        Lifecycle.PlacedOrder held = lifecycle.placed("down-" + UUID.randomUUID(), down);
        Lifecycle.PlacedOrder other = lifecycle.placed("silent-" + UUID.randomUUID(), silent);

        Eventually.await(DEADLINE, () -> assertThat(of(held.orderId())).isNotEmpty());
        List<String> orderEvents = entriesOf(EventStreams.ORDERS, held.orderId());
        assertThat(orderEvents).isNotEmpty();
        // The shared group (buyers' notices, analytics) finishes with the events; the webhook group retries alone.
        Eventually.await(DEADLINE, () -> assertThat(redis.stream(String.class).xpending(EventStreams.ORDERS,
                        EventStreams.ANALYTICS_NOTIFICATIONS_GROUP, StreamRange.of("-", "+"), 10_000))
                .extracting(PendingMessage::getMessageId).doesNotContainAnyElementsOf(orderEvents));
        Eventually.await(DEADLINE, () -> assertThat(redis.stream(String.class)
                .xrange(EventStreams.WEBHOOK_DEAD_LETTER, StreamRange.of("-", "+"))
                .stream().map(m -> m.payload().get("orderId"))).contains(held.orderId().toString()));
        assertThat(of(held.orderId()).stream().map(Delivery::attempt).distinct()).hasSize(4); // max-attempts
        assertThat(entriesOf(EventStreams.WEBHOOKS, held.orderId())).as("copied under their order event ids")
                .isSubsetOf(orderEvents);
        assertThat(entriesOf(EventStreams.ORDERS, other.orderId())).isNotEmpty();
        assertThat(entriesOf(EventStreams.WEBHOOKS, other.orderId())).as("a merchant without a webhook").isEmpty();
    }

    @Test
    void anEventIsDeadLetteredAfterTheLastAttempt() {
        Shop shop = lifecycle.shop("Broken webhook shop");
        subscribe(shop.merchantId());
        for (int i = 0; i < 10; i++) {
            answers.add(500);
        }
        Lifecycle.PlacedOrder order = lifecycle.placed("broken-" + UUID.randomUUID(), shop);

        Eventually.await(DEADLINE, () -> assertThat(redis.stream(String.class)
                .xrange(EventStreams.WEBHOOK_DEAD_LETTER, io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .stream().map(m -> m.payload().get("orderId")))
                .contains(order.orderId().toString()));
        assertThat(of(order.orderId())).hasSize(4); // max-attempts in the test profile
    }

    @Test
    void lowStockReachesTheMerchantOfTheSku() {
        UUID merchant = Catalog.merchant("Low stock shop " + UUID.randomUUID());
        UUID warehouse = Catalog.warehouse(merchant, "NORTH");
        UUID sku = Catalog.sku(merchant, "Scarce item", 1_000); // low-stock threshold 5
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, warehouse, 6);
        subscribe(merchant);
        Orders.place("scarce-" + UUID.randomUUID(), Orders.body(Map.of(sku, 2))).then().statusCode(201);

        Eventually.await(DEADLINE, () -> assertThat(deliveries.stream()
                .filter(d -> d.type().equals("LOW_STOCK") && d.body().contains(sku.toString()))).hasSize(1));
        Delivery lowStock = deliveries.stream().filter(d -> d.type().equals("LOW_STOCK")).findFirst().orElseThrow();
        assertSigned(lowStock);
        assertThat(new JsonPath(lowStock.body()).getInt("data.remaining")).isEqualTo(4);
        assertThat(new JsonPath(lowStock.body()).getString("merchantId")).isEqualTo(merchant.toString());
    }

    @Test
    void lowStockOfABucketSlotReachesTheMerchantFromThatSlotsStreamRetriedAndAcknowledgedThere() throws Exception {
        UUID merchant = Catalog.merchant("Bucket low stock shop " + UUID.randomUUID());
        UUID warehouse = Catalog.warehouse(merchant, "NORTH");
        UUID sku = Catalog.sku(merchant, "Scarce bucketed item", 1_000);
        subscribe(merchant);
        // Slot 5's share of the SKU: 6 units; an order of 3 leaves 3, crossing the threshold of 5.
        String slotStock = InventoryKeys.sku(SLOT, sku);
        redis.hash(String.class).hincrby(slotStock, InventoryKeys.warehouseField(warehouse), 6);
        redis.hash(String.class).hincrby(slotStock, InventoryKeys.AVAILABLE, 6);
        redis.hash(String.class).hincrby(slotStock, InventoryKeys.LOADED, 6);
        PlacedOrders.Sample sample = PlacedOrders.ofSku(pii, "scarce-bucket-" + UUID.randomUUID(), sku, warehouse);
        answers.add(503); // the first attempt fails: retried after its back-off, as on {p}'s stream

        assertThat(reservations.reserve(PlacedOrders.reservation(SLOT, sample, json.writeValueAsString(sample.order()), 5))
                .await().atMost(DEADLINE)).isInstanceOf(ReservationOutcome.Accepted.class);

        String slotStream = InventoryKeys.stockEvents(SLOT);
        List<StreamMessage<String, String, String>> entries = redis.stream(String.class)
                .xrange(slotStream, StreamRange.of("-", "+")).stream()
                .filter(entry -> sku.toString().equals(entry.payload().get("skuId"))).toList();
        assertThat(entries).hasSize(1);
        String eventId = "stock-p13-" + entries.getFirst().id();
        Eventually.await(DEADLINE, () -> assertThat(deliveries.stream().filter(d -> eventId.equals(d.eventId()))
                .map(Delivery::attempt)).containsExactly("1", "2"));
        Delivery lowStock = deliveries.stream().filter(d -> eventId.equals(d.eventId())).toList().getLast();
        assertSigned(lowStock);
        assertThat(lowStock.type()).isEqualTo("LOW_STOCK");
        assertThat(new JsonPath(lowStock.body()).getString("id")).isEqualTo(eventId);
        assertThat(new JsonPath(lowStock.body()).getInt("data.remaining")).isEqualTo(3);
        assertThat(new JsonPath(lowStock.body()).getString("merchantId")).isEqualTo(merchant.toString());
        Eventually.await(DEADLINE, () -> assertThat(redis.stream(String.class).xpending(slotStream,
                        EventStreams.WEBHOOK_GROUP, StreamRange.of("-", "+"), 10_000))
                .extracting(PendingMessage::getMessageId).doesNotContain(entries.getFirst().id()));
        assertThat(redis.stream(String.class).xrange(EventStreams.STOCK, StreamRange.of("-", "+")).stream()
                .filter(entry -> sku.toString().equals(entry.payload().get("skuId")))).isEmpty();
    }

    @Test
    void anOrderWrittenTwiceIsAnnouncedWithOneEventIdPerMerchantOrder() {
        PlacedOrders.Sample sample = PlacedOrders.sample(pii, "twice-" + UUID.randomUUID(), 2, 1);
        stream.add(sample);
        stream.add(sample);
        Eventually.await(DEADLINE, () -> assertThat(redis.stream(String.class).xlen(OrderKeys.PLACED_STREAM))
                .isZero());
        // Announced by the writer, not the outbox; an entry delivered again may announce again, with the same ids.
        List<Map<String, String>> placed = redis.stream(String.class)
                .xrange(EventStreams.ORDERS, io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")).stream()
                .map(entry -> entry.payload())
                .filter(fields -> "ORDER_PLACED".equals(fields.get("type"))
                        && sample.order().id().toString().equals(fields.get("orderId")))
                .toList();
        assertThat(placed.stream().map(fields -> fields.get("eventId")).distinct()).hasSize(2);
        assertThat(placed.stream().map(fields -> fields.get("merchantId")).distinct()).hasSize(2);
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'ORDER_PLACED' AND order_id = $1",
                sample.order().id())).isZero();
    }

    @Test
    void aBurstOfThousandsOfEventsIsDeliveredInSecondsNotBatchByBatchEverySecond() {
        Shop shop = lifecycle.shop("Burst shop");
        subscribe(shop.merchantId());
        String burst = "burst-" + UUID.randomUUID();
        int events = 2_000; // ten reads of a full batch: the relay and the delivery keep going until caught up
        database.execute("INSERT INTO outbox_event (id, type, order_id, merchant_id, payload, created_at) "
                + "SELECT gen_random_uuid(), 'ORDER_PLACED', gen_random_uuid(), '" + shop.merchantId() + "', "
                + "'{\"burst\":\"" + burst + "\"}'::jsonb, now() FROM generate_series(1, " + events + ")");

        Eventually.await(DEADLINE, () -> assertThat(deliveries.stream().filter(d -> d.body().contains(burst)))
                .hasSize(events));
        assertThat(deliveries.stream().filter(d -> d.body().contains(burst)).map(Delivery::eventId).distinct())
                .hasSize(events);
    }

    @Test
    void anEventReachesTheMerchantAsSoonAsItIsAppendedWithoutAnyScheduledPass() {
        Shop shop = lifecycle.shop("Prompt webhook shop");
        subscribe(shop.merchantId());
        awaitReading(shop);

        // Both hops (the shared group's forwarder, then webhook delivery) read as events are appended: with their
        // scheduled passes paused, only a read that waits in Redis can see the event.
        withoutScheduledPasses(() -> {
            Lifecycle.PlacedOrder order = lifecycle.placed("prompt-" + UUID.randomUUID(), shop);
            Eventually.await(DEADLINE, () -> assertThat(types(order.orderId())).contains("ORDER_PLACED"));
        });
    }

    @Test
    void theReadersComeBackWhenRedisDropsTheirConnections() {
        Shop shop = lifecycle.shop("Dropped readers shop");
        subscribe(shop.merchantId());
        awaitReading(shop);

        withoutScheduledPasses(() -> {
            // One blocked read per stream: the order events, the webhook stream and every slot's stock stream (on a
            // cluster, each on the node of its stream's slot).
            int killed = 0;
            for (int port : RedisServer.nodePorts()) {
                List<String> readers = Arrays.stream(RedisServer.cliOn(port, "CLIENT", "LIST").split("\n"))
                        .filter(client -> client.contains(" name=flashorder-event-readers "))
                        .map(client -> client.replaceAll("^id=(\\d+) .*$", "$1").strip()).toList();
                readers.forEach(id -> RedisServer.cliOn(port, "CLIENT", "KILL", "ID", id));
                killed += readers.size();
            }
            assertThat(killed).isGreaterThanOrEqualTo(EventStreams.DELIVERED.size() + 1);

            Lifecycle.PlacedOrder order = lifecycle.placed("after-kill-" + UUID.randomUUID(), shop);
            Eventually.await(DEADLINE, () -> assertThat(types(order.orderId())).contains("ORDER_PLACED"));
        });
    }

    /** The readers start with the consumers' first scheduled pass: an order's event delivered shows they run. */
    private void awaitReading(Shop shop) {
        Lifecycle.PlacedOrder first = lifecycle.placed("warm-up-" + UUID.randomUUID(), shop);
        Eventually.await(DEADLINE, () -> assertThat(types(first.orderId())).contains("ORDER_PLACED"));
    }

    private void withoutScheduledPasses(Runnable check) {
        scheduler.pause(SharedOrderEventsConsumer.RETRY_PASS);
        scheduler.pause(WebhookDelivery.RETRY_PASS);
        try {
            check.run();
        } finally {
            scheduler.resume(SharedOrderEventsConsumer.RETRY_PASS);
            scheduler.resume(WebhookDelivery.RETRY_PASS);
        }
    }

    private void subscribe(UUID merchant) {
        Webhooks.subscribe(merchant, "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", SECRET);
    }

    private List<Delivery> of(UUID orderId) {
        return deliveries.stream().filter(d -> d.body().contains("\"orderId\":\"" + orderId + "\"")).toList();
    }

    private List<String> types(UUID orderId) {
        return of(orderId).stream().map(Delivery::type).toList();
    }

    private void assertSigned(Delivery delivery) {
        long timestamp = Long.parseLong(delivery.timestamp());
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
        assertThat(delivery.signature()).isEqualTo(WebhookSignature.sign(SECRET, timestamp, delivery.body()));
        assertThat(delivery.signature()).isNotEqualTo(WebhookSignature.sign("another-secret-0000", timestamp,
                delivery.body()));
    }
}
