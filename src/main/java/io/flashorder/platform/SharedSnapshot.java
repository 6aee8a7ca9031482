package io.flashorder.platform;

import io.flashorder.platform.redis.RedisChannels;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An in-memory copy of data read on the hot path (the catalog, the pricing rules), the same on every pod: the pod
 * that commits a change reloads before answering (read-your-writes), then announces it on a Redis channel so the
 * others reload; the owning bean also reloads periodically, as a safety net for a lost message. Two reloads may
 * finish out of order: only the newer one replaces the copy.
 */
public final class SharedSnapshot<T> {

    private static final Duration FIRST_LOAD_RETRY = Duration.ofSeconds(1);

    private final String what;
    private final String channel;
    private final ReactiveRedisDataSource redis;
    private final RedisChannels channels;
    private final ReactiveContexts contexts;
    private final Vertx vertx;
    private final Clock clock;
    private final AtomicReference<T> current;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong started = new AtomicLong();
    private long published;
    private volatile boolean loaded;

    public SharedSnapshot(String what, String channel, T empty, ReactiveRedisDataSource redis, RedisChannels channels,
                          ReactiveContexts contexts, Vertx vertx, Clock clock) {
        this.what = what;
        this.channel = channel;
        this.current = new AtomicReference<>(empty);
        this.redis = redis;
        this.channels = channels;
        this.contexts = contexts;
        this.vertx = vertx;
        this.clock = clock;
    }

    public T current() {
        return current.get();
    }

    public void onChange(Consumer<T> listener) {
        listeners.add(listener);
    }

    /**
     * At start-up: listen for other pods' announcements (and reload after a lost subscription is back, since the
     * announcements of the meantime are gone), and take the first copy, retrying every second until one loads
     * (PostgreSQL may be down when the pod starts); {@code reload} opens its session.
     */
    public void start(Supplier<Uni<T>> reload) {
        channels.subscribe(channel, message -> contexts.run(what + " reload", reload::get),
                () -> contexts.run(what + " reload after resubscription", reload::get));
        firstLoad(reload);
    }

    /** Whether a copy was loaded since start-up (until then the hot path cannot be served: readiness waits). */
    public boolean loaded() {
        return loaded;
    }

    private void firstLoad(Supplier<Uni<T>> reload) {
        contexts.run(what + " load", () -> reload.get().onFailure().invoke(failure -> {
            Log.warnf("%s not loaded yet (%s); retrying in %s", what, failure.toString(), FIRST_LOAD_RETRY);
            vertx.setTimer(FIRST_LOAD_RETRY.toMillis(), id -> firstLoad(reload));
        }));
    }

    /** Loads a new copy and keeps it unless a newer load finished first. */
    public Uni<T> reload(Supplier<Uni<T>> load) {
        long generation = started.incrementAndGet();
        return load.get().invoke(loaded -> keep(generation, loaded));
    }

    /** After a committed change: {@code reload} this pod first, then tell the others. Never fails the caller. */
    public Uni<Void> changed(Supplier<Uni<T>> reload) {
        return reload.get().chain(() -> redis.pubsub(String.class).publish(channel, clock.instant().toString()))
                .onFailure().invoke(e -> Log.warnf("%s change not announced (the periodic reload will catch up): %s",
                        what, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private synchronized void keep(long generation, T snapshot) {
        loaded = true;
        if (generation > published) {
            published = generation;
            current.set(snapshot);
            listeners.forEach(listener -> listener.accept(snapshot));
        }
    }
}
