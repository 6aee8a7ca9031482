package io.flashorder.order.writer;

import io.flashorder.inventory.OrderSlot;
import io.flashorder.security.PiiCipher;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.OrderStreamFeeder;
import io.flashorder.support.PlacedOrders;
import io.flashorder.support.TestProfiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Entries read by a writer that died before acknowledging them are claimed by a live one and written once. */
@QuarkusTest
@TestProfile(TestProfiles.QuickRetries.class)
class OrderWriterClaimTest {

    @Inject
    OrderStreamFeeder stream;
    @Inject
    Database database;
    @Inject
    PiiCipher pii;

    @Test
    void entriesOfADeadConsumerAreClaimedAndWrittenOnce() {
        Eventually.await(Duration.ofSeconds(30), () -> assertThat(stream.length()).isZero());
        String buyer = "claim-buyer-" + UUID.randomUUID();
        String deadConsumer = "crashed-pod-" + UUID.randomUUID();
        List<PlacedOrders.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            samples.add(PlacedOrders.sample(pii, buyer, 1, 1));
        }

        assertThat(stream.addReadByDeadConsumer(samples, deadConsumer)).hasSize(40);
        assertThat(stream.pendingByConsumer()).containsEntry(deadConsumer, 40L);
        // Nothing else delivers them: they stay with the dead consumer until they have been idle for claim-idle.
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE buyer_id = $1", buyer)).isZero();

        Eventually.await(Duration.ofSeconds(20), () -> assertThat(
                database.count("SELECT count(*) FROM customer_order WHERE buyer_id = $1", buyer)).isEqualTo(40));
        Eventually.await(Duration.ofSeconds(20), () -> {
            assertThat(stream.length()).isZero();
            assertThat(stream.pending()).isZero();
        });
        assertThat(database.count("SELECT count(*) FROM order_line l JOIN customer_order o ON o.id = l.order_id "
                + "WHERE o.buyer_id = $1", buyer)).isEqualTo(40);
        // Once it has nothing pending and stayed idle past consumer-expiry, the dead pod leaves the group.
        Eventually.await(Duration.ofSeconds(20), () -> assertThat(stream.consumers()).doesNotContain(deadConsumer));
    }

    @Test
    void abandonedEntriesOfABucketSlotAreClaimedToo() {
        OrderSlot slot = OrderSlot.of(2);
        Eventually.await(Duration.ofSeconds(30), () -> assertThat(stream.pending(slot)).isZero());
        String buyer = "claim-slot-buyer-" + UUID.randomUUID();
        List<PlacedOrders.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(PlacedOrders.sample(pii, buyer, 1, 1));
        }

        assertThat(stream.addReadByDeadConsumer(slot, samples, "crashed-pod-" + UUID.randomUUID())).hasSize(10);

        Eventually.await(Duration.ofSeconds(20), () -> assertThat(database.count(
                "SELECT count(*) FROM customer_order WHERE buyer_id = $1 AND stock_slot = 2", buyer)).isEqualTo(10));
        Eventually.await(Duration.ofSeconds(20), () -> {
            assertThat(stream.length(slot)).isZero();
            assertThat(stream.pending(slot)).isZero();
        });
    }
}
