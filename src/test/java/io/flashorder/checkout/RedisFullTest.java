package io.flashorder.checkout;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Orders;
import io.flashorder.support.Pricing;
import io.flashorder.support.RedisServer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A Redis at its memory limit refuses writes ({@code maxmemory-policy noeviction}, as redis.conf sets it): a placement
 * is then a 503 to retry, takes no stock and records no Idempotency-Key, and the same key places the order once Redis
 * has room again. What a sale whose Redis was sized too small looks like to its buyers (README: Redis memory).
 */
@QuarkusTest
class RedisFullTest {

    @Inject
    RedisDataSource redis;
    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void aFullRedisRefusesPlacementsWithA503AndTakesNothing() {
        UUID merchant = Catalog.merchant("Full Redis merchant " + UUID.randomUUID());
        UUID warehouse = Catalog.warehouse(merchant, "NORTH");
        UUID sku = Catalog.sku(merchant, "Scarce lamp", 4_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, warehouse, 5);
        Map<String, String> before = stock(sku);
        String buyer = "buyer-" + UUID.randomUUID();
        String key = "full-redis-" + UUID.randomUUID();

        assertThat(RedisServer.cli("CONFIG", "GET", "maxmemory-policy")).contains("noeviction");
        try {
            // One byte: below what Redis holds, so every command that would add memory is refused (OOM).
            RedisServer.cli("CONFIG", "SET", "maxmemory", "1");
            Orders.place(buyer, key, Orders.body(Map.of(sku, 1)))
                    .then().statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                    .body("code", equalTo("stock-unavailable"));
        } finally {
            RedisServer.cli("CONFIG", "SET", "maxmemory", "0");
            breakers.resetAll();
        }
        assertThat(stock(sku)).isEqualTo(before);

        Orders.place(buyer, key, Orders.body(Map.of(sku, 1))).then().statusCode(201);
        assertThat(stock(sku)).containsEntry("available", "4").containsEntry("held", "1");
    }

    private Map<String, String> stock(UUID sku) {
        return redis.hash(String.class).hgetall(InventoryKeys.sku(sku));
    }
}
