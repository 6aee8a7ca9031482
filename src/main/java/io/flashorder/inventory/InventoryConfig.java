package io.flashorder.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "flashorder.inventory")
public interface InventoryConfig {

    /**
     * How long a pod trusts that a SKU is sold out without asking Redis; restocks are announced at once, this only
     * bounds the damage of a lost pub/sub message.
     */
    @WithDefault("5S")
    Duration soldOutMemory();

    /**
     * How long an order's hold record is kept after its reservation was committed or released: it is the marker that
     * makes the settlement scripts idempotent and lets a late payment tell released stock from held stock.
     */
    @WithDefault("30D")
    Duration settledHoldTtl();

    /**
     * How long a reservation may wait for Redis before checkout answers 503. A slow Redis must not hold buyers: the
     * timeouts also open the circuit, after which checkout answers 503 without trying.
     */
    @WithDefault("1S")
    Duration reservationTimeout();
}
