package io.flashorder.logistics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Warehouse and carrier work ({@code flashorder.logistics.*}). */
@ConfigMapping(prefix = "flashorder.logistics")
public interface LogisticsConfig {

    /** PostgreSQL statement timeout inside a logistics transaction (milliseconds). */
    @WithDefault("5000")
    int statementTimeoutMillis();

    /** Parcels one pick wave may hold. */
    @WithDefault("500")
    int maxWaveSize();

    /** A packed parcel whose weight differs from its catalog weight by more than this share is flagged (basis points). */
    @WithDefault("1000")
    int weightToleranceBasisPoints();

    /** ... but never by less than this many grams (scales and boxes of light parcels). */
    @WithDefault("50")
    int weightToleranceMinGrams();

    /** Callbacks signed longer ago than this are refused as stale. */
    @WithDefault("5M")
    Duration callbackTolerance();

    /** Callbacks signed this far in the future (clock skew) are still accepted; further ones are refused. */
    @WithDefault("30S")
    Duration callbackFutureSkew();

    Sandbox sandbox();

    ReturnRecovery returnRecovery();

    /** Finishing returns to sender a crash left between the claim and the refunds ({@code ReturnRecoveryJob}). */
    interface ReturnRecovery {
        /** How often each pod looks (also read by the job's {@code @Scheduled}; {@code off} disables it). */
        @WithDefault("1m")
        String every();

        /** A claim younger than this is left alone: its own request may still be opening the cases. */
        @WithDefault("5m")
        Duration grace();

        /** A parcel taken by one pod is left to it for this long before another retries it. */
        @WithDefault("2m")
        Duration lease();

        /** Parcels per run and pod. */
        @WithDefault("50")
        int batchSize();

        /** After this many failed runs a parcel waits for an operator (its last problem is on the parcel). */
        @WithDefault("10")
        int maxAttempts();
    }

    /** The sandbox carrier provider (in process, for development and tests). */
    interface Sandbox {
        /** The carrier names it books, as carrier rules name them. */
        @WithDefault("SBX-EXPRESS,SBX-ECONOMY")
        List<String> carriers();

        /** The callback signing secret; locally scripts/keys.sh writes it to {@code webhook-secret-file}. */
        Optional<String> webhookSecret();

        @WithDefault("build/keys/sandbox-carrier-secret")
        Path webhookSecretFile();
    }
}
