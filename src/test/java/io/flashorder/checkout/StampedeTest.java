package io.flashorder.checkout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Orders;
import io.flashorder.support.Parallel;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A flash sale: 2,000 buyers at once for 500 units. Exactly 500 win, nobody gets a 5xx, nothing is lost. */
@QuarkusTest
class StampedeTest {

    private static final int STOCK = 500;
    private static final int BUYERS = 2_000;

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    ObjectMapper json;
    @TestHTTPResource("/api/v1/orders")
    URI orders;

    @Test
    void exactlyTheStockIsSoldAndPersisted() throws Exception {
        UUID merchant = Catalog.merchant("Stampede merchant " + UUID.randomUUID());
        UUID warehouse = Catalog.warehouse(merchant, "NORTH");
        UUID sku = Catalog.sku(merchant, "Hot phone", 49_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, warehouse, STOCK);
        String body = json.writeValueAsString(Orders.body(Map.of(sku, 1)));

        List<HttpResponse<String>> responses = Parallel.post(orders, BUYERS, 400, i -> new Parallel.Call(
                Tokens.customer("stampede-" + i), UUID.randomUUID().toString(), body));

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(byStatus).containsOnlyKeys(201, 409);
        assertThat(byStatus.get(201)).isEqualTo(STOCK);
        assertThat(responses.stream().filter(r -> r.statusCode() == 409))
                .allSatisfy(r -> assertThat(r.body()).contains("\"code\":\"sold-out\""));

        assertThat(redis.hash(String.class).hgetall(InventoryKeys.sku(sku)))
                .containsEntry("available", "0").containsEntry("held", String.valueOf(STOCK));
        Eventually.await(Duration.ofSeconds(60), () -> assertThat(
                database.count("SELECT coalesce(sum(quantity), 0) FROM order_line WHERE sku_id = $1", sku))
                .isEqualTo(STOCK));
        assertThat(database.count("SELECT count(DISTINCT order_id) FROM order_line WHERE sku_id = $1", sku))
                .isEqualTo(STOCK);
    }
}
