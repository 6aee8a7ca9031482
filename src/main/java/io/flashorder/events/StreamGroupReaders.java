package io.flashorder.events;

import io.flashorder.platform.ReactiveContexts;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes the event consumers ({@link StreamGroupConsumer}) and keeps reading their new entries: one
 * {@link NewEntriesLoop} per stream, blocking in Redis on the {@code event-readers} client (a blocking XREADGROUP
 * holds one of its connections for up to {@code read-block}, and must never take one from the pool that serves
 * requests, nor from the order writer's). At shutdown the loops stop, and the entries in hand are finished first.
 */
@ApplicationScoped
public class StreamGroupReaders {

    private final ReactiveRedisDataSource redis;
    private final ReactiveRedisDataSource blockingReads;
    private final EventsConfig config;
    private final ReactiveContexts contexts;
    private final Vertx vertx;
    private final Set<StreamGroupConsumer> reading = ConcurrentHashMap.newKeySet();
    private final List<NewEntriesLoop> loops = new ArrayList<>();
    private boolean stopped;

    public StreamGroupReaders(ReactiveRedisDataSource redis,
                              @RedisClientName("event-readers") ReactiveRedisDataSource blockingReads,
                              EventsConfig config, ReactiveContexts contexts, Vertx vertx) {
        this.redis = redis;
        this.blockingReads = blockingReads;
        this.config = config;
        this.contexts = contexts;
        this.vertx = vertx;
    }

    /** A consumer of {@code group} on {@code streams}; its new entries are read once {@link #readAsAppended} runs. */
    public StreamGroupConsumer consumer(String group, String consumer, List<String> streams, int parallel,
                                       StreamGroupConsumer.Handler handler) {
        return new StreamGroupConsumer(redis, blockingReads, config, group, consumer, streams, parallel, handler);
    }

    /** Starts the consumer's loops, one per stream, unless they run already (or the application is stopping). */
    public void readAsAppended(StreamGroupConsumer consumer) {
        synchronized (loops) {
            if (stopped || !reading.add(consumer)) {
                return;
            }
            ReadOutage outage = new ReadOutage(consumer.group());
            List<NewEntriesLoop> started = consumer.streams().stream()
                    .map(stream -> new NewEntriesLoop(consumer, stream, outage, config, contexts, vertx)).toList();
            loops.addAll(started);
            started.forEach(NewEntriesLoop::start);
        }
        Log.infof("Group %s read as appended on %d stream(s)", consumer.group(), consumer.streams().size());
    }

    void onStop(@Observes ShutdownEvent event) {
        CompletableFuture<?>[] inHand;
        synchronized (loops) {
            stopped = true;
            inHand = loops.stream().map(NewEntriesLoop::stop).toArray(CompletableFuture[]::new);
        }
        try {
            CompletableFuture.allOf(inHand).get(config.readerShutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Log.warnf("Event readers still handling entries after %s; they stay pending and are retried",
                    config.readerShutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            Log.warnf("Event readers stopped with %s", e.getCause());
        }
    }
}
