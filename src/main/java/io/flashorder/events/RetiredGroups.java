package io.flashorder.events;

import io.flashorder.platform.redis.RedisMaps;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.redis.client.Response;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands over from the groups the members read on their own ({@link SharedGroupMember#retiredGroup()}) to the shared
 * one, safely during a rolling upgrade. While a pod of the previous version still reads a retired group (one of its
 * consumers was active within {@code live-within}), the shared group is not read: the old pods keep doing the work,
 * and nothing is done twice at once (two groups handling one event together could mail a buyer twice). Once none
 * is, the shared group is created at the earliest entry a retired group had delivered (the entries after it come
 * to every member through the shared group; a member already finished skips them by event id), each retired group's
 * pending entries up to there are retried by its own member with their attempts and back-off (those after it are
 * acknowledged: the shared group delivers them), and the drained group is destroyed. Then this costs nothing more.
 * When the shared group exists already (a member joins it later, as the webhooks did), the hand-over point is where
 * the shared group stands: the entries up to there that the retired group had not delivered yet are read and
 * handled by its member too, so none falls between the two groups.
 * A deployment without retired groups creates the shared group at the start of the stream, as any new group.
 */
final class RetiredGroups {

    private static final String DRAINING = "drain-";

    private final ReactiveRedisDataSource redis;
    private final String stream;
    private final String sharedGroup;
    private final Duration liveWithin;
    private final Map<String, StreamGroupConsumer> drainers = new HashMap<>();
    private volatile boolean handedOver;

    RetiredGroups(ReactiveRedisDataSource redis, EventsConfig config, String stream, String sharedGroup,
                  List<SharedGroupMember> members, Duration liveWithin, String podId) {
        this.redis = redis;
        this.stream = stream;
        this.sharedGroup = sharedGroup;
        this.liveWithin = liveWithin;
        for (SharedGroupMember member : members) {
            drainers.put(member.retiredGroup(), new StreamGroupConsumer(redis, redis, config, member.retiredGroup(),
                    DRAINING + podId, List.of(stream), 1, member));
        }
    }

    /** Emits true when the shared group may be read (the hand-over is done or under way), after a drain pass. */
    Uni<Boolean> handOver() {
        if (handedOver) {
            return Uni.createFrom().item(true);
        }
        return redis.execute(Command.XINFO, "GROUPS", stream)
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("no such key"))
                .recoverWithNull()
                .chain(groups -> {
                    Map<String, String> lastDelivered = new HashMap<>();
                    String sharedAt = null;
                    if (groups != null) {
                        for (Response group : groups.getDelegate()) {
                            Map<String, Response> fields = RedisMaps.fields(group);
                            String name = String.valueOf(fields.get("name"));
                            if (drainers.containsKey(name)) {
                                lastDelivered.put(name, String.valueOf(fields.get("last-delivered-id")));
                            } else if (sharedGroup.equals(name)) {
                                sharedAt = String.valueOf(fields.get("last-delivered-id"));
                            }
                        }
                    }
                    String sharedFrom = sharedAt;
                    if (lastDelivered.isEmpty()) {
                        handedOver = true; // nothing to hand over: the consumer creates its group as any other
                        return Uni.createFrom().item(true);
                    }
                    return anyLive(lastDelivered.keySet().stream().toList()).chain(live -> {
                        if (live.isPresent()) {
                            Log.infof("Group %s on %s is still read by a pod of the previous version: %s waits",
                                    live.get(), stream, sharedGroup);
                            return Uni.createFrom().item(false);
                        }
                        if (sharedFrom != null) {
                            return drain(lastDelivered, sharedFrom).replaceWith(true);
                        }
                        String from = lastDelivered.values().stream()
                                .reduce((a, b) -> EventStreams.compareIds(a, b) <= 0 ? a : b).orElseThrow();
                        return createShared(from).chain(() -> drain(lastDelivered, from)).replaceWith(true);
                    });
                });
    }

    /** The first retired group a pod of the previous version still reads, if any. */
    private Uni<Optional<String>> anyLive(List<String> groups) {
        return Multi.createFrom().iterable(groups)
                .onItem().transformToUniAndConcatenate(group -> redis.execute(Command.XINFO, "CONSUMERS", stream, group)
                        .map(consumers -> {
                            for (Response consumer : consumers.getDelegate()) {
                                Map<String, Response> fields =
                                        RedisMaps.fields(consumer);
                                boolean ours = String.valueOf(fields.get("name")).startsWith(DRAINING);
                                if (!ours && fields.get("idle").toLong() < liveWithin.toMillis()) {
                                    return Optional.of(group);
                                }
                            }
                            return Optional.<String>empty();
                        }))
                .filter(Optional::isPresent).collect().first()
                .map(first -> first == null ? Optional.<String>empty() : first);
    }

    private Uni<Void> createShared(String from) {
        return redis.execute(Command.XGROUP, "CREATE", stream, sharedGroup, from, "MKSTREAM")
                .invoke(() -> Log.infof("Group %s on %s created after %s, where the retired groups stood",
                        sharedGroup, stream, from))
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("BUSYGROUP")).recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * A drain pass over every retired group (its entries up to {@code upTo} it had not delivered yet, then its pending
     * ones); one with nothing left to read up to there and nothing pending is destroyed.
     */
    private Uni<Void> drain(Map<String, String> retired, String upTo) {
        return Multi.createFrom().iterable(retired.keySet())
                .onItem().transformToUniAndConcatenate(group -> (EventStreams.compareIds(retired.get(group), upTo) < 0
                        ? drainers.get(group).drainNew(stream, upTo) : Uni.createFrom().item(true))
                        .chain(caughtUp -> drainers.get(group).drainPending(stream, upTo)
                                .map(empty -> caughtUp && empty))
                        .chain(drained -> !drained ? Uni.createFrom().voidItem()
                                : redis.execute(Command.XGROUP, "DESTROY", stream, group)
                                .invoke(() -> Log.infof("Retired group %s on %s drained and destroyed", group, stream))
                                .replaceWithVoid()))
                .collect().last().replaceWithVoid();
    }
}
