package io.flashorder.order.writer;

import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.order.MalformedOrderException;
import io.flashorder.order.OrderPayloads;
import io.flashorder.order.PlacedOrder;
import io.flashorder.platform.ReactiveContexts;
import io.flashorder.platform.sql.SqlFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves accepted orders from the placed-orders stream into PostgreSQL: one consumer of the {@code order-writers}
 * group per pod, reading batches, writing each batch in one transaction (idempotent), and only then announcing its
 * orders (OrderPlaced, {@link OrderPlacedAnnouncer}) and acknowledging and deleting its entries, in one MULTI. Nothing is acknowledged that PostgreSQL has not committed, so an outage only makes the
 * stream longer; the loop backs off (bounded) and catches up when the database returns. Entries left pending by a
 * crashed pod are claimed after {@code claim-idle}. An entry that can never become an order goes to
 * {@value OrderStream#DEAD_LETTER_STREAM} instead of blocking the ones behind it; one PostgreSQL refused is first
 * cancelled and its stock released ({@link RefusedOrderCancellation}).
 */
@ApplicationScoped
public class OrderWriter {

    private static final String CLAIM_SCAN_DONE = "0-0";

    private final OrderStream stream;
    private final OrderBatchRepository repository;
    private final OrderPayloads payloads;
    private final RefusedOrderCancellation refusedOrders;
    private final OrderPlacedAnnouncer announcer;
    private final OrderWriterConfig config;
    private final ReactiveContexts contexts;
    private final Vertx vertx;
    private final Clock clock;
    private final Counter written;
    private final Counter deadLettered;
    private final String consumer;

    private volatile boolean running;
    private volatile Instant lastWriteAt;
    private volatile List<SlotLoop> loops = List.of();

    public OrderWriter(OrderStream stream, OrderBatchRepository repository, OrderPayloads payloads,
                       RefusedOrderCancellation refusedOrders, OrderPlacedAnnouncer announcer, OrderWriterConfig config, ReactiveContexts contexts, Vertx vertx,
                       Clock clock, MeterRegistry registry) {
        this.stream = stream;
        this.repository = repository;
        this.payloads = payloads;
        this.refusedOrders = refusedOrders;
        this.announcer = announcer;
        this.config = config;
        this.contexts = contexts;
        this.vertx = vertx;
        this.clock = clock;
        this.written = Counter.builder("flashorder.orders.written")
                .description("Orders the writer inserted into PostgreSQL").register(registry);
        this.deadLettered = Counter.builder("flashorder.order.dead.letters")
                .description("Stream entries moved to the dead-letter stream").register(registry);
        this.consumer = consumerName();
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Order writer disabled (flashorder.order-writer.enabled=false)");
            return;
        }
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        try {
            // Lets the round in progress commit and acknowledge; what it cannot finish stays pending and is
            // claimed by another pod after claim-idle.
            CompletableFuture.allOf(loops.stream().map(loop -> loop.done).toArray(CompletableFuture[]::new))
                    .get(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
            Log.infof("Order writer %s stopped", consumer);
        } catch (TimeoutException e) {
            Log.warnf("Order writer %s did not stop within %s; its pending entries will be claimed", consumer,
                    config.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            Log.warnf("Order writer %s ended with %s", consumer, e.getCause());
        }
    }

    public String consumer() {
        return consumer;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** True while the loop of every slot runs and has gone round recently; false if one died or is stuck. */
    public boolean alive() {
        return running && !loops.isEmpty() && loops.stream().allMatch(SlotLoop::alive);
    }

    /** When a batch was last committed to PostgreSQL and acknowledged, if ever since start-up. */
    public Optional<Instant> lastWriteAt() {
        return Optional.ofNullable(lastWriteAt);
    }

    /** One loop per order slot: each reads its own slot's stream (a read cannot span slots on a cluster). */
    private void start() {
        running = true;
        List<SlotLoop> started = OrderSlot.all().stream().map(SlotLoop::new).toList();
        loops = started;
        Log.infof("Order writer %s reading %s (and the streams of the other %d slots) as group %s", consumer,
                OrderKeys.PLACED_STREAM, started.size() - 1, OrderKeys.WRITER_GROUP);
        started.forEach(SlotLoop::start);
    }

    /**
     * The writer of one slot's placed-orders stream. Its state is touched only by its own loop, one round at a time;
     * the loops of different slots share nothing but the pod's consumer name and the database.
     */
    private final class SlotLoop {

        private final OrderSlot slot;
        private volatile boolean loopDead;
        private volatile Instant lastRoundAt;
        private volatile CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        private boolean groupReady;
        private boolean ownPendingFirst = true;
        private String claimCursor = CLAIM_SCAN_DONE;
        private Instant nextClaimAt = Instant.MIN;
        private Instant nextForgetAt = Instant.MIN;
        private Duration backoff;

        SlotLoop(OrderSlot slot) {
            this.slot = slot;
        }

        boolean alive() {
            Instant last = lastRoundAt;
            return !loopDead && last != null && last.isAfter(clock.instant().minus(config.stallAfter()));
        }

        void start() {
            loopDead = false;
            lastRoundAt = clock.instant();
            CompletableFuture<Void> finished = new CompletableFuture<>();
            done = finished;
            // Multi.repeating re-subscribes one round after the other without growing a chain (no recursion).
            contexts.run("Order writer loop " + slot, () -> Multi.createBy().repeating().uni(this::round).until(ignored -> !running)
                    .onItem().ignoreAsUni()
                    .onTermination().invoke((ignored, failure, cancelled) -> {
                        finished.complete(null);
                        if (running) {
                            restartAfterDeath(failure);
                        }
                    }));
        }

        /** Rounds never fail (each failure is a back-off), so this is a bug; say so loudly and start over. */
        private void restartAfterDeath(Throwable failure) {
            loopDead = true;
            Log.errorf(failure, "Order writer loop of slot %s died; restarting in %s", slot, config.maxBackoff());
            vertx.setTimer(config.maxBackoff().toMillis(), id -> {
                if (running) {
                    start();
                }
            });
        }

        /** One round: read a batch, write it, acknowledge it. Emits the number of entries handled. */
        private Uni<Integer> round() {
            lastRoundAt = clock.instant();
            return Uni.createFrom().deferred(this::nextBatch)
                    .chain(this::process)
                    .invoke(ignored -> backoff = null)
                    .onFailure().recoverWithUni(this::backOff);
        }

        /** Own unacknowledged entries first (after a failure), then abandoned ones when a claim is due, else new ones. */
        private Uni<List<StreamMessage<String, String, String>>> nextBatch() {
            Uni<Void> ready = groupReady ? Uni.createFrom().voidItem()
                    : stream.ensureGroup(slot).invoke(() -> groupReady = true);
            return ready.chain(() -> {
                if (ownPendingFirst) {
                    return stream.readOwnPending(slot, consumer).invoke(messages -> ownPendingFirst = !messages.isEmpty());
                }
                if (!clock.instant().isBefore(nextClaimAt)) {
                    return stream.claimAbandoned(slot, consumer, claimCursor).map(claimed -> {
                        claimCursor = claimed.getId() == null ? CLAIM_SCAN_DONE : claimed.getId();
                        if (CLAIM_SCAN_DONE.equals(claimCursor)) {
                            nextClaimAt = clock.instant().plus(config.claimEvery());
                            forgetLongGoneConsumers();
                        }
                        if (!claimed.getMessages().isEmpty()) {
                            Log.infof("Order writer %s claimed %d abandoned entries of slot %s", consumer, claimed.getMessages().size(), slot);
                        }
                        return claimed.getMessages();
                    });
                }
                return stream.readNew(slot, consumer);
            });
        }

        /** Housekeeping after a claim scan, at most every consumer-expiry; never fails the round. */
        private void forgetLongGoneConsumers() {
            if (clock.instant().isBefore(nextForgetAt)) {
                return;
            }
            nextForgetAt = clock.instant().plus(config.consumerExpiry());
            stream.forgetIdleConsumers(slot, config.consumerExpiry()).subscribe().with(
                    removed -> {
                        if (removed > 0) {
                            Log.infof("Order writer %s removed %d long-idle consumer(s) from the group", consumer, removed);
                        }
                    },
                    failure -> Log.debugf("Idle consumers not removed: %s", failure.toString()));
        }

        private Uni<Integer> process(List<StreamMessage<String, String, String>> messages) {
            if (messages.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Map<UUID, PersistableOrder> orders = new LinkedHashMap<>();
            Map<UUID, List<StreamMessage<String, String, String>>> messagesByOrder = new LinkedHashMap<>();
            List<DeadLetter> deadLetters = new ArrayList<>();
            for (StreamMessage<String, String, String> message : messages) {
                try {
                    PersistableOrder order = decode(fieldsOf(message));
                    // The same order twice (at-least-once delivery) is written once and both entries acknowledged.
                    orders.putIfAbsent(order.order().id(), order);
                    messagesByOrder.computeIfAbsent(order.order().id(), id -> new ArrayList<>()).add(message);
                } catch (RuntimeException e) {
                    deadLetters.add(new DeadLetter(message, e.getMessage()));
                }
            }
            List<String> entryIds = messages.stream().map(StreamMessage::id).toList();
            StreamId lastEntry = entryIds.stream().map(StreamId::parse).max(StreamId::compareTo).orElseThrow();
            return write(new ArrayList<>(orders.values()), lastEntry)
                    .chain(outcome -> {
                        outcome.refused().forEach((orderId, reason) -> messagesByOrder.get(orderId)
                                .forEach(message -> deadLetters.add(new DeadLetter(message, reason))));
                        // A refused order gives its stock back before its entry is acknowledged.
                        // Every written order is announced, also one a redelivered entry wrote before: the previous
                        // attempt may have committed and then failed before it announced anything.
                        List<PersistableOrder> toAnnounce = orders.values().stream()
                                .filter(order -> !outcome.refused().containsKey(order.order().id())).toList();
                        return refusedOrders.cancel(outcome.refused().keySet().stream().map(orders::get).toList())
                                .chain(() -> moveToDeadLetters(deadLetters))
                                .chain(() -> stream.publishAcknowledgeAndDelete(slot,
                                        announcer.events(toAnnounce, clock.instant()), entryIds))
                                .invoke(() -> {
                                    lastWriteAt = clock.instant();
                                    written.increment(outcome.inserted());
                                    Log.debugf("Order writer %s wrote %d new order(s) from %d entries", consumer,
                                            outcome.inserted(), messages.size());
                                });
                    })
                    .replaceWith(messages.size());
        }

        private PersistableOrder decode(Map<String, String> fields) {
            PlacedOrder order = payloads.order(fields.get("payload"));
            String orderId = fields.get("orderId");
            if (order.id() == null || orderId == null || !orderId.equalsIgnoreCase(order.id().toString())) {
                throw new MalformedOrderException("the entry's orderId " + orderId + " does not match the payload's id");
            }
            return PersistableOrder.of(slot, order, payloads.allocations(fields.get("allocation")));
        }

        /**
         * The whole batch in one transaction. If PostgreSQL refuses it for its data (not for being unreachable), each
         * order is written alone, so only the offending ones are set aside.
         */
        private Uni<WriteOutcome> write(List<PersistableOrder> orders, StreamId lastEntry) {
            return repository.insert(orders, slot, lastEntry)
                    .map(inserted -> new WriteOutcome(inserted, Map.of()))
                    .onFailure(SqlFailures::blamesTheRows).recoverWithUni(failure -> {
                        Log.warnf("PostgreSQL refused a batch of %d order(s) (%s); writing them one by one",
                                orders.size(), failure.getMessage());
                        return writeOneByOne(orders, lastEntry);
                    });
        }

        private Uni<WriteOutcome> writeOneByOne(List<PersistableOrder> orders, StreamId lastEntry) {
            return Multi.createFrom().iterable(orders)
                    .onItem().transformToUniAndConcatenate(order -> repository.insert(List.of(order), slot, lastEntry)
                            .map(inserted -> new WriteOutcome(inserted, Map.of()))
                            .onFailure(SqlFailures::blamesTheRows).recoverWithItem(failure -> new WriteOutcome(0,
                                    Map.of(order.order().id(), "PostgreSQL refused the order: " + failure.getMessage()))))
                    .collect().asList().map(WriteOutcome::sum);
        }

        private Uni<Void> moveToDeadLetters(List<DeadLetter> deadLetters) {
            return Multi.createFrom().iterable(deadLetters)
                    .onItem().transformToUniAndConcatenate(letter -> stream.deadLetter(letter.fields(consumer, clock.instant()))
                            .invoke(() -> {
                                deadLettered.increment();
                                Log.errorf("Order stream entry %s (order %s) moved to %s: %s", letter.message().id(),
                                        fieldsOf(letter.message()).getOrDefault("orderId", "?"),
                                        OrderStream.DEAD_LETTER_STREAM, letter.reason());
                            }))
                    .collect().last().replaceWithVoid();
        }

        private Uni<Integer> backOff(Throwable failure) {
            // The entries of this round stay pending with this consumer: read them again before anything new.
            ownPendingFirst = true;
            groupReady = false; // the stream may have been deleted (NOGROUP): re-create the group, it is idempotent
            backoff = backoff == null ? config.minBackoff() : min(backoff.multipliedBy(2), config.maxBackoff());
            Log.warnf("Order writer %s, slot %s: round failed (%s); entries stay in the stream, retrying in %d ms",
                    consumer, slot, failure.toString(), backoff.toMillis());
            return running ? pause(backoff).replaceWith(0) : Uni.createFrom().item(0);
        }
    }

    /** A Vert.x timer on the loop's own context: no thread blocked, and the loop resumes where it was. */
    private Uni<Void> pause(Duration duration) {
        return Uni.createFrom().emitter(emitter -> {
            long timer = vertx.setTimer(Math.max(1, duration.toMillis()), id -> emitter.complete(null));
            emitter.onTermination(() -> vertx.cancelTimer(timer));
        });
    }

    /** An entry deleted while pending comes back without fields. */
    private static Map<String, String> fieldsOf(StreamMessage<String, String, String> message) {
        return message.payload() == null ? Map.of() : message.payload();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The pod's name (HOSTNAME in Kubernetes) plus a random suffix, so a restarted pod is a new consumer. */
    private static String consumerName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "flashorder");
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        return host + "-" + HexFormat.of().formatHex(suffix);
    }

    /** Orders newly inserted, and those PostgreSQL refused for their data (order id → reason). */
    private record WriteOutcome(int inserted, Map<UUID, String> refused) {

        static WriteOutcome sum(List<WriteOutcome> outcomes) {
            Map<UUID, String> refused = new LinkedHashMap<>();
            outcomes.forEach(outcome -> refused.putAll(outcome.refused()));
            return new WriteOutcome(outcomes.stream().mapToInt(WriteOutcome::inserted).sum(), refused);
        }
    }

    private record DeadLetter(StreamMessage<String, String, String> message, String reason) {

        Map<String, String> fields(String consumer, Instant at) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("entryId", message.id());
            Map<String, String> entry = fieldsOf(message);
            fields.put("orderId", orEmpty(entry.get("orderId")));
            fields.put("error", orEmpty(reason));
            fields.put("payload", orEmpty(entry.get("payload")));
            fields.put("allocation", orEmpty(entry.get("allocation")));
            fields.put("consumer", consumer);
            fields.put("failedAt", at.toString());
            return fields;
        }

        private static String orEmpty(String value) {
            return value == null ? "" : value;
        }
    }
}
