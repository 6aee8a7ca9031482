package io.flashorder.analytics;

import io.flashorder.logistics.warehouse.Parcels;
import io.flashorder.order.lifecycle.LifecycleTimerJobs;
import io.flashorder.support.CarrierCallbacks;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.PlacedOrder;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A scripted set of orders through the whole lifecycle (placed, paid, packed, handed to the carrier, delivered,
 * received), the test clock moved by known durations between the steps: the figures the consumer of the event
 * stream keeps say exactly those durations (to the bucket; real time adds a few seconds per step), the counts,
 * GMV and rates, and where the bottleneck is. A merchant sees only its own figures.
 */
@QuarkusTest
class AnalyticsTest {

    /** Real time a step adds to its scripted duration (HTTP calls, the writer persisting the order). */
    private static final Duration SLACK = Duration.ofSeconds(45);
    private static final String PROBLEM = "application/problem+json";

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    CampaignRefusalsJob refusals;
    @Inject
    LifecycleTimerJobs deadlines;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The scripted durations of one order's stages. */
    private record Script(Duration toPaid, Duration toShipped, Duration toDelivered, Duration toCompleted) {
    }

    private static final List<Script> SCRIPTS = List.of(
            new Script(Duration.ofMinutes(3), Duration.ofHours(2), Duration.ofHours(30), Duration.ofHours(5)),
            new Script(Duration.ofMinutes(5), Duration.ofHours(3), Duration.ofHours(40), Duration.ofHours(6)),
            new Script(Duration.ofMinutes(7), Duration.ofHours(4), Duration.ofHours(50), Duration.ofHours(7)),
            new Script(Duration.ofMinutes(9), Duration.ofHours(5), Duration.ofHours(60), Duration.ofHours(8)),
            new Script(Duration.ofMinutes(20), Duration.ofHours(6), Duration.ofHours(70), Duration.ofHours(9)));

    @Test
    void scriptedOrdersGiveKnownCountsRatesDurationsAndTheBottleneck() {
        Shop shop = lifecycle.shop("Analytics");
        UUID warehouse = UUID.fromString(database.string("SELECT id::text FROM warehouse WHERE merchant_id = $1",
                shop.merchantId()));
        Parcels.carrierRule(shop.merchantId(), "SBX-EXPRESS", 900, 0, false);
        LocalDate from = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long gmv = 0;
        for (Script script : SCRIPTS) {
            gmv += runLife(shop, warehouse, script);
        }
        // One order cancelled by its buyer, one left to its payment deadline.
        PlacedOrder cancelled = lifecycle.placed("an-cancel-" + UUID.randomUUID(), shop);
        Payments.cancel(cancelled.buyerId(), cancelled.orderId().toString()).then().statusCode(200);
        lifecycle.placed("an-unpaid-" + UUID.randomUUID(), shop);
        gmv += 2 * payable(cancelled.orderId());
        clock.advance(Duration.ofHours(1)); // past the payment deadline: the job cancels it
        deadlines.expireDue().await().atMost(Duration.ofSeconds(30));
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String token = Tokens.merchant(shop.merchantId());

        Eventually.await(Duration.ofSeconds(90), () -> assertThat(orders(token, from, to)
                .getLong("totals[0].cancelled")).isEqualTo(2));
        Eventually.await(Duration.ofSeconds(60), () -> assertThat(stages(token, from, to)
                .getLong("stages.find { it.stage == 'DELIVERED_TO_COMPLETED' }.figures.observations")).isEqualTo(5));

        JsonPath orders = orders(token, from, to);
        assertThat(orders.getLong("totals[0].orders")).isEqualTo(7);
        assertThat(orders.getLong("totals[0].gmv")).isEqualTo(gmv);
        assertThat(orders.getLong("totals[0].paid")).isEqualTo(5);
        assertThat(new BigDecimal(orders.getString("totals[0].paidRate"))).isEqualByComparingTo("0.7143");
        assertThat(new BigDecimal(orders.getString("totals[0].cancellationRate"))).isEqualByComparingTo("0.2857");
        assertThat(orders.getLong("cancellationReasons.buyer")).isEqualTo(1);
        assertThat(orders.getMap("cancellationReasons").values().stream().mapToLong(v -> ((Number) v).longValue())
                .sum()).isEqualTo(2);
        assertThat(orders.getList("periods.orders", Integer.class).stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(7);

        JsonPath stages = stages(token, from, to);
        checkStage(stages, "PLACED_TO_PAID", SCRIPTS.stream().map(Script::toPaid).toList());
        checkStage(stages, "PAID_TO_SHIPPED", SCRIPTS.stream().map(Script::toShipped).toList());
        checkStage(stages, "SHIPPED_TO_DELIVERED", SCRIPTS.stream().map(Script::toDelivered).toList());
        checkStage(stages, "DELIVERED_TO_COMPLETED", SCRIPTS.stream().map(Script::toCompleted).toList());
        assertThat(stages.getString("stages.find { it.stage == 'PAID_TO_SHIPPED' }.byCarrier[0].carrier"))
                .isEqualTo("SBX-EXPRESS");
        assertThat(stages.getString("stages.find { it.stage == 'PLACED_TO_PAID' }.byWarehouse[0].warehouseId"))
                .isEqualTo(warehouse.toString());
        assertThat(stages.getString("bottleneck.stage")).isEqualTo("SHIPPED_TO_DELIVERED");
        assertThat(stages.getString("bottleneck.worstWarehouse.warehouseId")).isEqualTo(warehouse.toString());
        assertThat(stages.getString("bottleneck.worstCarrier.carrier")).isEqualTo("SBX-EXPRESS");

        JsonPath afterSales = merchantGet(token, "/after-sales", from, to).then().statusCode(200).extract().jsonPath();
        assertThat(afterSales.getLong("skus.find { it.skuId == '" + shop.skuId() + "' }.unitsSold")).isEqualTo(5);

        // The operator sees the same for this merchant, and at least as much for the platform.
        JsonPath admin = given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .queryParam("merchantId", shop.merchantId()).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/v1/admin/analytics/orders").then().statusCode(200)
                .extract().jsonPath();
        assertThat(admin.getLong("totals[0].orders")).isEqualTo(7);
        JsonPath platform = given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/admin/analytics/stages").then().statusCode(200).extract().jsonPath();
        assertThat(platform.getLong("stages.find { it.stage == 'DELIVERED_TO_COMPLETED' }.figures.observations"))
                .isGreaterThanOrEqualTo(5);

        // Another merchant sees none of it.
        String other = Tokens.merchant(lifecycle.shop("Analytics other").merchantId());
        assertThat(orders(other, from, to).getList("totals")).isEmpty();
        assertThat(stages(other, from, to).getString("bottleneck")).isNull();
        merchantGet(other, "/after-sales", from, to).then().statusCode(200).body("skus", equalTo(List.of()));
    }

    /** One order's life by the script; emits its payable amount. */
    private long runLife(Shop shop, UUID warehouse, Script script) {
        PlacedOrder order = lifecycle.placed("an-buyer-" + UUID.randomUUID(), shop);
        UUID merchantOrder = order.merchantOrderOf(shop);
        clock.advance(script.toPaid());
        lifecycle.pay(order);
        clock.advance(script.toShipped());
        UUID parcel = Parcels.ready(shop.merchantId(), warehouse, merchantOrder, shop.skuId(), 1, 250);
        String tracking = Parcels.as(shop.merchantId()).post("/api/v1/merchant/parcels/{id}/waybill", parcel)
                .then().statusCode(200).extract().path("trackingNumber");
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/merchant/parcels/{id}/handover", parcel).then().statusCode(200);
        clock.advance(script.toDelivered());
        CarrierCallbacks.post(CarrierCallbacks.sign(CarrierCallbacks.body("an-" + UUID.randomUUID(), tracking,
                "DELIVERED", clock.instant(), "A. Lovelace", null), clock.instant())).then().statusCode(200);
        clock.advance(script.toCompleted());
        Lifecycle.confirmReceipt(order.buyerId(), order.orderId(), merchantOrder).then().statusCode(200);
        return payable(order.orderId());
    }

    private long payable(UUID orderId) {
        return database.count("SELECT payable FROM customer_order WHERE id = $1", orderId);
    }

    /** p50, p90 and p99 of 5 observations: the 3rd, 5th and 5th smallest, each read as its bucket's bound. */
    private static void checkStage(JsonPath stages, String stage, List<Duration> scripted) {
        String figures = "stages.find { it.stage == '" + stage + "' }.figures";
        List<Duration> sorted = scripted.stream().sorted().toList();
        assertThat(stages.getLong(figures + ".observations")).isEqualTo(5);
        assertBucketOf(stages.getLong(figures + ".p50Seconds"), sorted.get(2));
        assertBucketOf(stages.getLong(figures + ".p90Seconds"), sorted.get(4));
        assertBucketOf(stages.getLong(figures + ".p99Seconds"), sorted.get(4));
        double meanScripted = scripted.stream().mapToLong(Duration::toSeconds).average().orElseThrow();
        assertThat(Double.parseDouble(stages.getString(figures + ".meanSeconds")))
                .isBetween(meanScripted, meanScripted + SLACK.toSeconds());
    }

    private static void assertBucketOf(long reported, Duration scripted) {
        assertThat(reported).isBetween(DurationBuckets.reportedSeconds(DurationBuckets.bucketOf(scripted)),
                DurationBuckets.reportedSeconds(DurationBuckets.bucketOf(scripted.plus(SLACK))));
    }

    private static io.restassured.response.Response merchantGet(String token, String path, LocalDate from,
                                                                LocalDate to) {
        return given().header("Authorization", Tokens.bearer(token)).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/v1/merchant/analytics" + path);
    }

    private static JsonPath orders(String token, LocalDate from, LocalDate to) {
        return merchantGet(token, "/orders", from, to).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath stages(String token, LocalDate from, LocalDate to) {
        return merchantGet(token, "/stages", from, to).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCampaignFunnelCountsRefusalsAcceptedAndPaidOrders() {
        Shop shop = lifecycle.shop("Analytics funnel");
        String campaign = Catalog.liveCampaign(clock.instant(), shop.skuId(), 1_900, 2, 1);
        String first = "an-flash-" + UUID.randomUUID();
        String firstOrder = Orders.place(first, campaignOrder(campaign, shop)).then().statusCode(201)
                .extract().path("id");
        // Its second try is over the per-user limit of 1 (one unit is still left).
        Orders.place(first, campaignOrder(campaign, shop)).then().statusCode(409)
                .body("code", equalTo("purchase-limit-exceeded"));
        List<Integer> others = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(Orders.place("an-flash-" + UUID.randomUUID(), campaignOrder(campaign, shop)).statusCode());
        }
        assertThat(others).containsExactly(201, 409, 409, 409);
        Eventually.await(Duration.ofSeconds(30), () -> assertThat(database.count(
                "SELECT count(*) FROM customer_order WHERE id = $1::uuid", firstOrder)).isEqualTo(1));
        lifecycle.pay(new PlacedOrder(UUID.fromString(firstOrder), first, Map.of()));
        refusals.flush().await().atMost(Duration.ofSeconds(10));

        Eventually.await(Duration.ofSeconds(60), () -> given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/analytics/campaigns/{id}/funnel", campaign).then().statusCode(200)
                .body("refusedSoldOut", equalTo(3)).body("accepted", equalTo(2)).body("paid", equalTo(1))
                .body("paidRate", equalTo(0.5f)).body("refusedOther.'purchase-limit-exceeded'", equalTo(1)));
    }

    private static Map<String, Object> campaignOrder(String campaign, Shop shop) {
        Map<String, Object> body = Orders.body(Map.of(shop.skuId(), 1));
        body.put("campaignId", campaign);
        return body;
    }

    @Test
    void badRangesUnknownIdsAndOtherRolesAreRefused() {
        String token = Tokens.merchant(lifecycle.shop("Analytics input").merchantId());
        Map<String, String> reversed = Map.of("from", "2026-03-10", "to", "2026-03-01");
        Map<String, String> tooLong = Map.of("from", "2026-01-01", "to", "2026-04-03"); // 93 days
        Map<String, String> hourlyTooLong = Map.of("from", "2026-03-01", "to", "2026-03-08", "granularity", "HOUR");
        for (Map<String, String> query : List.of(reversed, tooLong, hourlyTooLong)) {
            given().header("Authorization", Tokens.bearer(token)).queryParams(query)
                    .get("/api/v1/merchant/analytics/orders").then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("to"));
        }
        given().header("Authorization", Tokens.bearer(token)).queryParams(Map.of("from", "2026-01-01", "to",
                "2026-04-02")).get("/api/v1/merchant/analytics/stages").then().statusCode(200); // 92 days
        given().header("Authorization", Tokens.bearer(token)).queryParam("to", "2026-03-01")
                .get("/api/v1/merchant/analytics/stages").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("from"));
        given().header("Authorization", Tokens.bearer(token)).queryParams(Map.of("from", "01/03/2026", "to",
                "2026-03-02")).get("/api/v1/merchant/analytics/after-sales").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("from"));
        given().header("Authorization", Tokens.bearer(token)).queryParams(Map.of("from", "2026-03-01", "to",
                "2026-03-02", "granularity", "WEEK")).get("/api/v1/merchant/analytics/orders").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("granularity"));

        String admin = Tokens.bearer(Tokens.admin());
        given().header("Authorization", admin).queryParams(Map.of("merchantId", UUID.randomUUID().toString(),
                        "from", "2026-03-01", "to", "2026-03-02")).get("/api/v1/admin/analytics/orders")
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("merchant-not-found"));
        // A malformed id names nothing, like on the other admin lists (merchantId of skus, warehouses): 404.
        given().header("Authorization", admin).queryParams(Map.of("merchantId", "not-a-uuid", "from", "2026-03-01",
                "to", "2026-03-02")).get("/api/v1/admin/analytics/stages").then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", admin).get("/api/v1/admin/analytics/campaigns/{id}/funnel", UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);

        given().header("Authorization", Tokens.bearer(token)).queryParams(Map.of("from", "2026-03-01", "to",
                "2026-03-02")).get("/api/v1/admin/analytics/orders").then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer(Tokens.customer("an-customer")))
                .queryParams(Map.of("from", "2026-03-01", "to", "2026-03-02"))
                .get("/api/v1/merchant/analytics/orders").then().statusCode(403).contentType(PROBLEM);
        given().queryParams(Map.of("from", "2026-03-01", "to", "2026-03-02"))
                .get("/api/v1/merchant/analytics/orders").then().statusCode(401).contentType(PROBLEM);
    }
}
