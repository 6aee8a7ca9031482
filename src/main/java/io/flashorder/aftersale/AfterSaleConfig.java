package io.flashorder.aftersale;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** After-sales settings ({@code flashorder.aftersale.*}). */
@ConfigMapping(prefix = "flashorder.aftersale")
public interface AfterSaleConfig {

    /** How often each pod re-runs the stock returns whose Redis step did not run (a scheduler interval, or off). */
    @WithDefault("15s")
    String stockReturnEvery();

    /** Age of an unapplied stock return before the job runs it again (its own request normally does at once). */
    @WithDefault("30S")
    Duration stockReturnGrace();

    /** How long Redis keeps the marker that makes a case's stock return run once. */
    @WithDefault("30D")
    Duration stockReturnMarkerTtl();

    /** Rows one job run handles. */
    @WithDefault("100")
    int batchSize();

    /** PostgreSQL statement timeout inside an after-sales transaction (milliseconds). */
    @WithDefault("5000")
    int statementTimeoutMillis();
}
