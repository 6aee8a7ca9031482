package io.flashorder.aftersale;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The gap between {@code return_stock.lua} moving a case's units in Redis and PostgreSQL's {@code applied_at}: a
 * repairing reconciliation that runs in it counts the return by its Redis marker and moves nothing.
 */
@QuarkusTest
class AfterSaleStockGapTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    RedisDataSource redis;
    @Inject
    TestClock clock;
    @Inject
    CaseActions actions;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, Long> stock(UUID sku) {
        Map<String, Long> fields = new HashMap<>(Map.of("available", 0L, "sold", 0L));
        redis.hash(String.class).hgetall(InventoryKeys.sku(sku))
                .forEach((field, value) -> fields.put(field, Long.parseLong(value)));
        return fields;
    }

    @Test
    void aRepairingReconciliationInTheGapCountsTheReturnByItsMarkerAndMovesNothing() {
        Shop shop = lifecycle.shop("After-sale stock gap");
        String buyer = "as-gap-" + UUID.randomUUID();
        UUID merchantOrder = lifecycle.paid(buyer, Map.of(shop.skuId(), 3)).merchantOrderOf(shop);
        UUID line = UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrder));
        Eventually.await(WAIT, () -> assertThat(stock(shop.skuId())).containsEntry("sold", 3L));
        String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "REFUND_ONLY", Map.of(line, 2)))
                .then().statusCode(201).body("status", equalTo("PENDING_REFUND")).extract().path("id");
        Map<String, Long> returned = stock(shop.skuId());
        assertThat(returned).containsEntry("sold", 1L).containsEntry("available", 499L);

        // In the gap: Redis moved the units (its marker is there), PostgreSQL has not marked the return applied, as
        // when the process stops between the two.
        database.execute("UPDATE after_sale_stock_return SET applied_at = NULL WHERE case_id = $1::uuid", caseId);
        JsonPath report = given().header("Authorization", Tokens.bearer(Tokens.admin())).queryParam("repair", true)
                .post("/api/v1/admin/stock-integrity/reconciliations").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> drift = report.getList("drift");
        assertThat(drift).filteredOn(d -> shop.skuId().toString().equals(d.get("skuId"))).isEmpty();
        assertThat(stock(shop.skuId())).isEqualTo(returned);
        assertThat(database.count("SELECT count(*) FROM stock_repair WHERE sku_id = $1", shop.skuId())).isZero();

        // The job closes the gap: the script finds its marker (nothing moves twice), PostgreSQL marks it applied.
        clock.advance(Duration.ofMinutes(1));
        actions.applyDueStockReturns().await().atMost(WAIT);
        assertThat(database.count("SELECT count(*) FROM after_sale_stock_return WHERE case_id = $1::uuid "
                + "AND applied_at IS NULL", caseId)).isZero();
        assertThat(stock(shop.skuId())).isEqualTo(returned);
        Reconciliation.assertNoDrift(shop.skuId());
    }
}
