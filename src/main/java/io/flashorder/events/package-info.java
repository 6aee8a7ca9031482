/**
 * The transactional outbox: features append events inside their own SQL transaction ({@code Outbox}); {@code OutboxRelayJob} publishes them to Redis streams, {@code OutboxPurgeJob} and
 * {@code EventStreamTrimJob} keep both bounded. Consumers read the streams through {@code StreamGroupConsumer}, their
 * new entries as they are appended ({@code StreamGroupReaders}). Low in the graph: it knows no feature.
 */
package io.flashorder.events;
