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

    /** How often each pod asks the provider for refunds that are due (new, or to retry); a scheduler interval. */
    @WithDefault("10s")
    String refundEvery();

    /** Back-off after a refund's first failure; doubled after each further one, up to {@code refund-retry-max}. */
    @WithDefault("30S")
    Duration refundRetryInitial();

    @WithDefault("1H")
    Duration refundRetryMax();

    /** Failures after which a refund is FAILED (shown to the merchant, who may start it again). */
    @WithDefault("6")
    int refundMaxAttempts();

    /** How long a pod may take to hand a claimed refund to the provider before another pod tries it again. */
    @WithDefault("1M")
    Duration refundLease();

    /** Platform default: a case not reviewed within this is approved automatically (per merchant: review hours). */
    @WithDefault("48H")
    Duration reviewTimeout();

    /** Platform default: an approved return not shipped back within this is closed (per merchant: return days). */
    @WithDefault("7D")
    Duration returnTimeout();

    /** Platform default: goods shipped back and not received within this are refunded (per merchant: receipt days). */
    @WithDefault("10D")
    Duration receiptTimeout();

    /** Platform default: an exchange's replacement is taken as received after this (per merchant). */
    @WithDefault("7D")
    Duration exchangeConfirmTimeout();

    /** How long a rejected case may be disputed before it is closed. */
    @WithDefault("7D")
    Duration disputeWindow();

    /** How often each pod runs the after-sales deadlines and the after-sales window (a scheduler interval, or off). */
    @WithDefault("30s")
    String timersEvery();

    /** Rows one job run handles. */
    @WithDefault("100")
    int batchSize();

    /** PostgreSQL statement timeout inside an after-sales transaction (milliseconds). */
    @WithDefault("5000")
    int statementTimeoutMillis();
}
