package io.flashorder.logistics.carrier;

import io.flashorder.platform.FlashorderConfig;
import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** A merchant's carrier rules and insurance settings. */
@ApplicationScoped
public class CarrierRuleService {

    private final Pool pool;
    private final CarrierRepository repository;
    private final CarrierProviders providers;
    private final FlashorderConfig platform;
    private final Clock clock;

    public CarrierRuleService(Pool pool, CarrierRepository repository, CarrierProviders providers,
                              FlashorderConfig platform, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.providers = providers;
        this.platform = platform;
        this.clock = clock;
    }

    @Timeout(5000)
    public Uni<List<CarrierRule>> rules(UUID merchantId) {
        return pool.withConnection(connection -> repository.rules(connection, merchantId));
    }

    @Timeout(5000)
    public Uni<CarrierRule> add(UUID merchantId, CarrierRuleRequest request) {
        String carrier = request.carrier().strip();
        if (providers.booking(carrier).isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalidField("carrier", "is not a carrier any provider books"));
        }
        if (!request.regionCode().equals(CarrierRule.ANY_REGION) && !platform.regions().contains(request.regionCode())) {
            return Uni.createFrom().failure(ApiException.invalidField("regionCode", "is not a known region code or *"));
        }
        if (request.maxWeightGrams() < request.minWeightGrams()) {
            return Uni.createFrom().failure(ApiException.invalidField("maxWeightGrams",
                    "must not be below minWeightGrams"));
        }
        CarrierRule rule = new CarrierRule(Ids.newId(), carrier, request.regionCode(), request.minWeightGrams(),
                request.maxWeightGrams(), request.maxDeclaredValue(), request.codSupported(), request.currency(),
                request.baseCost(), request.costPerKg(), request.preferred(), now());
        return pool.withConnection(connection -> repository.insertRule(connection, merchantId, rule)).replaceWith(rule);
    }

    @Timeout(5000)
    public Uni<Void> delete(UUID merchantId, UUID ruleId) {
        return pool.withConnection(connection -> repository.deleteRule(connection, merchantId, ruleId))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw ApiException.notFound("carrier-rule", ruleId);
                    }
                })
                .replaceWithVoid();
    }

    @Timeout(5000)
    public Uni<LogisticsSettingsView> settings(UUID merchantId) {
        return pool.withConnection(connection -> repository.settings(connection, merchantId))
                .map(found -> found.orElse(LogisticsSettingsView.NONE));
    }

    @Timeout(5000)
    public Uni<LogisticsSettingsView> saveSettings(UUID merchantId, LogisticsSettingsRequest request) {
        return pool.withConnection(connection -> repository.saveSettings(connection, merchantId, request, now()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
