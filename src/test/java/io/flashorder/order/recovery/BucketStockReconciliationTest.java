package io.flashorder.order.recovery;

import io.flashorder.aftersale.AfterSales;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock of a campaign item split over 3 buckets is proven and rebuilt per bucket slot: {@code loaded = available +
 * held + sold} in every bucket's campaign and SKU hash, each against what PostgreSQL's loads (split as the load split
 * them, the warehouse units moved out of {@code {p}}) and orders (in the slot that held each, the buyer's units at
 * its home) imply; a drift in a bucket is repaired there, and a recovery writes every bucket's hashes back.
 */
@QuarkusTest
class BucketStockReconciliationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int BUCKETS = 3;

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    CircuitBreakerMaintenance breakers;

    private UUID merchant;
    private UUID sku;
    private String campaignId;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        merchant = Catalog.merchant("Bucket reconciliation " + UUID.randomUUID());
        UUID north = Catalog.warehouse(merchant, "NORTH");
        sku = Catalog.sku(merchant, "Split kettle", 5_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, north, 10);
        campaignId = Catalog.liveCampaign(clock.instant(), sku, 4_900, 4, 1, BUCKETS);
    }

    private static String buyerIn(int bucket, String prefix) {
        return IntStream.iterate(0, i -> i + 1).mapToObj(i -> prefix + "-" + i)
                .filter(buyer -> OrderSlot.homeOf(buyer, BUCKETS).index() == bucket).findFirst().orElseThrow();
    }

    private String place(String buyer) {
        Map<String, Object> body = Orders.body(Map.of(sku, 1));
        body.put("campaignId", campaignId);
        String id = Orders.place(buyer, body).then().statusCode(201).extract().path("id");
        Eventually.await(WAIT, () -> assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1",
                UUID.fromString(id))).isEqualTo(1));
        return id;
    }

    private Map<String, String> hash(String key) {
        return new HashMap<>(redis.hash(String.class).hgetall(key));
    }

    /** A hash's counters other than zero (a counter never written and one written as 0 say the same). */
    private Map<String, String> counters(String key) {
        Map<String, String> fields = hash(key);
        fields.values().removeIf("0"::equals);
        return fields;
    }

    private String campaignKey(int bucket) {
        return InventoryKeys.campaign(OrderSlot.of(bucket), campaignId);
    }

    private static Response reconcile(boolean repair) {
        return given().header("Authorization", Tokens.bearer(Tokens.admin())).queryParam("repair", repair)
                .post("/api/v1/admin/stock-integrity/reconciliations");
    }

    /** This campaign's and SKU's drift in a report, as "key field: redis->expected[ repaired]". */
    private List<String> driftOf(JsonPath report) {
        List<Map<String, Object>> drift = report.getList("drift");
        return drift.stream().filter(d -> sku.toString().equals(d.get("skuId")) || campaignId.equals(d.get("campaignId")))
                .map(d -> d.get("key") + " " + d.get("field") + ": " + d.get("redis") + "->" + d.get("expected")
                        + (Boolean.TRUE.equals(d.get("repaired")) ? " repaired" : ""))
                .sorted().toList();
    }

    @Test
    void everyBucketIsReconciledRepairedAndRebuiltInItsOwnSlot() {
        // Loads 4 units as 2, 1, 1: bucket 0 ({p}) keeps its warehouse units, buckets 1 and 2 got theirs moved out.
        assertThat(hash(InventoryKeys.sku(OrderSlot.of(1), sku))).containsEntry("loaded", "1").containsEntry("available", "1");
        assertThat(hash(InventoryKeys.sku(OrderSlot.HOME, sku))).containsEntry("loaded", "8");
        // Bucket 1's unit to its own buyer, who pays; bucket 2's unit to a buyer of bucket 1 (a fallback), who cancels;
        // one of bucket 0's to its own buyer, left pending.
        String payer = buyerIn(1, "payer-" + UUID.randomUUID());
        String paid = place(payer);
        JsonPath session = Payments.open(payer, paid).then().statusCode(201).extract().jsonPath();
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session.getString("sessionId"), "tx-" + UUID.randomUUID(),
                session.getLong("amount"), session.getString("currency"), clock.instant())).then().statusCode(200);
        String canceller = buyerIn(1, "canceller-" + UUID.randomUUID());
        String cancelled = place(canceller);
        assertThat(database.count("SELECT stock_slot FROM customer_order WHERE id = $1", UUID.fromString(cancelled)))
                .isEqualTo(2);
        Payments.cancel(canceller, cancelled).then().statusCode(200);
        place(buyerIn(0, "pending-" + UUID.randomUUID()));
        Eventually.await(WAIT, () -> assertThat(hash(campaignKey(1))).containsEntry(sku + ":sold", "1"));
        Map<String, String> bucket2 = hash(campaignKey(2));
        assertThat(bucket2).containsEntry(sku + ":available", "1").containsEntry(sku + ":loaded", "1");

        assertThat(driftOf(reconcile(false).then().statusCode(200).extract().jsonPath())).isEmpty();

        // A unit of bucket 2 held by no order: found in bucket 2's hash, repaired there.
        redis.hash(String.class).hincrby(campaignKey(2), sku + ":available", -1);
        redis.hash(String.class).hincrby(campaignKey(2), sku + ":held", 1);
        assertThat(driftOf(reconcile(true).then().statusCode(200).extract().jsonPath())).containsExactly(
                campaignKey(2) + " available: 0->1 repaired", campaignKey(2) + " held: 1->0 repaired");
        assertThat(hash(campaignKey(2))).isEqualTo(bucket2);

        // A recovery rewrites every bucket's hashes (and the buyers' units at home) from PostgreSQL alone.
        Map<String, Map<String, String>> before = new HashMap<>();
        List<String> keys = List.of(campaignKey(0), campaignKey(1), campaignKey(2),
                InventoryKeys.sku(OrderSlot.of(0), sku), InventoryKeys.sku(OrderSlot.of(1), sku),
                InventoryKeys.sku(OrderSlot.of(2), sku),
                InventoryKeys.campaignBuyers(OrderSlot.of(0), campaignId),
                InventoryKeys.campaignBuyers(OrderSlot.of(1), campaignId));
        keys.forEach(key -> before.put(key, counters(key)));
        keys.forEach(key -> redis.key().del(key));
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .post("/api/v1/admin/stock-integrity/recoveries").then().statusCode(200);
        keys.forEach(key -> assertThat(counters(key)).as(key).isEqualTo(before.get(key)));
        assertThat(before.get(InventoryKeys.campaignBuyers(OrderSlot.of(1), campaignId))).containsEntry(payer, "1")
                .doesNotContainKey(canceller);
    }

    /**
     * An order a bucket sold, paid, shipped, received and returned with its unit restocked: the unit comes back into
     * {@code {p}}'s warehouse as loaded stock (a list-price order can buy it), the bucket's sale stays sold there, and
     * the reconciliation and a recovery agree with Redis in every slot.
     */
    @Test
    void aReturnedOrderOfABucketRestocksThePartitionWithNoDriftInAnySlot() {
        String buyer = buyerIn(1, "returner-" + UUID.randomUUID());
        String orderId = place(buyer);
        assertThat(database.count("SELECT stock_slot FROM customer_order WHERE id = $1", UUID.fromString(orderId)))
                .isEqualTo(1);
        JsonPath session = Payments.open(buyer, orderId).then().statusCode(201).extract().jsonPath();
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session.getString("sessionId"), "tx-" + UUID.randomUUID(),
                session.getLong("amount"), session.getString("currency"), clock.instant())).then().statusCode(200);
        Eventually.await(WAIT, () -> assertThat(hash(campaignKey(1))).containsEntry(sku + ":sold", "1"));
        UUID merchantOrder = UUID.fromString(database.string("SELECT id::text FROM merchant_order WHERE order_id = $1",
                UUID.fromString(orderId)));
        UUID line = UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrder));
        UUID warehouse = UUID.fromString(database.string(
                "SELECT warehouse_id::text FROM order_line_allocation WHERE line_id = $1", line));
        Lifecycle.ship(merchant, merchantOrder, "UPS", "BUCKET-RET-1").then().statusCode(201);
        Lifecycle.confirmReceipt(buyer, UUID.fromString(orderId), merchantOrder).then().statusCode(200);
        Map<String, String> partitionBefore = hash(InventoryKeys.sku(OrderSlot.HOME, sku));
        Map<String, String> bucketBefore = hash(InventoryKeys.sku(OrderSlot.of(1), sku));

        String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "RETURN_REFUND", Map.of(line, 1)))
                .then().statusCode(201).extract().path("id");
        AfterSales.approve(merchant, caseId).then().statusCode(200);
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body(Map.of("carrier", "DHL", "trackingNumber", "BUCKET-RET-BACK"))
                .post("/api/v1/after-sales/{id}/return-shipment", caseId).then().statusCode(200);
        given().header("Authorization", Tokens.bearer(Tokens.merchant(merchant))).contentType(ContentType.JSON)
                .body(Map.of("warehouseId", warehouse, "lines", List.of(Map.of("lineId", line, "restock", 1,
                        "writeOff", 0))))
                .post("/api/v1/merchant/after-sales/{id}/receipt", caseId).then().statusCode(200);

        Eventually.await(WAIT, () -> assertThat(database.count("SELECT count(*) FROM after_sale_stock_return "
                + "WHERE case_id = $1 AND applied_at IS NOT NULL", UUID.fromString(caseId))).isEqualTo(1));
        Map<String, String> partition = hash(InventoryKeys.sku(OrderSlot.HOME, sku));
        assertThat(Long.parseLong(partition.get("loaded"))).isEqualTo(Long.parseLong(partitionBefore.get("loaded")) + 1);
        assertThat(Long.parseLong(partition.get("available")))
                .isEqualTo(Long.parseLong(partitionBefore.get("available")) + 1);
        assertThat(Long.parseLong(partition.get("wh:" + warehouse)))
                .isEqualTo(Long.parseLong(partitionBefore.getOrDefault("wh:" + warehouse, "0")) + 1);
        assertThat(partition.getOrDefault("sold", "0")).isEqualTo(partitionBefore.getOrDefault("sold", "0"));
        assertThat(hash(InventoryKeys.sku(OrderSlot.of(1), sku))).isEqualTo(bucketBefore).containsEntry("sold", "1");
        assertThat(hash(campaignKey(1))).containsEntry(sku + ":sold", "1");
        assertThat(driftOf(reconcile(false).then().statusCode(200).extract().jsonPath())).isEmpty();

        List<String> keys = List.of(InventoryKeys.sku(OrderSlot.HOME, sku), InventoryKeys.sku(OrderSlot.of(1), sku),
                campaignKey(1));
        Map<String, Map<String, String>> before = new HashMap<>();
        keys.forEach(key -> before.put(key, counters(key)));
        keys.forEach(key -> redis.key().del(key));
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .post("/api/v1/admin/stock-integrity/recoveries").then().statusCode(200);
        keys.forEach(key -> assertThat(counters(key)).as(key).isEqualTo(before.get(key)));
    }
}
