/**
 * The transactional outbox: features append events inside their own SQL transaction ({@code Outbox}); {@code OutboxRelayJob} publishes them to Redis streams, {@code OutboxPurgeJob} and
 * {@code EventStreamTrimJob} keep both bounded. Low in the graph: it knows no feature.
 */
package io.flashorder.events;
