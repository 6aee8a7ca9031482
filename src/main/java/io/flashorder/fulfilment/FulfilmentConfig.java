package io.flashorder.fulfilment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Fulfilment timers ({@code flashorder.fulfilment.*}). */
@ConfigMapping(prefix = "flashorder.fulfilment")
public interface FulfilmentConfig {

    /** How often each pod looks for merchant orders to confirm automatically (a scheduler interval). */
    @WithDefault("30s")
    String autoConfirmEvery();

    /** Merchant orders claimed and confirmed in one transaction. */
    @WithDefault("100")
    int autoConfirmBatchSize();

    /** Batches one run may do before leaving the rest to the next run (bounds a run after an outage). */
    @WithDefault("50")
    int autoConfirmMaxBatches();

    /** PostgreSQL statement timeout inside a fulfilment transaction (milliseconds). */
    @WithDefault("5000")
    int statementTimeoutMillis();
}
