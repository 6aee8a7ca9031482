package io.flashorder.logistics.returns;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.logistics.warehouse.Parcels;
import io.flashorder.logistics.warehouse.Parcels.Shipped;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Return to sender on real PostgreSQL and Redis: a refused parcel the merchant has back is refunded and restocked
 * through after-sales, exactly once however many times (and however concurrently) it is confirmed; any other
 * parcel, another merchant's or an unknown one is refused with nothing written.
 */
@QuarkusTest
class ReturnToSenderTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final org.hamcrest.Matcher<String> PROBLEM = startsWith("application/problem+json");

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    RedisDataSource redis;

    private Lifecycle.Shop shop;
    private UUID warehouse;

    @BeforeEach
    void shop() {
        shop = lifecycle.shop("Return");
        warehouse = UUID.fromString(database.string("SELECT id::text FROM warehouse WHERE merchant_id = $1",
                shop.merchantId()));
        Parcels.carrierRule(shop.merchantId(), "SBX-EXPRESS", 500, 0, false);
    }

    private Shipped shipped(int units) {
        return Parcels.shipped(lifecycle, shop, warehouse, "return-" + UUID.randomUUID(), units);
    }

    private Shipped refused(int units) {
        return Parcels.refused(lifecycle, shop, warehouse, "return-" + UUID.randomUUID(), units);
    }

    private io.restassured.response.Response confirm(UUID merchantId, UUID parcel) {
        return Parcels.as(merchantId).post("/api/v1/merchant/parcels/{id}/returned", parcel);
    }

    private Map<String, Long> stock() {
        Map<String, Long> fields = new HashMap<>(Map.of("available", 0L, "sold", 0L, "held", 0L));
        redis.hash(String.class).hgetall(InventoryKeys.sku(shop.skuId()))
                .forEach((field, value) -> fields.put(field, Long.parseLong(value)));
        return fields;
    }

    private long cases(UUID merchantOrder) {
        return database.count("SELECT count(*) FROM after_sale_case WHERE merchant_order_id = $1", merchantOrder);
    }

    @Test
    void aRefusedParcelBackAtTheMerchantIsRefundedAndRestockedOnce() {
        Shipped parcel = refused(3);
        Eventually.await(WAIT, () -> assertThat(stock().get("sold")).isGreaterThanOrEqualTo(3L));
        Map<String, Long> before = stock();

        confirm(shop.merchantId(), parcel.parcel()).then().statusCode(200)
                .body("status", equalTo("RETURNED"));

        assertThat(database.string("SELECT type || ' ' || status FROM after_sale_case WHERE merchant_order_id = $1",
                parcel.merchantOrder())).isEqualTo("RETURN_REFUND PENDING_REFUND");
        assertThat(database.count("SELECT count(*) FROM parcel WHERE id = $1 AND cardinality(return_case_ids) = 1",
                parcel.parcel())).isOne();
        assertThat(stock()).containsEntry("sold", before.get("sold") - 3)
                .containsEntry("available", before.get("available") + 3);
        assertNoDrift();

        confirm(shop.merchantId(), parcel.parcel()).then().statusCode(409)
                .body("code", equalTo("parcel-status")).body("currentStatus", equalTo("RETURNED"));
        assertThat(cases(parcel.merchantOrder())).isOne();
        assertThat(stock()).containsEntry("available", before.get("available") + 3);
    }

    @Test
    void parallelConfirmationsRefundOnce() throws Exception {
        Shipped parcel = refused(2);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Callable<Integer> call = () -> confirm(shop.merchantId(), parcel.parcel()).statusCode();
                answers.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(cases(parcel.merchantOrder())).isOne();
        assertNoDrift();
    }

    @Test
    void onlyARefusedParcelOfOnesOwnComesBackAndNothingIsWritten() {
        Shipped underway = shipped(1);
        confirm(shop.merchantId(), underway.parcel()).then().statusCode(409)
                .header("Content-Type", PROBLEM).body("code", equalTo("parcel-status"))
                .body("currentStatus", equalTo("SHIPPED"));
        Shipped refused = refused(1);
        Lifecycle.Shop other = lifecycle.shop("Stranger");
        confirm(other.merchantId(), refused.parcel()).then().statusCode(404).header("Content-Type", PROBLEM);
        confirm(shop.merchantId(), UUID.randomUUID()).then().statusCode(404).header("Content-Type", PROBLEM);
        Parcels.as(shop.merchantId()).post("/api/v1/merchant/parcels/not-a-uuid/returned").then().statusCode(404)
                .header("Content-Type", PROBLEM);
        given().post("/api/v1/merchant/parcels/{id}/returned", refused.parcel()).then().statusCode(401);
        given().header("Authorization", Tokens.bearer(Tokens.customer("buyer-" + UUID.randomUUID())))
                .post("/api/v1/merchant/parcels/{id}/returned", refused.parcel()).then().statusCode(403);
        assertThat(cases(underway.merchantOrder()) + cases(refused.merchantOrder())).isZero();
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", refused.parcel())).isEqualTo("REFUSED");
    }

    /** The reconciliation (reporting only) finds nothing wrong with this test's SKU. */
    private void assertNoDrift() {
        JsonPath report = given().header("Authorization", Tokens.bearer(Tokens.admin())).queryParam("repair", false)
                .post("/api/v1/admin/stock-integrity/reconciliations").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> drift = report.getList("drift");
        assertThat(drift).filteredOn(entry -> shop.skuId().toString().equals(entry.get("skuId"))).isEmpty();
        assertThat(report.getList("invariantBreaks", String.class))
                .noneMatch(line -> line.contains(shop.skuId().toString()));
    }
}
