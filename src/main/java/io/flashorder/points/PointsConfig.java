package io.flashorder.points;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Member points ({@code flashorder.points.*}): how they are earned, how long they last, how they are redeemed. */
@ConfigMapping(prefix = "flashorder.points")
public interface PointsConfig {

    /**
     * Points earned per minor unit of paid goods, in basis points: 100 (the default) earns 1 point per 100 minor
     * units (1 point per 1.00 EUR); rounded down per merchant order.
     */
    @WithDefault("100")
    int earnBasisPoints();

    /** How long earned (and returned) points last; FIFO: spending uses the earliest-expiring points first. */
    @WithDefault("P365D")
    Duration expiry();

    /** How often each pod runs the expiry job (a scheduler interval; "off" in tests, which run it directly). */
    @WithDefault("1m")
    String expiryEvery();

    /** Accounts one expiry transaction claims (FOR UPDATE SKIP LOCKED), and the batches of one run. */
    @WithDefault("100")
    int expiryBatchSize();

    @WithDefault("50")
    int expiryMaxBatches();

    /** The largest amount one operator adjustment may add or take. */
    @WithDefault("10000000")
    long maxAdjustment();

    /** Statement timeout of the ledger's transactions. */
    @WithDefault("5s")
    Duration statementTimeout();
}
