package io.flashorder.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Analytics settings ({@code flashorder.analytics.*}). */
@ConfigMapping(prefix = "flashorder.analytics")
public interface AnalyticsConfig {

    /** Run the consumer of the order event stream on this pod (the queries answer either way). */
    @WithDefault("true")
    boolean enabled();

    /** How often each pod adds the campaign refusals its checkout counted to the funnel. */
    @WithDefault("5s")
    String refusalsEvery();

    /** Longest date range a query may span, in days (both ends included). */
    @WithDefault("92")
    int maxRangeDays();

    /** Longest range of an hourly query, in days. */
    @WithDefault("7")
    int maxHourlyRangeDays();

    /** PostgreSQL statement timeout inside the transaction applying one read's events (milliseconds). */
    @WithDefault("5000")
    int statementTimeoutMillis();

    /** At most this many events are kept in the analytics dead-letter stream (the oldest are trimmed). */
    @WithDefault("10000")
    long deadLetterMaxLength();

    /** How long the ids of applied events are kept (far beyond the event stream's retention: no redelivery then). */
    @WithDefault("7D")
    java.time.Duration appliedEventRetention();

    /** Ids deleted per statement by the purge of applied events. */
    @WithDefault("5000")
    int appliedEventPurgeBatch();

    /**
     * Statements one purge run (every 10 minutes) may take; what is left waits for the next run. 400 × 5,000 = two
     * million ids, more than ten minutes of 2,000 events a second add.
     */
    @WithDefault("400")
    int appliedEventPurgeMaxBatches();
}
