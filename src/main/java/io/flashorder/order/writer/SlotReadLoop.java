package io.flashorder.order.writer;

import io.flashorder.inventory.OrderSlot;
import io.flashorder.platform.EventLoopPause;
import io.flashorder.platform.ReactiveContexts;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The writer's read loop of one slot's placed-orders stream: decides which entries the writer handles next and keeps
 * going round. Own unacknowledged entries first (after a failed round), then, every {@code claim-every}, entries a
 * dead consumer left pending longer than {@code claim-idle} (XAUTOCLAIM), else new entries (a blocking XREADGROUP of
 * up to {@code block}). Each batch goes to the {@link Batches} handler with its watermark, the highest entry id in
 * it; a failed round backs off (100 ms doubling to {@code max-backoff}) and reads its own pending entries again.
 * Its state is touched only by its own loop, one round at a time; loops of different slots share nothing but the
 * pod's consumer name.
 */
final class SlotReadLoop {

    /** What the writer does with a batch of entries: handle (write, acknowledge) them, or fail the round. */
    @FunctionalInterface
    interface Batches {
        Uni<Void> handle(OrderSlot slot, List<StreamMessage<String, String, String>> entries, StreamId watermark);
    }

    private static final String CLAIM_SCAN_DONE = "0-0";

    private final OrderSlot slot;
    private final String consumer;
    private final OrderStream stream;
    private final Batches batches;
    private final BooleanSupplier running;
    private final OrderWriterConfig config;
    private final ReactiveContexts contexts;
    private final Vertx vertx;
    private final Clock clock;

    private volatile boolean loopDead;
    private volatile Instant lastRoundAt;
    private volatile CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    private boolean groupReady;
    private boolean ownPendingFirst = true;
    private String claimCursor = CLAIM_SCAN_DONE;
    private Instant nextClaimAt = Instant.MIN;
    private Instant nextForgetAt = Instant.MIN;
    private Duration backoff;

    SlotReadLoop(OrderSlot slot, String consumer, OrderStream stream, Batches batches, BooleanSupplier running,
                 OrderWriterConfig config, ReactiveContexts contexts, Vertx vertx, Clock clock) {
        this.slot = slot;
        this.consumer = consumer;
        this.stream = stream;
        this.batches = batches;
        this.running = running;
        this.config = config;
        this.contexts = contexts;
        this.vertx = vertx;
        this.clock = clock;
    }

    /** Completes when the loop has stopped (after {@code running} turned false and the round in progress ended). */
    CompletableFuture<Void> done() {
        return done;
    }

    /** Not dead, and went round within {@code stall-after}. */
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
        contexts.run("Order writer loop " + slot, () -> Multi.createBy().repeating().uni(this::round)
                .until(ignored -> !running.getAsBoolean())
                .onItem().ignoreAsUni()
                .onTermination().invoke((ignored, failure, cancelled) -> {
                    finished.complete(null);
                    if (running.getAsBoolean()) {
                        restartAfterDeath(failure);
                    }
                }));
    }

    /** Rounds never fail (each failure is a back-off), so this is a bug; say so loudly and start over. */
    private void restartAfterDeath(Throwable failure) {
        loopDead = true;
        Log.errorf(failure, "Order writer loop of slot %s died; restarting in %s", slot, config.maxBackoff());
        vertx.setTimer(config.maxBackoff().toMillis(), id -> {
            if (running.getAsBoolean()) {
                start();
            }
        });
    }

    /** One round: read a batch and have it handled. Emits the number of entries handled. */
    private Uni<Integer> round() {
        lastRoundAt = clock.instant();
        return Uni.createFrom().deferred(this::nextBatch)
                .chain(entries -> entries.isEmpty() ? Uni.createFrom().item(0)
                        : batches.handle(slot, entries, watermark(entries)).replaceWith(entries.size()))
                .invoke(ignored -> backoff = null)
                .onFailure().recoverWithUni(this::backOff);
    }

    private static StreamId watermark(List<StreamMessage<String, String, String>> entries) {
        return entries.stream().map(entry -> StreamId.parse(entry.id())).max(StreamId::compareTo).orElseThrow();
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
                return claim();
            }
            return stream.readNew(slot, consumer);
        });
    }

    private Uni<List<StreamMessage<String, String, String>>> claim() {
        return stream.claimAbandoned(slot, consumer, claimCursor).map(claimed -> {
            claimCursor = claimed.getId() == null ? CLAIM_SCAN_DONE : claimed.getId();
            if (CLAIM_SCAN_DONE.equals(claimCursor)) {
                nextClaimAt = clock.instant().plus(config.claimEvery());
                forgetLongGoneConsumers();
            }
            if (!claimed.getMessages().isEmpty()) {
                Log.infof("Order writer %s claimed %d abandoned entries of slot %s", consumer,
                        claimed.getMessages().size(), slot);
            }
            return claimed.getMessages();
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

    private Uni<Integer> backOff(Throwable failure) {
        // The entries of this round stay pending with this consumer: read them again before anything new.
        ownPendingFirst = true;
        groupReady = false; // the stream may have been deleted (NOGROUP): re-create the group, it is idempotent
        backoff = backoff == null ? config.minBackoff() : min(backoff.multipliedBy(2), config.maxBackoff());
        Log.warnf("Order writer %s, slot %s: round failed (%s); entries stay in the stream, retrying in %d ms",
                consumer, slot, failure.toString(), backoff.toMillis());
        return running.getAsBoolean() ? EventLoopPause.of(backoff, vertx).replaceWith(0) : Uni.createFrom().item(0);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
