package io.flashorder.events;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.PendingMessage;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads event streams as one consumer of a consumer group, at least once; the one way features consume events
 * (merchant webhooks, buyer notifications). New entries are read as they are appended, each stream by its own
 * {@link NewEntriesLoop} ({@link StreamGroupReaders}: a blocking read of {@link #awaitNew}, then {@link #handleNew}),
 * which hands them to the {@link Handler} and acknowledges those it finished with. An entry it did not finish stays
 * pending; {@link #retryDue()}, on a timer, takes it back with XCLAIM once it has been idle for the back-off of its
 * attempt count (initial × 2^(attempts-1), capped; never less than {@code retry-min-idle}, so an attempt in flight is
 * not duplicated; never one this consumer's loop still has in hand), and after {@code max-attempts} hands it to
 * {@link Handler#giveUp} and acknowledges it. XCLAIM with that minimum idle time is atomic: of two pods looking at the
 * same entry, one gets it. The pending entries are
 * looked at (XPENDING) on every pass while there are some, and when there were none only every half
 * {@code retry-min-idle}: an idle pod does not ask Redis each second for every stream it reads, and no entry becomes
 * due for a retry earlier than that anyway.
 */
public final class StreamGroupConsumer {

    private static final int PENDING_SCAN = 100;

    /** What a consumer does with each entry. */
    public interface Handler {

        /** Emits true when the entry is finished with (it is acknowledged), false to retry it after its back-off. */
        Uni<Boolean> handle(String stream, StreamMessage<String, String, String> message, int attempt);

        /** The entry failed its last attempt: record it where operators look (it is acknowledged afterwards). */
        Uni<Void> giveUp(String stream, StreamMessage<String, String, String> message, int attempts);

        /**
         * Handles the entries of one read; emits the ids of those finished with (acknowledged). By default each entry
         * on its own, {@code parallel} at a time; a handler whose entries share reads may do them for the batch.
         */
        default Uni<Set<String>> handleAll(String stream, List<StreamMessage<String, String, String>> messages,
                                           int attempt, int parallel) {
            return Multi.createFrom().iterable(messages)
                    .onItem().transformToUni(message -> handle(stream, message, attempt)
                            .onFailure().recoverWithItem(e -> {
                                Log.warnf("Entry %s on %s not handled (attempt %d): %s", message.id(), stream,
                                        attempt, e.toString());
                                return false;
                            })
                            .map(finished -> finished ? message.id() : null)).merge(parallel)
                    .collect().asSet();
        }
    }

    /** A handler that always handles a read as a batch: one entry on its own is a batch of one. */
    public interface BatchHandler extends Handler {

        @Override
        default Uni<Boolean> handle(String stream, StreamMessage<String, String, String> message, int attempt) {
            return handleAll(stream, List.of(message), attempt, 1).map(finished -> finished.contains(message.id()));
        }

        @Override
        Uni<Set<String>> handleAll(String stream, List<StreamMessage<String, String, String>> messages, int attempt,
                                   int parallel);
    }

    private final ReactiveStreamCommands<String, String, String> streams;
    /** For the blocking read of new entries only: it holds a connection of its own client while it waits. */
    private final ReactiveStreamCommands<String, String, String> blockingReads;
    private final EventsConfig config;
    private final String group;
    private final String consumer;
    private final List<String> keys;
    private final int parallel;
    private final Handler handler;
    private final Set<String> groupsReady = ConcurrentHashMap.newKeySet();
    /**
     * Entries this consumer's loops read and are handling: pending and idle since their read, but not to be claimed
     * by this consumer's retries (a batch's last entries wait their turn longer than {@code retry-min-idle}).
     */
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();
    /** Per stream, when (System.nanoTime) its pending entries are next looked at. */
    private final Map<String, Long> pendingScanAt = new ConcurrentHashMap<>();

    /**
     * {@code blockingReads} serves {@link #awaitNew} only (the event readers' client, {@link StreamGroupReaders}); a
     * consumer that never waits for new entries (a drain of a retired group) passes {@code redis}.
     */
    StreamGroupConsumer(ReactiveRedisDataSource redis, ReactiveRedisDataSource blockingReads, EventsConfig config,
                        String group, String consumer, List<String> keys, int parallel, Handler handler) {
        this.streams = redis.stream(String.class);
        this.blockingReads = blockingReads.stream(String.class);
        this.config = config;
        this.group = group;
        this.consumer = consumer;
        this.keys = List.copyOf(keys);
        this.parallel = parallel;
        this.handler = handler;
    }

    public String group() {
        return group;
    }

    public List<String> streams() {
        return keys;
    }

    /**
     * Waits up to {@code read-block} for entries of {@code stream} never delivered to the group (creating the group
     * first if needed) and emits them, maybe none; they are this consumer's pending entries from then on.
     */
    Uni<List<StreamMessage<String, String, String>>> awaitNew(String stream) {
        return ensureGroup(stream)
                .chain(() -> blockingReads.xreadgroup(group, consumer, stream, ">",
                        new XReadGroupArgs().count(config.deliverBatchSize()).block(config.readBlock())))
                .map(messages -> messages == null ? List.<StreamMessage<String, String, String>>of() : messages)
                .onFailure().invoke(failure -> forgetGroupIfGone(stream, failure));
    }

    /** Handles entries {@link #awaitNew} read (their first attempt) and acknowledges those finished with. */
    Uni<Void> handleNew(String stream, List<StreamMessage<String, String, String>> messages) {
        List<String> ids = messages.stream().map(message -> stream + " " + message.id()).toList();
        inHand.addAll(ids);
        return handleAll(stream, messages, 1).onTermination().invoke(() -> ids.forEach(inHand::remove));
    }

    /** One pass over every stream's entries due for a retry. Failures are logged, never thrown. */
    public Uni<Void> retryDue() {
        return Multi.createFrom().iterable(keys)
                .onItem().transformToUniAndConcatenate(stream -> ensureGroup(stream)
                        .chain(() -> pendingScanDue(stream) ? retryPending(stream) : Uni.createFrom().voidItem())
                        .onFailure().invoke(e -> {
                            forgetGroupIfGone(stream, e);
                            Log.warnf("Retries of group %s on %s failed (next pass retries): %s", group, stream,
                                    e.toString());
                        })
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    /** The stream or its group was deleted (Redis lost them): the next read creates the group again. */
    private void forgetGroupIfGone(String stream, Throwable failure) {
        if (String.valueOf(failure.getMessage()).contains("NOGROUP")) {
            groupsReady.remove(stream);
        }
    }

    private Uni<Void> ensureGroup(String stream) {
        if (groupsReady.contains(stream)) {
            return Uni.createFrom().voidItem();
        }
        return streams.xgroupCreate(stream, group, "0", new XGroupCreateArgs().mkstream())
                .onFailure(e -> String.valueOf(e.getMessage()).contains("BUSYGROUP")).recoverWithNull()
                .invoke(() -> groupsReady.add(stream))
                .replaceWithVoid();
    }

    private boolean pendingScanDue(String stream) {
        Long at = pendingScanAt.get(stream);
        return at == null || System.nanoTime() - at >= 0;
    }

    /** The stream's pending entries are looked at on the next pass (an entry just handled was left unfinished). */
    private void scanPendingNextRun(String stream) {
        pendingScanAt.put(stream, System.nanoTime());
    }

    private Uni<Void> retryPending(String stream) {
        return streams.xpending(stream, group, StreamRange.of("-", "+"), PENDING_SCAN)
                .invoke(pending -> pendingScanAt.put(stream, System.nanoTime()
                        + (pending == null || pending.isEmpty() ? config.retryMinIdle().toNanos() / 2 : 0)))
                .chain(pending -> Multi.createFrom().iterable(pending == null ? List.<PendingMessage>of() : pending)
                        .onItem().transformToUniAndConcatenate(entry -> retry(stream, entry))
                        .collect().last())
                .replaceWithVoid();
    }

    /**
     * One pass over the pending entries of a group nobody reads new entries for any more ({@link RetiredGroups}):
     * those up to {@code handledUpTo} are retried as by {@link #retryDue()} (back-off, claim, give-up), those after
     * it are acknowledged unhandled (another group delivers them). Emits true once nothing is pending.
     */
    public Uni<Boolean> drainPending(String stream, String handledUpTo) {
        return streams.xpending(stream, group, StreamRange.of("-", "+"), PENDING_SCAN)
                .chain(pending -> {
                    if (pending == null || pending.isEmpty()) {
                        return Uni.createFrom().item(true);
                    }
                    String[] covered = pending.stream().map(PendingMessage::getMessageId)
                            .filter(id -> EventStreams.compareIds(id, handledUpTo) > 0).toArray(String[]::new);
                    Uni<Void> acknowledged = covered.length == 0 ? Uni.createFrom().voidItem()
                            : streams.xack(stream, group, covered).replaceWithVoid();
                    return acknowledged.chain(() -> Multi.createFrom().iterable(pending)
                                    .filter(entry -> EventStreams.compareIds(entry.getMessageId(), handledUpTo) <= 0)
                                    .onItem().transformToUniAndConcatenate(entry -> retry(stream, entry))
                                    .collect().last())
                            .replaceWith(false);
                });
    }

    /**
     * Reads the entries a group nobody reads new entries for any more ({@link RetiredGroups}) was never given, up to
     * {@code handledUpTo}, and handles them as new entries are; the first ones after it are acknowledged unhandled
     * (another group delivers them) and end the drain, and the group is then moved to the end of the stream, so a
     * later pass against a later {@code handledUpTo} does not read again what the other group delivers. Emits true
     * once nothing up to {@code handledUpTo} is left to read (at most {@code deliver-max-batches} reads per call).
     */
    public Uni<Boolean> drainNew(String stream, String handledUpTo) {
        return Multi.createBy().repeating()
                .uni(() -> streams.xreadgroup(group, consumer, stream, ">",
                                new XReadGroupArgs().count(config.deliverBatchSize()))
                        .chain(read -> {
                            List<StreamMessage<String, String, String>> messages = read == null ? List.of() : read;
                            List<StreamMessage<String, String, String>> covered = messages.stream()
                                    .filter(message -> EventStreams.compareIds(message.id(), handledUpTo) <= 0)
                                    .toList();
                            String[] after = messages.stream().map(StreamMessage::id)
                                    .filter(id -> EventStreams.compareIds(id, handledUpTo) > 0).toArray(String[]::new);
                            Uni<Void> acknowledged = after.length == 0 ? Uni.createFrom().voidItem()
                                    : streams.xack(stream, group, after).replaceWithVoid();
                            return acknowledged.chain(() -> handleAll(stream, covered, 1))
                                    .replaceWith(after.length > 0 || messages.size() < config.deliverBatchSize());
                        }))
                .whilst(caughtUp -> !caughtUp)
                .select().first(config.deliverMaxBatches())
                .collect().last()
                .call(caughtUp -> caughtUp ? streams.xgroupSetId(stream, group, "$") : Uni.createFrom().voidItem());
    }

    private Uni<Void> retry(String stream, PendingMessage entry) {
        int attempts = entry.getDeliveryCount();
        Duration wait = attempts >= config.maxAttempts() ? config.retryMinIdle() : backoff(attempts);
        if (entry.getDurationSinceLastDelivery().compareTo(wait) < 0
                || consumer.equals(entry.getConsumer()) && inHand.contains(stream + " " + entry.getMessageId())) {
            return Uni.createFrom().voidItem();
        }
        return streams.xclaim(stream, group, consumer, wait, entry.getMessageId())
                .chain(claimed -> {
                    if (claimed == null || claimed.isEmpty()) {
                        return Uni.createFrom().voidItem(); // another pod took it first
                    }
                    StreamMessage<String, String, String> message = claimed.get(0);
                    if (message.payload() == null || message.payload().isEmpty()) {
                        return ack(stream, message.id()); // trimmed away: nothing left to handle
                    }
                    if (attempts >= config.maxAttempts()) {
                        return handler.giveUp(stream, message, attempts).chain(() -> ack(stream, message.id()));
                    }
                    return handleAll(stream, claimed, attempts + 1);
                });
    }

    /** Back-off before attempt n+1 after n attempts: initial × 2^(n-1), capped, at least retry-min-idle. */
    public Duration backoff(int attempts) {
        Duration next = config.retryInitial().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        if (next.compareTo(config.retryMax()) > 0) {
            next = config.retryMax();
        }
        return next.compareTo(config.retryMinIdle()) < 0 ? config.retryMinIdle() : next;
    }

    /** Handles the messages (a few at a time) and acknowledges the finished ones with one XACK. */
    private Uni<Void> handleAll(String stream, List<StreamMessage<String, String, String>> messages, int attempt) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return handler.handleAll(stream, messages, attempt, parallel)
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("%d entries on %s not handled by %s (attempt %d): %s", messages.size(), stream, group,
                            attempt, e.toString());
                    return Set.of();
                })
                .invoke(finished -> {
                    if (finished.size() < messages.size()) {
                        scanPendingNextRun(stream);
                    }
                })
                .chain(finished -> finished.isEmpty() ? Uni.createFrom().voidItem()
                        : streams.xack(stream, group, finished.toArray(String[]::new)).replaceWithVoid());
    }

    private Uni<Void> ack(String stream, String id) {
        return streams.xack(stream, group, id).replaceWithVoid();
    }
}
