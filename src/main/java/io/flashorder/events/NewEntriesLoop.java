package io.flashorder.events;

import io.flashorder.platform.EventLoopPause;
import io.flashorder.platform.ReactiveContexts;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one stream's new entries for a consumer group as they are appended: a blocking XREADGROUP of up to
 * {@code read-block} ({@link StreamGroupConsumer#awaitNew}), whose entries are handled and acknowledged
 * ({@link StreamGroupConsumer#handleNew}) before the next read. An idle stream costs one read per block. A failed read
 * (Redis restarted, the connection dropped) is tried again after a pause, 100 ms doubling up to
 * {@code read-backoff-max}; a failed handling leaves its entries pending for the consumer's retries. The loop runs on
 * a context of its own ({@link ReactiveContexts}) and never blocks a thread: the read waits in Redis, on a connection
 * of the event readers' client.
 */
final class NewEntriesLoop {

    static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    private final StreamGroupConsumer consumer;
    private final String stream;
    private final ReadOutage outage;
    private final EventsConfig config;
    private final ReactiveContexts contexts;
    private final Vertx vertx;

    private volatile boolean running;
    /** Completes once the entries in hand are handled; replaced before each handling (see {@link #stop()}). */
    private volatile CompletableFuture<Void> handled = CompletableFuture.completedFuture(null);
    private Duration pause;

    NewEntriesLoop(StreamGroupConsumer consumer, String stream, ReadOutage outage, EventsConfig config,
                   ReactiveContexts contexts, Vertx vertx) {
        this.consumer = consumer;
        this.stream = stream;
        this.outage = outage;
        this.config = config;
        this.contexts = contexts;
        this.vertx = vertx;
    }

    void start() {
        running = true;
        // Multi.repeating re-subscribes one round after the other without growing a chain (no recursion).
        contexts.run("Reader of " + stream + " for group " + consumer.group(), () -> Multi.createBy().repeating()
                .uni(this::round)
                .until(ignored -> !running)
                .onItem().ignoreAsUni()
                .onTermination().invoke((ignored, failure, cancelled) -> {
                    if (running) {
                        restartAfterDeath(failure);
                    }
                }));
    }

    /**
     * Stops reading. Completes once no entry is in hand: at once when the loop waits in its read (the read ends with
     * the client; whatever it would have returned stays pending, for a retry after its back-off), else when the
     * entries being handled are acknowledged or left pending.
     */
    CompletableFuture<Void> stop() {
        running = false;
        return handled;
    }

    /** One read and the handling of what it returned; never fails (a failure is a pause). Emits the entries read. */
    private Uni<Integer> round() {
        return consumer.awaitNew(stream)
                .chain(entries -> {
                    if (entries.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    CompletableFuture<Void> inHand = new CompletableFuture<>();
                    handled = inHand; // before reading running: stop() either sees it or is seen (both volatile)
                    if (!running) {
                        inHand.complete(null);
                        return Uni.createFrom().item(0); // left pending: the shutdown must not wait for them
                    }
                    return consumer.handleNew(stream, entries).replaceWith(entries.size())
                            .onTermination().invoke(() -> inHand.complete(null));
                })
                .invoke(this::recovered)
                .onFailure().recoverWithUni(this::backOff);
    }

    private void recovered() {
        if (pause != null) {
            outage.recovered(stream);
            pause = null;
        }
    }

    private Uni<Integer> backOff(Throwable failure) {
        if (!running) {
            Log.debugf("Reader of %s stopped: %s", stream, failure.toString());
            return Uni.createFrom().item(0);
        }
        if (pause == null) {
            outage.failed(stream, failure);
            pause = FIRST_PAUSE;
        } else {
            Log.tracef("Reading %s for group %s failed again: %s", stream, consumer.group(), failure.toString());
            pause = pause.multipliedBy(2).compareTo(config.readBackoffMax()) > 0 ? config.readBackoffMax()
                    : pause.multipliedBy(2);
        }
        return EventLoopPause.of(pause, vertx).replaceWith(0);
    }

    /** Rounds never fail (each failure is a pause), so this is a bug; say so loudly and start over. */
    private void restartAfterDeath(Throwable failure) {
        Log.errorf(failure, "Reader of %s for group %s died; restarting in %s", stream, consumer.group(),
                config.readBackoffMax());
        vertx.setTimer(config.readBackoffMax().toMillis(), id -> {
            if (running) {
                start();
            }
        });
    }
}
