package io.flashorder.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The outbox relay and the merchant webhook delivery ({@code flashorder.events.*}). */
@ConfigMapping(prefix = "flashorder.events")
public interface EventsConfig {

    /** Run the relay and the webhook delivery on this pod (every pod may; they share the work). */
    @WithDefault("true")
    boolean enabled();

    /** How often each pod publishes unpublished outbox rows (a scheduler interval). */
    @WithDefault("1s")
    String relayEvery();

    /** Outbox rows claimed and published in one transaction. */
    @WithDefault("200")
    int relayBatchSize();

    /**
     * How often each pod looks at the webhook events due for a retry (new ones are read as they are appended,
     * {@link #readBlock()}).
     */
    @WithDefault("1s")
    String deliverEvery();

    /** Stream entries read at once (a new-entry read, a drain of a retired group). */
    @WithDefault("200")
    int deliverBatchSize();

    /** Batches one drain pass of a retired group reads at most per stream ({@link RetiredGroups}). */
    @WithDefault("50")
    int deliverMaxBatches();

    /**
     * How often each pod looks at the order events of the shared group (analytics, buyer notices, webhook forwarding:
     * {@link SharedOrderEventsConsumer}) due for a retry, and hands over from retired groups; new ones are read as they
     * are appended ({@link #readBlock()}).
     */
    @WithDefault("1s")
    String sharedEvery();

    /**
     * How long one blocking read of new entries waits on an idle stream before the reader asks again
     * ({@link NewEntriesLoop}): an entry is read as soon as it is appended, so this sets only an idle pod's cost, one
     * XREADGROUP per stream per block. Keep it below {@code quarkus.redis.event-readers.timeout}.
     */
    @WithDefault("2S")
    Duration readBlock();

    /** Longest pause between new-entry reads that fail (Redis unreachable): from 100 ms, doubling up to this. */
    @WithDefault("5S")
    Duration readBackoffMax();

    /** How long shutdown waits for entries in hand to be handled and acknowledged (the rest stay pending). */
    @WithDefault("5S")
    Duration readerShutdownGrace();

    /**
     * A retired consumer group counts as still read by a pod of the previous version while one of its consumers was
     * active within this (they read every second or so); the shared group waits until none is ({@link RetiredGroups}).
     */
    @WithDefault("30S")
    Duration retiredGroupLiveWithin();

    /** Time allowed to one webhook call (connect + answer). */
    @WithDefault("5S")
    Duration deliveryTimeout();

    /** Back-off before the 2nd attempt; it doubles for each further one, up to {@link #retryMax()}. */
    @WithDefault("5S")
    Duration retryInitial();

    @WithDefault("10M")
    Duration retryMax();

    /**
     * An entry is retried only once idle this long, so an attempt still in flight on another pod is never taken
     * from it (keep it above {@link #deliveryTimeout()}).
     */
    @WithDefault("10S")
    Duration retryMinIdle();

    /** Attempts before an event goes to the dead-letter stream. */
    @WithDefault("8")
    int maxAttempts();

    /** How often the event streams are trimmed of entries every consumer group has acknowledged. */
    @WithDefault("1m")
    String trimEvery();

    /** Entries younger than this stay even once every group has them, for readers without a group. */
    @WithDefault("24H")
    Duration retention();

    /** How often published outbox rows older than {@link #outboxRetention()} are deleted ({@code off}: never). */
    @WithDefault("10m")
    String outboxPurgeEvery();

    /** Published outbox rows are kept this long, for looking into what was sent. */
    @WithDefault("7D")
    Duration outboxRetention();
}
