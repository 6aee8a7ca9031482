package io.flashorder.inventory.bucket;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderSlot;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucketed campaign load against the real Redis (the one the campaign stock load runs): split evenly, each
 * bucket's share once per batch, and the levels per bucket and summed. Orders in buckets: checkout's
 * {@code BucketedCheckoutTest}.
 */
@QuarkusTest
class BucketStockServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    BucketStockService buckets;
    @Inject
    CircuitBreakerMaintenance breakers;
    @Inject
    ReactiveRedisDataSource redis;

    @BeforeEach
    void closeBreakers() {
        breakers.resetAll();
    }

    @Test
    void aBatchIsLoadedOnceSplitEvenly() {
        UUID campaign = UUID.randomUUID();
        UUID sku = UUID.randomUUID();
        UUID batch = UUID.randomUUID();
        assertThat(buckets.load(campaign, sku, batch, 10, 4).await().atMost(WAIT).appliedNow()).isEqualTo(4);
        assertThat(buckets.load(campaign, sku, batch, 10, 4).await().atMost(WAIT).appliedNow()).isZero();
        BucketLevels levels = levels(campaign, sku, 4);
        assertThat(levels.buckets()).extracting(BucketLevels.Bucket::available).containsExactly(3L, 3L, 2L, 2L);
        assertThat(levels.buckets()).extracting(BucketLevels.Bucket::loaded).containsExactly(3L, 3L, 2L, 2L);
        assertThat(levels.loaded()).isEqualTo(10);
        assertThat(levels.consistent()).isTrue();
    }

    /** The levels read each bucket's own slot hash, so drift in one bucket shows in that bucket and in the sum. */
    @Test
    void levelsShowEachBucketsCountersAndItsDrift() {
        UUID campaign = UUID.randomUUID();
        UUID sku = UUID.randomUUID();
        buckets.load(campaign, sku, UUID.randomUUID(), 9, 3).await().atMost(WAIT);
        redis.hash(Long.class).hincrby(InventoryKeys.campaign(OrderSlot.of(2), campaign.toString()),
                InventoryKeys.campaignField(sku, InventoryKeys.HELD), 1).await().atMost(WAIT);

        BucketLevels levels = levels(campaign, sku, 3);
        assertThat(levels.buckets()).extracting(BucketLevels.Bucket::drift).containsExactly(0L, 0L, -1L);
        assertThat(levels.held()).isEqualTo(1);
        assertThat(levels.consistent()).isFalse();
        assertThat(levels(campaign, sku, 2).consistent()).isTrue();
    }

    private BucketLevels levels(UUID campaign, UUID sku, int count) {
        return buckets.levels(campaign, sku, count).await().atMost(WAIT);
    }
}
