package io.flashorder.order.writer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The writer that moves accepted orders from the placed-orders stream into PostgreSQL ({@code flashorder.order-writer.*}). */
@ConfigMapping(prefix = "flashorder.order-writer")
public interface OrderWriterConfig {

    /** Runs the writer loop on this pod; a test profile may turn it off to see orders only in their hold. */
    @WithDefault("true")
    boolean enabled();

    /** Stream entries read (and written in one PostgreSQL transaction) at a time. */
    @WithDefault("200")
    int batchSize();

    /** How long one XREADGROUP waits for new entries before the loop goes round again. */
    @WithDefault("1s")
    Duration block();

    /** An entry pending this long with another consumer is taken over (that consumer is presumed dead). */
    @WithDefault("30s")
    Duration claimIdle();

    /** How often this pod looks for such abandoned entries. */
    @WithDefault("5s")
    Duration claimEvery();

    /**
     * A consumer (a pod; each start is a new one) idle this long with nothing pending is removed from the group.
     * Live consumers read every block time, so they are never idle this long.
     */
    @WithDefault("10m")
    Duration consumerExpiry();

    /** First pause after a failed round (PostgreSQL or Redis unreachable); doubled each time up to {@link #maxBackoff()}. */
    @WithDefault("100ms")
    Duration minBackoff();

    @WithDefault("5s")
    Duration maxBackoff();

    /** PostgreSQL statement timeout of the batch insert, so a locked or hung database never stalls the loop for long. */
    @WithDefault("10s")
    Duration writeTimeout();

    /** How often the backlog (entries not yet acknowledged) is read from Redis for the metric and readiness. */
    @WithDefault("5s")
    Duration backlogPollEvery();

    /**
     * Readiness goes DOWN while more accepted orders than this wait in the stream for PostgreSQL: a long PostgreSQL
     * outage is absorbed by Redis' memory (a few KB per order), and this bounds it. Below it, a PostgreSQL outage
     * leaves the pod ready (orders keep flowing into the stream).
     */
    @WithDefault("500000")
    long backlogLimit();

    /** A loop that has not gone round for this long is reported dead (readiness DOWN). */
    @WithDefault("60s")
    Duration stallAfter();

    /** Approximate cap of the dead-letter stream, so a flood of broken entries cannot fill Redis. */
    @WithDefault("100000")
    long deadLetterMaxLength();

    /** How long shutdown waits for the batch in progress to be written and acknowledged. */
    @WithDefault("5s")
    Duration shutdownGrace();
}
