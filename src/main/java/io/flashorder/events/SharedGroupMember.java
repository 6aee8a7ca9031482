package io.flashorder.events;

import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Set;

/**
 * A feature's in-pod consumer of {@value EventStreams#ORDERS} that shares one consumer group with the others
 * ({@value EventStreams#ANALYTICS_NOTIFICATIONS_GROUP}, {@link SharedOrderEventsConsumer}): each read's entries are
 * handed to every member, and an entry is acknowledged once every member finished with it. So a member must be
 * idempotent per event id (an entry it finished with comes back whenever another member asked for a retry) and must
 * not count a give-up for an event it finished with. The shared group hands a read to {@link #handleRead}, its
 * payloads parsed once for all members; a member's {@code handleAll} (a retired group's drain) reads its entries the
 * same way.
 */
public interface SharedGroupMember extends StreamGroupConsumer.BatchHandler {

    /** For logs. */
    String name();

    /** Whether this pod runs the member; the shared group is read only on pods that run every member. */
    boolean enabled();

    /** The group this member read on its own before the shared one: drained once, then destroyed. */
    String retiredGroup();

    /** As {@link #handleAll}, for the entries of one read whose payloads every member shares. */
    Uni<Set<String>> handleRead(String stream, List<SharedEntry> entries, int attempt, int parallel);
}
