package io.flashorder.inventory;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This pod's memory of sold-out SKUs (and campaign SKUs), so that once stock is gone buyers are refused without a
 * Redis call. Learned from the reservation script's answers and from the {@code stock:soldout} channel; forgotten
 * on {@code stock:restocked} and, as a safety net for a missed message, after a short time.
 */
@ApplicationScoped
public class SoldOutCache {

    private final ReactiveRedisDataSource redis;
    private final Map<String, Long> soldOutUntilNanos = new ConcurrentHashMap<>();
    private final long rememberNanos;

    public SoldOutCache(ReactiveRedisDataSource redis, InventoryConfig config) {
        this.redis = redis;
        this.rememberNanos = config.soldOutMemory().toNanos();
    }

    void subscribe(@Observes StartupEvent event) {
        redis.pubsub(String.class).subscribe(InventoryKeys.SOLD_OUT_CHANNEL)
                .subscribe().with(this::markSoldOut, failure -> Log.warnf("Sold-out channel lost: %s", failure));
        redis.pubsub(String.class).subscribe(InventoryKeys.RESTOCKED_CHANNEL)
                .subscribe().with(soldOutUntilNanos::remove, failure -> Log.warnf("Restock channel lost: %s", failure));
    }

    /** The cache key of a SKU sold at list price ({@code campaignId} null) or in a campaign. */
    public static String keyOf(UUID skuId, UUID campaignId) {
        return campaignId == null ? skuId.toString() : campaignId + ":" + skuId;
    }

    public void markSoldOut(String key) {
        soldOutUntilNanos.put(key, System.nanoTime() + rememberNanos);
    }

    public boolean isSoldOut(String key) {
        Long until = soldOutUntilNanos.get(key);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until > 0) {
            soldOutUntilNanos.remove(key, until);
            return false;
        }
        return true;
    }

    /** For operators and tests: forget everything (the next request asks Redis again). */
    public void clear() {
        soldOutUntilNanos.clear();
    }

    Duration memory() {
        return Duration.ofNanos(rememberNanos);
    }
}
