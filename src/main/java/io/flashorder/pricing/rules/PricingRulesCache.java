package io.flashorder.pricing.rules;

import io.flashorder.platform.ReactiveContexts;
import io.flashorder.platform.SharedSnapshot;
import io.flashorder.platform.redis.RedisChannels;
import io.flashorder.pricing.rules.editing.RuleChanges;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Keeps the current {@link PricingRules}. Loaded at start-up (retried until PostgreSQL answers), reloaded on every
 * pod when a rule write is announced on the Redis channel {@value #CHANGED_CHANNEL} or that subscription comes back
 * after a Redis restart, and every {@code flashorder.snapshots.reload-every} as a safety net for a missed message
 * (which also drops promotions whose window has ended). Listeners (the pricing snapshot) are told of each new version.
 */
@Singleton
public class PricingRulesCache implements RuleChanges {

    public static final String CHANGED_CHANNEL = "pricing:changed";

    private final PricingRulesLoader loader;
    private final Clock clock;
    private final SharedSnapshot<PricingRules> rules;

    public PricingRulesCache(PricingRulesLoader loader, ReactiveRedisDataSource redis, ReactiveContexts contexts,
                             Clock clock, RedisChannels channels, Vertx vertx) {
        this.loader = loader;
        this.clock = clock;
        this.rules = new SharedSnapshot<>("Pricing rules", CHANGED_CHANNEL, PricingRules.EMPTY, redis, channels,
                contexts, vertx, clock);
    }

    /** Whether the rules were loaded since start-up (readiness waits for them). */
    public boolean loaded() {
        return rules.loaded();
    }

    public PricingRules current() {
        return rules.current();
    }

    public void onChange(Consumer<PricingRules> listener) {
        rules.onChange(listener);
    }

    void onStart(@Observes StartupEvent event) {
        rules.start(this::reload);
    }

    @Scheduled(every = "${flashorder.snapshots.reload-every:30s}", delayed = "${flashorder.snapshots.reload-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicReload() {
        return reload().replaceWithVoid();
    }

    /**
     * Call after a rule change is committed: reloads this pod's rules (and so its pricing snapshot) before the
     * caller answers, then tells the other pods. A failure to announce is logged; the periodic reload catches up.
     */
    @Override
    public Uni<Void> changed() {
        return rules.changed(this::reload);
    }

    @WithSession
    public Uni<PricingRules> reload() {
        return rules.reload(() -> loader.load(clock.instant()));
    }
}
