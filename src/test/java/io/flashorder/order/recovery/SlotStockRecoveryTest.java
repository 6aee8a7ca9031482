package io.flashorder.order.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.inventory.ExpectedStock;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.Reservation;
import io.flashorder.inventory.ReservationOutcome;
import io.flashorder.inventory.ReservationService;
import io.flashorder.inventory.StockTrust;
import io.flashorder.order.writer.OrderStream;
import io.flashorder.order.writer.StreamId;
import io.flashorder.security.PiiCipher;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.OrderStreamFeeder;
import io.flashorder.support.PlacedOrders;
import io.flashorder.support.RedisServer;
import io.flashorder.support.TestProfiles;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery after Redis lost writes handles an order placed in a stock bucket's slot as it handles one of {@code {p}}:
 * the loss is found by that slot's stream watermark, the order's lost hold and payment-deadline entry are written
 * again in its slot, that slot's stream never reuses an id PostgreSQL has, and an order only that slot's stream holds
 * counts as in flight. The order is reserved through {@link ReservationService} in slot 5, as a bucketed checkout does.
 */
@QuarkusTest
@TestProfile(TestProfiles.RedisRestarts.class)
class SlotStockRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final OrderSlot SLOT = OrderSlot.of(5);
    private static final int UNITS = PlacedOrders.UNITS_PER_LINE;

    @Inject
    ReservationService reservations;
    @Inject
    StockIntegrity integrity;
    @Inject
    StockRecovery recovery;
    @Inject
    StockTruth truth;
    @Inject
    StockTrust trust;
    @Inject
    OrderStream stream;
    @Inject
    OrderStreamFeeder feeder;
    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    PiiCipher pii;
    @Inject
    ObjectMapper json;
    @Inject
    CircuitBreakerMaintenance breakers;

    private UUID sku;
    private UUID north;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        UUID merchant = Catalog.merchant("Slot recovery merchant " + UUID.randomUUID());
        north = Catalog.warehouse(merchant, "NORTH");
        sku = Catalog.sku(merchant, "Bucketed console", 49_900);
        Catalog.loadStock(sku, north, 10);
        // Slot 5's share of the SKU, as a bucketed stock load leaves it there.
        String slotStock = InventoryKeys.sku(SLOT, sku);
        redis.hash(String.class).hincrby(slotStock, InventoryKeys.warehouseField(north), 5);
        redis.hash(String.class).hincrby(slotStock, InventoryKeys.AVAILABLE, 5);
        redis.hash(String.class).hincrby(slotStock, InventoryKeys.LOADED, 5);
        Eventually.await(WAIT, () -> {
            verify();
            assertThat(trust.acceptsPlacements()).isTrue();
        });
    }

    /** A check as the pod runs it: on a Vert.x context of its own (the recovery opens Hibernate sessions). */
    private void verify() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> integrity.check());
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBucketSlotOrderRedisLostIsFoundByItsSlotsWatermarkAndItsHoldWrittenAgainInItsSlot() throws Exception {
        String buyer = "slot-recovery-" + UUID.randomUUID();
        Path olderAof = RedisServer.copyAof();
        PlacedOrders.Sample sample = PlacedOrders.ofSku(pii, buyer, sku, north);
        UUID orderId = sample.order().id();
        Reservation reservation = PlacedOrders.reservation(SLOT, sample, json.writeValueAsString(sample.order()), 0);
        assertThat(reservations.reserve(reservation).await().atMost(WAIT))
                .isInstanceOf(ReservationOutcome.Accepted.class);
        Eventually.await(WAIT, () -> assertThat(database.count(
                "SELECT count(*) FROM customer_order WHERE id = $1 AND stock_slot = $2", orderId, SLOT.index()))
                .isEqualTo(1));
        StreamId watermark = Eventually.awaitValue(WAIT, () -> watermark(SLOT));

        // Redis loses its last writes: the reservation, in slot 5 only ({p}'s stream is as PostgreSQL knows it).
        RedisServer.restartFrom(olderAof);

        Eventually.await(WAIT, () -> {
            verify();
            assertThat(trust.acceptsPlacements()).isTrue();
            assertThat(recovery.last()).isNotNull();
            assertThat(recovery.last().reason()).contains(OrderKeys.placedStream(SLOT));
        });
        assertThat(recovery.last().outcome()).isEqualTo("RECOVERED");
        assertThat(redis.hash(String.class).hgetall(OrderKeys.hold(SLOT, orderId)))
                .containsEntry("status", "PENDING_PAYMENT").containsEntry("userId", buyer);
        assertThat(redis.sortedSet(String.class).zscore(OrderKeys.deadlines(SLOT), orderId.toString()))
                .hasValue((double) sample.order().paymentDeadline().toEpochMilli());
        assertThat(redis.key(String.class).exists(OrderKeys.hold(orderId))).isFalse();
        assertThat(redis.sortedSet(String.class).zscore(OrderKeys.DEADLINES, orderId.toString())).isEmpty();
        assertThat(stream.lastGeneratedId(SLOT).await().atMost(WAIT))
                .hasValueSatisfying(last -> assertThat(last).isGreaterThanOrEqualTo(watermark));
        assertThat(database.count("SELECT count(*) FROM stock_repair WHERE source = 'RECOVERY' AND order_id = $1"
                + " AND field = 'hold'", orderId)).isEqualTo(1);
    }

    @Test
    void anOrderOnlyABucketSlotsStreamHoldsCountsAsInFlightInItsSlot() throws Throwable {
        PlacedOrders.Sample sample = PlacedOrders.ofSku(pii, "slot-in-flight-" + UUID.randomUUID(), sku, north);
        UUID orderId = sample.order().id();
        // A pod read it and died before writing it: PostgreSQL does not have it, and no hold says anything of it.
        List<String> entries = feeder.addReadByDeadConsumer(SLOT, List.of(sample), "crashed-pod-" + UUID.randomUUID())
                .stream().map(entry -> entry.id()).toList();
        try {
            StockTruth.Truth read = VertxContextSupport.subscribeAndAwait(() -> truth.read(StockTruth.Mode.HOLDS));

            assertThat(read.orders()).containsKey(orderId);
            assertThat(read.orders().get(orderId).slot()).isEqualTo(SLOT);
            assertThat(read.counted()).containsEntry(orderId, OrderLedger.Verdict.HELD);
            // Its units are held in its slot's copy of the SKU's stock, not in {p}'s.
            assertThat(read.expected().skuFields(new ExpectedStock.Place(SLOT, sku)))
                    .containsEntry(InventoryKeys.HELD, (long) UNITS);
            assertThat(read.expected().skuFields(sku)).doesNotContainEntry(InventoryKeys.HELD, (long) UNITS);
        } finally {
            // Never written: the writer must not claim it once it is idle.
            redis.stream(String.class).xack(OrderKeys.placedStream(SLOT), OrderKeys.WRITER_GROUP,
                    entries.toArray(String[]::new));
            redis.stream(String.class).xdel(OrderKeys.placedStream(SLOT), entries.toArray(String[]::new));
        }
    }

    private StreamId watermark(OrderSlot slot) {
        List<String> rows = database.strings("SELECT last_ms || '-' || last_seq FROM order_stream_watermark"
                + " WHERE stream = $1", OrderKeys.placedStream(slot));
        assertThat(rows).hasSize(1);
        return StreamId.parse(rows.getFirst());
    }
}
