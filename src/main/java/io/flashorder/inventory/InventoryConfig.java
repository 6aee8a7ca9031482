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
}
