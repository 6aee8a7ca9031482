package io.flashorder.pricing.rules;

import io.flashorder.platform.ReactiveContexts;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps the current {@link PricingRules}. Loaded at start-up, reloaded on every pod when a rule write is announced
 * on the Redis channel {@value #CHANGED_CHANNEL}, and every 30 s as a safety net for a missed message (which also
 * drops promotions whose window has ended). Listeners (the pricing snapshot) are told of each new version.
 */
@ApplicationScoped
public class PricingRulesCache {

    public static final String CHANGED_CHANNEL = "pricing:changed";

    private final PricingRulesLoader loader;
    private final ReactiveRedisDataSource redis;
    private final ReactiveContexts contexts;
    private final Clock clock;
    private final AtomicReference<PricingRules> current = new AtomicReference<>(PricingRules.EMPTY);
    private final List<Consumer<PricingRules>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong started = new AtomicLong();
    private long published;

    public PricingRulesCache(PricingRulesLoader loader, ReactiveRedisDataSource redis, ReactiveContexts contexts,
                             Clock clock) {
        this.loader = loader;
        this.redis = redis;
        this.contexts = contexts;
        this.clock = clock;
    }

    public PricingRules current() {
        return current.get();
    }

    public void onChange(Consumer<PricingRules> listener) {
        listeners.add(listener);
    }

    void onStart(@Observes StartupEvent event) {
        redis.pubsub(String.class).subscribe(CHANGED_CHANNEL)
                .subscribe().with(message -> reloadOnContext(), failure ->
                        Log.warnf("Pricing rule change subscription ended: %s", failure.toString()));
        reloadOnContext();
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicReload() {
        return reload().replaceWithVoid();
    }

    /**
     * Call after a rule change is committed: reloads this pod's rules (and so its pricing snapshot) before the
     * caller answers, then tells the other pods. A failure to announce is logged; the periodic reload catches up.
     */
    public Uni<Void> changed() {
        return reload().chain(() -> redis.pubsub(String.class).publish(CHANGED_CHANNEL, clock.instant().toString()))
                .onFailure().invoke(e -> Log.warnf("Pricing rule change not announced (the 30 s reload will catch up): %s",
                        e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @WithSession
    public Uni<PricingRules> reload() {
        long generation = started.incrementAndGet();
        return loader.load(clock.instant()).invoke(rules -> publish(generation, rules));
    }

    /** Two reloads may finish out of order; only a newer one replaces the rules. */
    private synchronized void publish(long generation, PricingRules rules) {
        if (generation > published) {
            published = generation;
            current.set(rules);
            listeners.forEach(listener -> listener.accept(rules));
        }
    }

    private void reloadOnContext() {
        contexts.run("Pricing rules reload", this::reload);
    }
}
