package io.flashorder.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Orders;
import io.flashorder.support.Parallel;
import io.flashorder.support.Pricing;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucketed stampede as an overloaded box plays it, made deterministic: every script call of a request (home,
 * donor, settlement) runs in Redis, but its caller sees a timeout the first time that request asks that slot, so every
 * path after a late answer is taken at once by hundreds of buyers: the key's record read back in the call's slot, a
 * 503, the retry with the same key finishing a fallback cut short after its home call, its donor call or its
 * settlement. Whatever happens, a buyer's final answer (503s retried with the same key, as clients do) is its order or
 * a refusal, never a 404 or somebody else's order, and every unit held belongs to an order its buyer got back.
 */
@QuarkusTest
@TestProfile(LateAnswers.Profile.class)
class BucketedLateAnswersTest {

    private static final int BUCKETS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    ObjectMapper json;
    @Inject
    TestClock clock;
    @TestHTTPResource("/api/v1/orders")
    URI orders;

    private UUID sku;
    private UUID warehouse;

    @BeforeEach
    void setUp() {
        LateAnswers.answer(LateAnswers.Mode.LATE_ONCE_PER_CALL);
        UUID merchant = Catalog.merchant("Late bucket merchant " + UUID.randomUUID());
        warehouse = Catalog.warehouse(merchant, "NORTH");
        sku = Catalog.sku(merchant, "Hot drop", 9_900);
        Pricing.defaultShippingTemplate(merchant);
    }

    @Test
    void everyBuyerGetsItsOwnOrderOrARefusalAndEveryHeldUnitIsAnOrderItsBuyerGot() throws Exception {
        int stock = 150;
        Catalog.loadStock(sku, warehouse, stock);
        String campaignId = Catalog.liveCampaign(clock.instant(), sku, 6_900, stock, 1, BUCKETS);
        Map<String, Object> order = Orders.body(Map.of(sku, 1));
        order.put("campaignId", campaignId);
        String body = json.writeValueAsString(order);
        String run = UUID.randomUUID().toString().substring(0, 8);
        int buyers = 500;
        int twice = 100; // the first 100 buyers post twice at once (two keys)
        List<String> buyerOf = IntStream.range(0, buyers + twice)
                .mapToObj(i -> "late-" + run + "-" + (i < 2 * twice ? i / 2 : i - twice)).toList();
        List<Parallel.Call> calls = IntStream.range(0, buyers + twice).mapToObj(i -> new Parallel.Call(
                Tokens.customer(buyerOf.get(i)), UUID.randomUUID().toString(), body)).toList();

        // 503s are retried with their keys; a request is late at most once per slot and once settling.
        List<HttpResponse<String>> responses = Parallel.postRetryingUnavailable(orders, calls.size(), 200,
                2 * BUCKETS + 3, calls::get);

        Map<Integer, Long> byStatus = new TreeMap<>();
        Map<String, Long> refusals = new TreeMap<>();
        Set<String> winners = new HashSet<>();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            HttpResponse<String> response = responses.get(i);
            byStatus.merge(response.statusCode(), 1L, Long::sum);
            JsonNode answer = json.readTree(response.body());
            if (response.statusCode() == 201) {
                assertThat(winners.add(buyerOf.get(i))).as("a buyer over its limit").isTrue();
                accepted.add(answer.get("id").asText());
            } else {
                // Which lookup or refusal answered, e.g. "404 order-not-found Order <id> ...": printed when it fails.
                refusals.merge(response.statusCode() + " " + answer.path("code").asText() + " "
                        + answer.path("detail").asText().replaceAll("[0-9a-f-]{36}", "<id>"), 1L, Long::sum);
            }
        }
        assertThat(byStatus).as("answers by status; refusals: %s", refusals).containsOnlyKeys(201, 409);
        assertThat(refusals.keySet()).allSatisfy(refusal ->
                assertThat(refusal).matches("409 (sold-out|purchase-limit-exceeded) .*"));
        assertThat(byStatus.get(201)).as("every unit sold to a buyer who got its order back").isEqualTo(stock);
        assertThat(new HashSet<>(accepted)).hasSize(stock);

        long held = 0;
        long counted = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            assertThat(campaignCount(bucket, campaignId, "available")).isZero();
            held += campaignCount(bucket, campaignId, "held");
            Map<String, String> units = redis.hash(String.class)
                    .hgetall(InventoryKeys.campaignBuyers(OrderSlot.of(bucket), campaignId));
            assertThat(units.values()).allSatisfy(value -> assertThat(value).isEqualTo("1"));
            assertThat(units.keySet()).allSatisfy(buyer -> assertThat(winners).contains(buyer));
            counted += units.size();
        }
        assertThat(held).isEqualTo(stock);
        assertThat(counted).as("every winner counted once at home, no pending fallback left").isEqualTo(stock);
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            assertThat(redis.sortedSet(String.class).zrange(OrderKeys.pendingFallbacks(OrderSlot.of(bucket)), 0, -1))
                    .noneMatch(pending -> pending.contains(campaignId));
        }
        Eventually.await(WAIT, () -> assertThat(database.strings(
                "SELECT id::text FROM customer_order WHERE campaign_id = $1", UUID.fromString(campaignId)))
                .containsExactlyInAnyOrderElementsOf(accepted));
        // Redis and PostgreSQL agree in every bucket.
        JsonPath report = given().header("Authorization", Tokens.bearer(Tokens.admin())).queryParam("repair", false)
                .post("/api/v1/admin/stock-integrity/reconciliations").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> drift = report.getList("drift");
        assertThat(drift).filteredOn(d -> sku.toString().equals(d.get("skuId")) || campaignId.equals(d.get("campaignId")))
                .isEmpty();
    }

    @AfterEach
    void answerInTime() {
        LateAnswers.answer(LateAnswers.Mode.IN_TIME);
    }

    private long campaignCount(int bucket, String campaignId, String counter) {
        String value = redis.hash(String.class).hget(InventoryKeys.campaign(OrderSlot.of(bucket), campaignId),
                InventoryKeys.campaignField(sku, counter));
        return value == null ? 0 : Long.parseLong(value);
    }
}
