package io.flashorder.platform;

import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.pricing.rules.PricingRulesCache;
import io.flashorder.settings.MerchantSettingsService;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.RedisServer;
import io.flashorder.support.TestProfiles;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 15, defect 2: after Redis restarts, the pod is subscribed again to every channel it listens to, re-reads
 * what it may have missed meanwhile, and learns and forgets sold-out SKUs as before. The sold-out memory is a
 * minute long here, so only the restock message can make the pod forget a sold-out SKU in time.
 */
@QuarkusTest
@TestProfile(TestProfiles.RedisRestarts.class)
class SubscriptionsAfterRedisRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> CHANNELS = List.of(InventoryKeys.SOLD_OUT_CHANNEL,
            InventoryKeys.RESTOCKED_CHANNEL, CatalogSnapshotService.CHANGED_CHANNEL, PricingRulesCache.CHANGED_CHANNEL,
            MerchantSettingsService.CHANGED_CHANNEL);

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    CircuitBreakerMaintenance breakers;

    private static long subscribers(String channel) {
        return RedisServer.subscribers(channel);
    }

    private static Response preview(UUID sku) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer("previewer-" + UUID.randomUUID())))
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)), "regionCode", "NORTH"))
                .post("/api/v1/carts/price");
    }

    @Test
    void afterARedisRestartEveryChannelIsHeardAgainAndWhatWasMissedIsReadAgain() {
        breakers.resetAll();
        UUID merchant = Catalog.merchant("Subscriptions merchant " + UUID.randomUUID());
        UUID north = Catalog.warehouse(merchant, "NORTH");
        UUID scarce = Catalog.sku(merchant, "Scarce speaker", 8_000);
        UUID plenty = Catalog.sku(merchant, "Plenty cable", 1_000);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(scarce, north, 2);
        Catalog.loadStock(plenty, north, 50);
        CHANNELS.forEach(channel -> assertThat(subscribers(channel)).as(channel).isPositive());

        // Redis goes down; meanwhile another pod changes a price (its announcement cannot reach anyone).
        RedisServer.stop();
        database.execute("UPDATE sku SET list_price = 1250, version = version + 1 WHERE id = $1", plenty);
        RedisServer.start();

        // Every channel has this pod's subscriber again, and the price changed meanwhile is known without waiting
        // for the periodic reload.
        Eventually.await(WAIT, () -> CHANNELS.forEach(channel -> assertThat(subscribers(channel)).as(channel).isPositive()));
        Eventually.await(Duration.ofSeconds(10), () -> preview(plenty).then().statusCode(200)
                .body("merchantOrders[0].lines[0].unitPrice", equalTo(1250)));

        // Sold out is learned, and forgotten as soon as a cancellation gives units back.
        String buyer = "subscriber-" + UUID.randomUUID();
        String order = Eventually.awaitValue(WAIT, () -> Orders.place(buyer, Orders.body(Map.of(scarce, 2)))
                .then().statusCode(201).extract().path("id"));
        Orders.place("late-" + UUID.randomUUID(), Orders.body(Map.of(scarce, 1))).then().statusCode(409)
                .body("code", equalTo("sold-out"));
        Payments.cancel(buyer, order).then().statusCode(200);
        Eventually.await(Duration.ofSeconds(5), () -> Orders.place("after-restock-" + UUID.randomUUID(),
                Orders.body(Map.of(scarce, 1))).then().statusCode(201));

        // Another pod's sold-out news is heard: refused from memory although Redis still has stock.
        redis.pubsub(String.class).publish(InventoryKeys.SOLD_OUT_CHANNEL, plenty.toString());
        Eventually.await(Duration.ofSeconds(5), () -> Orders.place("told-" + UUID.randomUUID(),
                Orders.body(Map.of(plenty, 1))).then().statusCode(409).body("code", equalTo("sold-out")));
        redis.pubsub(String.class).publish(InventoryKeys.RESTOCKED_CHANNEL, plenty.toString());

        // Another pod's settings change is heard: a new order gets the merchant's shorter time to pay.
        database.execute("INSERT INTO merchant_settings (merchant_id, payment_timeout_seconds, version, updated_at) "
                + "VALUES ($1, 600, 1, now())", merchant);
        redis.pubsub(String.class).publish(MerchantSettingsService.CHANGED_CHANNEL, merchant.toString());
        Eventually.await(Duration.ofSeconds(5), () -> {
            Instant placed = Instant.now();
            String deadline = Orders.place("settings-" + UUID.randomUUID(), Orders.body(Map.of(plenty, 1)))
                    .then().statusCode(201).extract().path("paymentDeadline");
            assertThat(Instant.parse(deadline)).isBefore(placed.plus(Duration.ofMinutes(11)));
        });
    }
}
