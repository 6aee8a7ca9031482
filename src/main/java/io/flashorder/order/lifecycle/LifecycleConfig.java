package io.flashorder.order.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Timers of the lifecycle up to payment ({@code flashorder.lifecycle.*}); each runs on every pod. */
@ConfigMapping(prefix = "flashorder.lifecycle")
public interface LifecycleConfig {

    /** How often each pod looks for orders past their payment deadline ("off" disables it). */
    @WithDefault("5s")
    String deadlineEvery();

    /** How often each pod confirms pending cash-on-delivery orders ("off" disables it). */
    @WithDefault("2s")
    String codEvery();

    /** How often each pod looks for decided orders whose Redis step never ran ("off" disables it). */
    @WithDefault("15s")
    String settleEvery();

    /** A decided order is healed only this long after its transition, so the normal path settles it first. */
    @WithDefault("30s")
    Duration settleGrace();

    /** Orders claimed per transaction. */
    @WithDefault("200")
    int batchSize();

    /** Batches one run may do before it yields to the next run. */
    @WithDefault("20")
    int maxBatches();
}
