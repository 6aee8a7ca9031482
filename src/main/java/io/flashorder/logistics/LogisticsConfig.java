package io.flashorder.logistics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
