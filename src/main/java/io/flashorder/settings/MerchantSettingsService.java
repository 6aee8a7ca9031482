package io.flashorder.settings;

import io.flashorder.platform.ReactiveContexts;
import io.flashorder.platform.SharedSnapshot;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;
import io.flashorder.platform.redis.RedisChannels;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Per-merchant settings over platform defaults. Every pod keeps all of them in memory (the checkout reads the
 * payment timeout on its hot path without a database call) as a {@link SharedSnapshot}: loaded at start-up (retried
 * until PostgreSQL answers), reloaded on every pod when a change is announced on {@value #CHANGED_CHANNEL} or that
 * subscription comes back after a Redis restart, and periodically in case a message was missed.
 */
@Singleton
public class MerchantSettingsService {

    public static final String CHANGED_CHANNEL = "merchant-settings:changed";

    private final MerchantSettingsRepository repository;
    private final MerchantDefaults defaults;
    private final Clock clock;
    private final WebhookTargets webhookTargets;
    private final SharedSnapshot<Map<UUID, MerchantSettings>> snapshot;

    public MerchantSettingsService(MerchantSettingsRepository repository, MerchantDefaults defaults,
                                   ReactiveRedisDataSource redis, ReactiveContexts contexts, Clock clock,
                                   WebhookTargets webhookTargets, RedisChannels channels, Vertx vertx) {
        this.repository = repository;
        this.defaults = defaults;
        this.clock = clock;
        this.webhookTargets = webhookTargets;
        this.snapshot = new SharedSnapshot<>("Merchant settings", CHANGED_CHANNEL, Map.of(), redis, channels,
                contexts, vertx, clock);
    }

    void onStart(@Observes StartupEvent event) {
        snapshot.start(this::reload);
    }

    /** Whether the settings were loaded since start-up (readiness waits for them). */
    public boolean loaded() {
        return snapshot.loaded();
    }

    @Scheduled(every = "${flashorder.snapshots.reload-every:30s}", delayed = "${flashorder.snapshots.reload-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicReload() {
        return reload().replaceWithVoid();
    }

    /** The settings of a merchant (its own choices over the defaults); never a database call. */
    public MerchantSettings of(UUID merchantId) {
        MerchantSettings settings = snapshot.current().get(merchantId);
        return settings == null ? MerchantSettings.none(merchantId) : settings;
    }

    public MerchantDefaults defaults() {
        return defaults;
    }

    /** The time to pay an order spanning these merchants: the shortest of their timeouts. */
    public Duration paymentTimeout(Collection<UUID> merchantIds) {
        return merchantIds.stream().map(id -> of(id).paymentTimeout(defaults)).min(Duration::compareTo)
                .orElse(defaults.paymentTimeout());
    }

    public int autoConfirmDays(UUID merchantId) {
        return of(merchantId).autoConfirmDays(defaults);
    }

    public int afterSalesDays(UUID merchantId) {
        return of(merchantId).afterSalesDays(defaults);
    }

    public SettingsView view(UUID merchantId) {
        return SettingsView.of(of(merchantId), defaults);
    }

    /** Replaces a merchant's settings; this pod sees them at once, the others on the change message. */
    public Uni<SettingsView> update(UUID merchantId, SettingsRequest request) {
        MerchantSettings current = of(merchantId);
        MerchantSettings next = validated(merchantId, request, current);
        return repository.save(next, clock.instant())
                .chain(version -> snapshot.changed(this::reload))
                .map(ignored -> view(merchantId));
    }

    public Uni<Map<UUID, MerchantSettings>> reload() {
        return snapshot.reload(() -> repository.findAll().map(all -> all.stream()
                        .collect(Collectors.toUnmodifiableMap(MerchantSettings::merchantId, Function.identity()))))
                .onFailure().invoke(e -> Log.warnf("Merchant settings not reloaded: %s", e.toString()));
    }

    private MerchantSettings validated(UUID merchantId, SettingsRequest request, MerchantSettings current) {
        List<FieldViolation> violations = new ArrayList<>();
        String url = request.webhookUrl() == null || request.webhookUrl().isBlank() ? null
                : request.webhookUrl().strip();
        if (url != null && WebhookTargets.httpHost(url) == null) {
            violations.add(new FieldViolation("webhookUrl", "must be an absolute http or https URL"));
        } else if (url != null && !webhookTargets.allows(url)) {
            violations.add(new FieldViolation("webhookUrl",
                    "must name a public host (no IP address, localhost or local network name)"));
        }
        String secret = url == null ? null
                : request.webhookSecret() != null ? request.webhookSecret() : current.webhookSecret();
        if (url != null && secret == null) {
            violations.add(new FieldViolation("webhookSecret", "is required with a webhookUrl (16-256 characters)"));
        }
        if (url == null && request.webhookSecret() != null) {
            violations.add(new FieldViolation("webhookSecret", "needs a webhookUrl"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid("The settings are not consistent", violations);
        }
        return new MerchantSettings(merchantId, request.paymentTimeoutSeconds(), request.autoConfirmDays(),
                request.afterSalesDays(), url, secret, current.version());
    }
}
