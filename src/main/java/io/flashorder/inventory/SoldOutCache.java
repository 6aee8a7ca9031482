package io.flashorder.inventory;

import io.flashorder.platform.redis.RedisChannels;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This pod's memory of sold-out SKUs (and campaign SKUs), so that once stock is gone buyers are refused without a
 * Redis call. Learned from the reservation script's answers and from the {@code stock:soldout} channel; forgotten
 * on {@code stock:restocked}, when the subscription was lost and is back, and, as a safety net for a missed message,
 * after a short time.
 */
@Singleton
public class SoldOutCache {

    private final RedisChannels channels;
    private final Map<String, Long> soldOutUntilNanos = new ConcurrentHashMap<>();
    private final long rememberNanos;

    public SoldOutCache(RedisChannels channels, InventoryConfig config) {
        this.channels = channels;
        this.rememberNanos = config.soldOutMemory().toNanos();
    }

    /**
     * After a lost subscription the restocks announced meanwhile are gone: forget everything, the next request of
     * each SKU asks Redis again (and learns again what is still sold out).
     */
    void subscribe(@Observes StartupEvent event) {
        channels.subscribe(InventoryKeys.SOLD_OUT_CHANNEL, this::markSoldOut, this::clear);
        channels.subscribe(InventoryKeys.RESTOCKED_CHANNEL, soldOutUntilNanos::remove, this::clear);
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
