package io.flashorder.points;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.inventory.PointsKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Orders;
import io.flashorder.support.Parallel;
import io.flashorder.support.Pricing;
import io.flashorder.support.TestProfiles;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Fifty orders of one buyer at once, each spending points from the same balance: it is never overspent. */
@QuarkusTest
@TestProfile(TestProfiles.QuickRetries.class) // no per-buyer placement limit: one buyer places fifty orders in a second
class PointsOverspendRaceTest {

    private static final int ORDERS = 50;
    private static final long BALANCE = 1_000;
    private static final long EACH = 70;

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    ObjectMapper json;
    @TestHTTPResource("/api/v1/orders")
    URI orders;

    @Test
    void fiftyParallelOrdersNeverSpendMoreThanTheBalance() throws Exception {
        String buyer = "race-" + UUID.randomUUID();
        PointsLedgerTest.adjust(buyer, Map.of("amount", BALANCE, "reason", "race")).then().statusCode(201);
        UUID merchant = Catalog.merchant("Points race " + UUID.randomUUID());
        UUID warehouse = Catalog.warehouse(merchant, "NORTH");
        UUID sku = Catalog.sku(merchant, "Race item", 10_000);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, warehouse, 500);
        Map<String, Object> body = new HashMap<>(Orders.body(Map.of(sku, 1)));
        body.put("pointsToUse", EACH);
        String request = json.writeValueAsString(body);

        // The first placement also loads the buyer's points from the ledger: several may race to load it.
        List<HttpResponse<String>> responses = Parallel.post(orders, ORDERS, ORDERS, i -> new Parallel.Call(
                Tokens.customer(buyer), UUID.randomUUID().toString(), request));

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(byStatus).containsOnlyKeys(201, 409);
        long accepted = byStatus.get(201);
        assertThat(accepted).isEqualTo(BALANCE / EACH); // 14 orders: 980 points; the other 36 find 20 left
        assertThat(responses.stream().filter(r -> r.statusCode() == 409))
                .allSatisfy(r -> assertThat(r.body()).contains("\"code\":\"insufficient-points\""));

        Map<String, String> mirror = redis.hash(String.class).hgetall(PointsKeys.account(buyer));
        assertThat(mirror).containsEntry("balance", Long.toString(BALANCE))
                .containsEntry("held", Long.toString(accepted * EACH));
        assertThat(mirror.keySet().stream().filter(field -> field.startsWith(PointsKeys.ORDER_PREFIX))).hasSize((int) accepted);
        Eventually.await(Duration.ofSeconds(60), () -> assertThat(database.count(
                "SELECT count(*) FROM customer_order WHERE buyer_id = $1", buyer)).isEqualTo(accepted));
        assertThat(database.count("""
                SELECT coalesce(sum((r ->> 'ruleId')::bigint), 0) FROM customer_order co,
                    jsonb_array_elements(co.applied_rules) r WHERE co.buyer_id = $1 AND r ->> 'kind' = 'POINTS'""",
                buyer)).isEqualTo(accepted * EACH).isLessThanOrEqualTo(BALANCE);
    }
}
