package io.flashorder.events;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hands each read of the shared group to every member at once and finishes an entry when all of them did. A member
 * that fails (an SMTP server down) leaves only its entries pending; the others have committed their effects, so the
 * retry repeats nothing for them (they skip the event by its id) and never holds them back, and new entries keep
 * being read meanwhile.
 */
final class AllMembersHandler implements StreamGroupConsumer.BatchHandler {

    private final List<SharedGroupMember> members;
    private final EventPayloads payloads;

    AllMembersHandler(List<SharedGroupMember> members, EventPayloads payloads) {
        this.members = List.copyOf(members);
        this.payloads = payloads;
    }

    @Override
    public Uni<Set<String>> handleAll(String stream, List<StreamMessage<String, String, String>> messages, int attempt,
                                      int parallel) {
        // Each payload is parsed once, by the first member that reads it (members are called one after the other).
        List<SharedEntry> entries = payloads.entries(messages);
        List<Uni<Set<String>>> byMember = members.stream().map(member -> member.handleRead(stream, entries, attempt,
                        parallel)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("%d entries on %s not handled by %s (attempt %d): %s", messages.size(), stream,
                            member.name(), attempt, failure.toString());
                    return Set.<String>of();
                })).toList();
        return Uni.combine().all().unis(byMember).with(sets -> {
            Set<String> finished = null;
            for (Object set : sets) {
                @SuppressWarnings("unchecked")
                Set<String> ofMember = (Set<String>) set;
                if (finished == null) {
                    finished = new HashSet<>(ofMember);
                } else {
                    finished.retainAll(ofMember);
                }
            }
            return finished == null ? Set.<String>of() : finished;
        });
    }

    /**
     * Every member gives up what it did not finish with (each knows whether it did). A member that fails to record
     * its give-up leaves the entry pending, to give up again on the next run.
     */
    @Override
    public Uni<Void> giveUp(String stream, StreamMessage<String, String, String> message, int attempts) {
        return Multi.createFrom().iterable(members)
                .onItem().transformToUniAndConcatenate(member -> member.giveUp(stream, message, attempts))
                .collect().last().replaceWithVoid();
    }
}
