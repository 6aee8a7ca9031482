package io.flashorder.order.recovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "flashorder.recovery")
public interface RecoveryConfig {

    /**
     * How often every pod checks Redis against PostgreSQL (stock epoch, stream watermark) while it trusts it. A
     * restart is noticed at once without this (Redis forgets the reservation script); this catches a wipe or a
     * replacement that kept the scripts.
     */
    @WithDefault("5s")
    String verifyEvery();

    /** How soon an untrusted pod checks again (PostgreSQL unreachable, another pod still recovering). */
    @WithDefault("1S")
    Duration retryEvery();

    /** Lifetime of the recovery fence; the recovering pod renews it at a third of this while it works. */
    @WithDefault("60S")
    Duration fenceTtl();

    /** How often the reconciliation runs (on one pod at a time); {@code off} disables it. */
    @WithDefault("5m")
    String reconcileEvery();

    /** Pause between the reconciliation's two observations: only drift seen identical in both is confirmed. */
    @WithDefault("2S")
    Duration confirmAfter();

    /** Whether the periodic reconciliation repairs confirmed drift (the admin endpoint says so per run). */
    @WithDefault("true")
    boolean repair();

    /** The reconciliation waits while more orders than this are on their way to PostgreSQL. */
    @WithDefault("100000")
    long maxInFlight();
}
