package io.flashorder.events;

import io.flashorder.platform.redis.RedisMaps;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XTrimArgs;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps the event streams from growing without bound. An entry goes only once every consumer group has read and
 * acknowledged it (it is older than each group's oldest pending entry and not after its last delivered one) and it
 * is older than the retention, which lets readers without a group (and people) look back that far.
 */
@ApplicationScoped
public class EventStreamTrimJob {

    private final ReactiveRedisDataSource redis;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final EventsConfig config;
    private final Clock clock;

    public EventStreamTrimJob(ReactiveRedisDataSource redis, EventsConfig config, Clock clock) {
        this.redis = redis;
        this.streams = redis.stream(String.class);
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "event-stream-trim", every = "${flashorder.events.trim-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return trimAll().onFailure().invoke(failure -> Log.warnf("Event streams not trimmed: %s", failure.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Trims every stream consumer groups read; emits the number of entries removed. */
    public Uni<Long> trimAll() {
        return Multi.createFrom().iterable(EventStreams.TRIMMED)
                .onItem().transformToUniAndConcatenate(this::trim)
                .collect().with(Collectors.summingLong(Long::longValue));
    }

    /** Removes the entries of {@code stream} no group needs any more and older than the retention; emits how many. */
    Uni<Long> trim(String stream) {
        String retained = (clock.millis() - config.retention().toMillis()) + "-0";
        return redis.execute(Command.XINFO, "GROUPS", stream)
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("no such key"))
                .recoverWithNull()
                .chain(groups -> groups == null ? Uni.createFrom().item(0L)
                        : Multi.createFrom().iterable(groups.getDelegate())
                        .onItem().transformToUniAndConcatenate(group -> stillNeededFrom(stream, group))
                        .collect().with(Collectors.reducing(retained, EventStreamTrimJob::earlier))
                        .chain(floor -> streams.xtrim(stream, new XTrimArgs().minid(floor))));
    }

    /** The oldest entry this group may still need: its oldest pending entry, or else its last delivered one. */
    private Uni<String> stillNeededFrom(String stream, Response group) {
        Map<String, Response> fields = RedisMaps.fields(group);
        String lastDelivered = String.valueOf(fields.get("last-delivered-id"));
        long pending = fields.get("pending") == null ? 0 : fields.get("pending").toLong();
        if (pending == 0) {
            return Uni.createFrom().item(lastDelivered);
        }
        return streams.xpending(stream, String.valueOf(fields.get("name")))
                .map(summary -> summary.getPendingCount() == 0 ? lastDelivered
                        : earlier(summary.getLowestId(), lastDelivered));
    }

    /** The earlier of two stream ids ("millis-sequence"). */
    static String earlier(String a, String b) {
        return EventStreams.compareIds(a, b) <= 0 ? a : b;
    }
}
