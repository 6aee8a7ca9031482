package io.flashorder.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.order.Allocation;
import io.flashorder.order.OrderHolds;
import io.flashorder.order.PlacedOrder;
import io.flashorder.order.recovery.StockIntegrity;
import io.flashorder.security.PiiCipher;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Payments;
import io.flashorder.support.PlacedOrders;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * An order reserved in a bucket's slot lives there from placement to settlement: the reservation script's keys
 * (hold, deadline, stream, stock, epoch, fence, blacklist copy, rate counter) are that slot's, the writer takes it
 * from that slot's stream and records the slot, and its cancellation gives the units back in that slot. Nothing of
 * it is written in {@code {p}}.
 */
@QuarkusTest
class SlotReservationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final OrderSlot SLOT = OrderSlot.of(5);

    @Inject
    ReservationService reservations;
    @Inject
    OrderHolds holds;
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
    @Inject
    StockIntegrity integrity;
    @Inject
    StockTrust trust;

    @BeforeEach
    void resetBreakers() {
        breakers.resetAll();
    }

    @Test
    void anOrderReservedInABucketSlotIsWrittenAndCancelledThere() throws Exception {
        String buyer = "slot-buyer-" + UUID.randomUUID();
        PlacedOrders.Sample sample = withoutCoupons(PlacedOrders.sample(pii, buyer, 1, 2));
        Map<UUID, List<UUID>> warehousesBySku = new LinkedHashMap<>();
        for (Allocation share : sample.allocations()) {
            warehousesBySku.computeIfAbsent(share.sku(), sku -> new ArrayList<>()).add(share.warehouse());
            // This slot's copy of the SKU's stock: the units the sample allocates, and one more per warehouse.
            redis.hash(String.class).hincrby(InventoryKeys.sku(SLOT, share.sku()),
                    InventoryKeys.warehouseField(share.warehouse()), share.quantity() + 1);
            redis.hash(String.class).hincrby(InventoryKeys.sku(SLOT, share.sku()), InventoryKeys.AVAILABLE, share.quantity() + 1);
            redis.hash(String.class).hincrby(InventoryKeys.sku(SLOT, share.sku()), InventoryKeys.LOADED, share.quantity() + 1);
        }
        List<Reservation.Line> lines = new ArrayList<>();
        sample.order().merchantOrders().forEach(part -> part.lines().forEach(line -> lines.add(new Reservation.Line(
                line.skuId(), line.quantity(), false, 0, warehousesBySku.get(line.skuId())))));
        UUID orderId = sample.order().id();
        Reservation reservation = new Reservation(SLOT, orderId, buyer, "digest-" + UUID.randomUUID(), "request",
                sample.order().paymentDeadline().toEpochMilli(), "", "", null, 0, lines, List.of(),
                json.writeValueAsString(sample.order()), 0);

        ReservationOutcome outcome = reservations.reserve(reservation).await().atMost(WAIT);

        assertThat(outcome).isInstanceOf(ReservationOutcome.Accepted.class);
        assertThat(redis.hash(String.class).hget(OrderKeys.hold(SLOT, orderId), "status")).isEqualTo("PENDING_PAYMENT");
        // The order is kept once in Redis, in its stream entry; the hold names that entry.
        assertThat(redis.hash(String.class).hgetall(OrderKeys.hold(SLOT, orderId)))
                .containsKeys("userId", "status", "entry").doesNotContainKeys("payload", "allocation");
        assertThat(redis.key(String.class).exists(OrderKeys.hold(orderId))).isFalse();
        // Read-through by id alone (GET before PostgreSQL has it, a payment racing the writer) finds it in its slot.
        assertThat(holds.find(orderId).await().atMost(WAIT)).hasValueSatisfying(hold -> {
            assertThat(hold.slot()).isEqualTo(SLOT);
            assertThat(hold.userId()).isEqualTo(buyer);
        });
        assertThat(reservations.placedKey(SLOT, buyer, reservation.idempotencyKeyDigest()).await().atMost(WAIT))
                .hasValueSatisfying(placed -> assertThat(placed.orderId()).isEqualTo(orderId));
        Eventually.await(WAIT, () -> assertThat(database.count(
                "SELECT count(*) FROM customer_order WHERE id = $1 AND stock_slot = $2", orderId, SLOT.index())).isEqualTo(1));
        warehousesBySku.keySet().forEach(sku -> assertThat(held(sku)).isEqualTo(3));

        Payments.cancel(buyer, orderId.toString()).then().statusCode(200).body("status", equalTo("CANCELLED"));

        warehousesBySku.keySet().forEach(sku -> {
            assertThat(held(sku)).isZero();
            assertThat(redis.hash(String.class).hget(InventoryKeys.sku(SLOT, sku), InventoryKeys.AVAILABLE)).isEqualTo("5");
            assertThat(redis.key(String.class).exists(InventoryKeys.sku(sku))).isFalse();
        });
        assertThat(redis.hash(String.class).hget(OrderKeys.hold(SLOT, orderId), "status")).isEqualTo("RELEASED");
    }

    @Test
    void aSlotWithoutItsEpochRefusesReservationsAsRecovering() throws Exception {
        String buyer = "slot-epoch-" + UUID.randomUUID();
        PlacedOrders.Sample sample = withoutCoupons(PlacedOrders.sample(pii, buyer, 1, 1));
        String epoch = redis.value(String.class).get(InventoryKeys.epoch(SLOT));
        assertThat(epoch).as("every slot carries the stock epoch").isEqualTo(redis.value(String.class).get(InventoryKeys.EPOCH));
        redis.key(String.class).del(InventoryKeys.epoch(SLOT));
        try {
            Reservation reservation = new Reservation(SLOT, sample.order().id(), buyer, "digest", "request",
                    sample.order().paymentDeadline().toEpochMilli(), "", "", null, 0,
                    List.of(new Reservation.Line(sample.allocations().getFirst().sku(), 1, false, 0, List.of())),
                    List.of(), json.writeValueAsString(sample.order()), 0);
            assertThat(reservations.reserve(reservation).await().atMost(WAIT))
                    .isInstanceOf(ReservationOutcome.Recovering.class);
            assertThat(redis.key(String.class).exists(OrderKeys.hold(SLOT, sample.order().id()))).isFalse();
        } finally {
            // The refusal made this pod distrust Redis: its integrity check finds the slot without its epoch and
            // rebuilds. The tests after this one place orders again only once that is over.
            redis.value(String.class).setnx(InventoryKeys.epoch(SLOT), epoch);
            Eventually.await(WAIT, () -> {
                integrity.check().await().atMost(WAIT);
                assertThat(trust.acceptsPlacements()).isTrue();
            });
        }
    }

    @Test
    void aSlotThatLostItsEpochIsFoundByTheIntegrityCheckAndRebuilt() {
        String epoch = redis.value(String.class).get(InventoryKeys.EPOCH);
        OrderSlot lost = OrderSlot.of(7);
        // As if the primary owning this slot came back from a crash without it.
        redis.key(String.class).del(InventoryKeys.epoch(lost));

        // (A periodic check may be the one that recovers: then this one answers BUSY, and the next TRUSTED.)
        Eventually.await(WAIT, () -> {
            integrity.check().await().atMost(WAIT);
            String rebuilt = redis.value(String.class).get(InventoryKeys.EPOCH);
            assertThat(rebuilt).isNotNull();
            assertThat(Long.parseLong(rebuilt)).isGreaterThan(Long.parseLong(epoch));
            assertThat(OrderSlot.all()).allSatisfy(slot -> assertThat(redis.value(String.class)
                    .get(InventoryKeys.epoch(slot))).as(slot.tag()).isEqualTo(rebuilt));
        });
        assertThat(redis.key(String.class).exists(InventoryKeys.recoveryFence(lost))).isFalse();
        Eventually.await(WAIT, () -> assertThat(trust.acceptsPlacements()).isTrue());
    }

    private long held(UUID sku) {
        String held = redis.hash(String.class).hget(InventoryKeys.sku(SLOT, sku), InventoryKeys.HELD);
        return held == null ? 0 : Long.parseLong(held);
    }

    private static PlacedOrders.Sample withoutCoupons(PlacedOrders.Sample sample) {
        PlacedOrder o = sample.order();
        return new PlacedOrders.Sample(new PlacedOrder(o.id(), o.buyerId(), o.campaignId(), o.paymentMethod(),
                o.currency(), o.subtotal(), o.discountTotal(), o.shippingTotal(), o.payable(), o.placedAt(),
                o.paymentDeadline(), o.address(), o.buyerNote(), List.of(), o.rules(), o.merchantOrders(),
                o.deviceHash()), sample.allocations());
    }
}
