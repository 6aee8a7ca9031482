package io.flashorder.order.writer;

import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.platform.redis.RedisMaps;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writer's side of the placed-orders stream, on the dedicated {@code order-writer} Redis client: a blocking
 * XREADGROUP holds one of its connections for up to the block time, and must never take one from the pool that
 * serves requests.
 */
@ApplicationScoped
public class OrderStream {

    /** Entries the writer could not turn into an order, with the reason; kept for an operator to inspect. */
    public static final String DEAD_LETTER_STREAM = "orders:{p}:dead-letter";
    /** Reading from this id returns the consumer's own entries delivered but not yet acknowledged. */
    private static final String OWN_PENDING = "0";
    private static final String NEW_ENTRIES = ">";

    private final ReactiveRedisDataSource redis;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final OrderWriterConfig config;

    public OrderStream(@RedisClientName("order-writer") ReactiveRedisDataSource redis, OrderWriterConfig config) {
        this.redis = redis;
        this.streams = redis.stream(String.class, String.class, String.class);
        this.config = config;
    }

    /**
     * Creates the consumer group (and the stream) if missing. From id 0: every entry still in the stream is an
     * order PostgreSQL may not have yet, since written entries are deleted.
     */
    public Uni<Void> ensureGroup(OrderSlot slot) {
        return streams.xgroupCreate(OrderKeys.placedStream(slot), OrderKeys.WRITER_GROUP, "0", new XGroupCreateArgs().mkstream())
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("BUSYGROUP")).recoverWithNull()
                .replaceWithVoid();
    }

    /** Waits up to the block time for entries never delivered to any consumer of the group. */
    public Uni<List<StreamMessage<String, String, String>>> readNew(OrderSlot slot, String consumer) {
        return streams.xreadgroup(OrderKeys.WRITER_GROUP, consumer, OrderKeys.placedStream(slot), NEW_ENTRIES,
                new XReadGroupArgs().count(config.batchSize()).block(config.block()));
    }

    /** This consumer's entries that were delivered but not acknowledged (a failed write), oldest first. */
    public Uni<List<StreamMessage<String, String, String>>> readOwnPending(OrderSlot slot, String consumer) {
        return streams.xreadgroup(OrderKeys.WRITER_GROUP, consumer, OrderKeys.placedStream(slot), OWN_PENDING,
                new XReadGroupArgs().count(config.batchSize()));
    }

    /** Takes over entries pending longer than the claim idle time with any consumer, from {@code cursor} on. */
    public Uni<ClaimedMessages<String, String, String>> claimAbandoned(OrderSlot slot, String consumer, String cursor) {
        return streams.xautoclaim(OrderKeys.placedStream(slot), OrderKeys.WRITER_GROUP, consumer, config.claimIdle(), cursor,
                config.batchSize());
    }

    /**
     * Removes consumers (pods gone long ago, every restart being a new consumer) that have nothing pending and have
     * not read for {@code idleFor}; a consumer with pending entries is never removed, as that would drop them from
     * the group. Emits how many were removed.
     */
    public Uni<Integer> forgetIdleConsumers(OrderSlot slot, Duration idleFor) {
        String stream = OrderKeys.placedStream(slot);
        return redis.execute(Command.XINFO, "CONSUMERS", stream, OrderKeys.WRITER_GROUP)
                .map(consumers -> {
                    List<String> idle = new ArrayList<>();
                    for (Response consumer : consumers.getDelegate()) {
                        Map<String, Response> fields = RedisMaps.fields(consumer);
                        if (fields.get("name") != null && fields.get("pending") != null && fields.get("idle") != null
                                && fields.get("pending").toLong() == 0 && fields.get("idle").toLong() > idleFor.toMillis()) {
                            idle.add(fields.get("name").toString());
                        }
                    }
                    return idle;
                })
                .chain(idle -> Multi.createFrom().iterable(idle)
                        .onItem().transformToUniAndConcatenate(name ->
                                streams.xgroupDelConsumer(stream, OrderKeys.WRITER_GROUP, name))
                        .collect().asList().map(List::size));
    }

    /**
     * Every entry still in one slot's stream (orders PostgreSQL may not have yet), oldest first, read in pages. The
     * stream holds only what the writer has not written, so this is bounded by the backlog.
     */
    public Uni<List<StreamMessage<String, String, String>>> readAll(OrderSlot slot) {
        List<StreamMessage<String, String, String>> all = new ArrayList<>();
        return Multi.createBy().repeating()
                .uni(() -> streams.xrange(OrderKeys.placedStream(slot),
                        StreamRange.of(all.isEmpty() ? "-" : "(" + all.get(all.size() - 1).id(), "+"),
                        config.batchSize()).invoke(all::addAll))
                .whilst(page -> page.size() == config.batchSize())
                .collect().last().replaceWith(all);
    }

    /** The id Redis last gave an entry of a slot's stream (deleted or not); empty when the stream does not exist. */
    public Uni<Optional<StreamId>> lastGeneratedId(OrderSlot slot) {
        return redis.execute(Command.XINFO, "STREAM", OrderKeys.placedStream(slot))
                .map(info -> Optional.ofNullable(RedisMaps.fields(info.getDelegate()).get("last-generated-id"))
                        .map(id -> StreamId.parse(id.toString())))
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("no such key"))
                .recoverWithItem(Optional.empty());
    }

    /**
     * Makes sure a slot's stream (and the writer's group) exists and will never again hand out an id at or below
     * {@code floor}: after Redis lost entries PostgreSQL has, new entries must still sort after them.
     */
    public Uni<Void> raiseLastIdTo(OrderSlot slot, StreamId floor) {
        return ensureGroup(slot).chain(() -> lastGeneratedId(slot)).chain(last -> last.isPresent() && last.get().compareTo(floor) >= 0
                ? Uni.createFrom().voidItem()
                : redis.execute(Command.XSETID, OrderKeys.placedStream(slot), floor.toString()).replaceWithVoid());
    }

    public Uni<Void> deadLetter(Map<String, String> fields) {
        return streams.xadd(DEAD_LETTER_STREAM, new XAddArgs().maxlen(config.deadLetterMaxLength()).nearlyExactTrimming(),
                fields).replaceWithVoid();
    }

    /**
     * Adds the events of the written orders to the order event stream, then acknowledges the entries and deletes them:
     * the stream holds only what PostgreSQL may still lack and never grows without bound, and no entry is acknowledged
     * whose events were not added. For the {@code {p}} slot, whose keys share the event stream's slot, all in one
     * MULTI sent as one pipelined write (one round trip); for another slot a MULTI cannot span both, so the events go
     * first and the entries are acknowledged after (a failure between the two redelivers entries whose events were
     * added: they are announced again, as any redelivered written order is).
     */
    public Uni<Void> publishAcknowledgeAndDelete(OrderSlot slot, List<Request> events, List<String> entryIds) {
        if (entryIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Request ack = Request.cmd(Command.XACK).arg(OrderKeys.placedStream(slot)).arg(OrderKeys.WRITER_GROUP);
        Request delete = Request.cmd(Command.XDEL).arg(OrderKeys.placedStream(slot));
        for (String id : entryIds) {
            ack.arg(id);
            delete.arg(id);
        }
        if (slot.equals(OrderSlot.HOME)) {
            List<Request> commands = new ArrayList<>(events.size() + 2);
            commands.addAll(events);
            commands.add(ack);
            commands.add(delete);
            return multi(commands);
        }
        Uni<Void> published = events.isEmpty() ? Uni.createFrom().voidItem() : multi(events);
        return published.chain(() -> multi(List.of(ack, delete)));
    }

    /** The commands in one MULTI, pipelined; fails unless every one of them succeeded. */
    private Uni<Void> multi(List<Request> commands) {
        List<Request> transaction = new ArrayList<>(commands.size() + 2);
        transaction.add(Request.cmd(Command.MULTI));
        transaction.addAll(commands);
        transaction.add(Request.cmd(Command.EXEC));
        return redis.getRedis().batch(transaction).invoke(answers -> {
            Response exec = answers.get(answers.size() - 1).getDelegate();
            if (exec == null || exec.type() != ResponseType.MULTI) {
                throw new IllegalStateException("The MULTI of a written batch was discarded");
            }
            for (Response answer : exec) {
                if (answer != null && answer.type() == ResponseType.ERROR) {
                    throw new IllegalStateException("A command of a written batch failed: " + answer);
                }
            }
        }).replaceWithVoid();
    }
}
