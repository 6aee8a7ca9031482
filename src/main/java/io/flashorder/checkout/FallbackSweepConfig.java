package io.flashorder.checkout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The sweeper of bucketed fallbacks whose walk was cut short ({@code flashorder.checkout.fallback-sweep.*}). */
@ConfigMapping(prefix = "flashorder.checkout.fallback-sweep")
public interface FallbackSweepConfig {

    /** How often each pod sweeps ({@code off} turns it off); a claimed fallback is swept by one pod. */
    @WithDefault("30s")
    String every();

    /**
     * How long a fallback stays pending before the sweeper finishes it: well above checkout's patience for a
     * reservation (seconds) and a client's retries, so it only ever finishes walks whose pod died.
     */
    @WithDefault("120S")
    Duration age();

    /** Fallbacks claimed per slot and sweep. */
    @WithDefault("100")
    int batchSize();
}
