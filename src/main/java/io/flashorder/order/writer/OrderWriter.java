package io.flashorder.order.writer;

import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.order.MalformedOrderException;
import io.flashorder.order.OrderPayloads;
import io.flashorder.order.PlacedOrder;
import io.flashorder.platform.ReactiveContexts;
import io.flashorder.platform.sql.SqlFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
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
 * orders (OrderPlaced, {@link OrderPlacedAnnouncer}) and acknowledging and deleting its entries, in one MULTI.
 * Nothing is acknowledged that PostgreSQL has not committed, so an outage only makes the stream longer; the slot's
 * loop backs off (bounded) and catches up when the database returns. Which entries come next (own pending ones,
 * those a crashed pod left pending longer than {@code claim-idle}, new ones) is each slot's {@link SlotReadLoop}'s. An entry that can never become an order goes to
 * {@value OrderStream#DEAD_LETTER_STREAM} instead of blocking the ones behind it; one PostgreSQL refused is first
 * cancelled and its stock released ({@link RefusedOrderCancellation}).
 */
@ApplicationScoped
public class OrderWriter {

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
    private final DistributionSummary batchEntries;
    private final String consumer;

    private volatile boolean running;
    private volatile Instant lastWriteAt;
    private volatile List<SlotReadLoop> loops = List.of();

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
        this.batchEntries = DistributionSummary.builder("flashorder.order.writer.batch.entries")
                .description("Stream entries the writer handled in one batch (one PostgreSQL transaction)")
                .register(registry);
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
            CompletableFuture.allOf(loops.stream().map(SlotReadLoop::done).toArray(CompletableFuture[]::new))
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
        return running && !loops.isEmpty() && loops.stream().allMatch(SlotReadLoop::alive);
    }

    /** When a batch was last committed to PostgreSQL and acknowledged, if ever since start-up. */
    public Optional<Instant> lastWriteAt() {
        return Optional.ofNullable(lastWriteAt);
    }

    /**
     * One read loop per order slot ({@link SlotReadLoop}): each reads its own slot's stream (a read cannot span slots
     * on a cluster) and hands its batches to {@link #process}. An idle slot's loop costs one blocking XREADGROUP per
     * {@code block} (1 s) and holds one connection of the writer's client while it waits; a read returns as soon as an
     * entry arrives, so the block time changes only that idle cost, never the latency.
     */
    private void start() {
        running = true;
        List<SlotReadLoop> started = OrderSlot.all().stream().map(slot -> new SlotReadLoop(slot, consumer, stream,
                this::process, () -> running, config, contexts, vertx, clock)).toList();
        loops = started;
        Log.infof("Order writer %s reading %s (and the streams of the other %d slots) as group %s", consumer,
                OrderKeys.PLACED_STREAM, started.size() - 1, OrderKeys.WRITER_GROUP);
        started.forEach(SlotReadLoop::start);
    }

    /** Writes a batch of one slot's entries, then announces its orders and acknowledges and deletes the entries. */
    private Uni<Void> process(OrderSlot slot, List<StreamMessage<String, String, String>> messages, StreamId lastEntry) {
        Map<UUID, PersistableOrder> orders = new LinkedHashMap<>();
        Map<UUID, List<StreamMessage<String, String, String>>> messagesByOrder = new LinkedHashMap<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (StreamMessage<String, String, String> message : messages) {
            try {
                PersistableOrder order = decode(slot, fieldsOf(message));
                // The same order twice (at-least-once delivery) is written once and both entries acknowledged.
                orders.putIfAbsent(order.order().id(), order);
                messagesByOrder.computeIfAbsent(order.order().id(), id -> new ArrayList<>()).add(message);
            } catch (RuntimeException e) {
                deadLetters.add(new DeadLetter(message, e.getMessage()));
            }
        }
        List<String> entryIds = messages.stream().map(StreamMessage::id).toList();
        return write(slot, new ArrayList<>(orders.values()), lastEntry)
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
                                batchEntries.record(messages.size());
                                Log.debugf("Order writer %s wrote %d new order(s) from %d entries", consumer,
                                        outcome.inserted(), messages.size());
                            });
                });
    }

    private PersistableOrder decode(OrderSlot slot, Map<String, String> fields) {
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
    private Uni<WriteOutcome> write(OrderSlot slot, List<PersistableOrder> orders, StreamId lastEntry) {
        return repository.insert(orders, slot, lastEntry)
                .map(inserted -> new WriteOutcome(inserted, Map.of()))
                .onFailure(SqlFailures::blamesTheRows).recoverWithUni(failure -> {
                    Log.warnf("PostgreSQL refused a batch of %d order(s) (%s); writing them one by one",
                            orders.size(), failure.getMessage());
                    return writeOneByOne(slot, orders, lastEntry);
                });
    }

    private Uni<WriteOutcome> writeOneByOne(OrderSlot slot, List<PersistableOrder> orders, StreamId lastEntry) {
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

    /** An entry deleted while pending comes back without fields. */
    private static Map<String, String> fieldsOf(StreamMessage<String, String, String> message) {
        return message.payload() == null ? Map.of() : message.payload();
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
