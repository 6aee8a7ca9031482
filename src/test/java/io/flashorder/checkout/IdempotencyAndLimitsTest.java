package io.flashorder.checkout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Orders;
import io.flashorder.support.Parallel;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class IdempotencyAndLimitsTest {

    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper json;
    @TestHTTPResource("/api/v1/orders")
    URI orders;

    private UUID merchant;
    private UUID warehouse;
    private UUID sku;

    @BeforeEach
    void setUp() {
        merchant = Catalog.merchant("Idempotency merchant " + UUID.randomUUID());
        warehouse = Catalog.warehouse(merchant, "NORTH");
        sku = Catalog.sku(merchant, "Limited sneaker", 15_000);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, warehouse, 100);
    }

    @Test
    void parallelRetriesOfOneKeyCreateOneOrder() throws Exception {
        String buyer = "retrier-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = json.writeValueAsString(Orders.body(Map.of(sku, 2)));
        // A 503 (a replay's hold read timing out on a starved machine) is retried with the same key, as clients do.
        List<HttpResponse<String>> responses = Parallel.postRetryingUnavailable(orders, 50, 50, 3,
                i -> new Parallel.Call(Tokens.customer(buyer), key, body));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        assertThat(responses.stream().map(r -> idOf(r.body())).distinct()).hasSize(1);
        assertThat(redis.hash(String.class).hgetall(InventoryKeys.sku(sku))).containsEntry("held", "2");

        // The same key with another body is refused and changes nothing.
        Orders.place(buyer, key, Orders.body(Map.of(sku, 3)))
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("idempotency-key-reused"));
        assertThat(redis.hash(String.class).hgetall(InventoryKeys.sku(sku))).containsEntry("held", "2");
    }

    @Test
    void campaignLimitHoldsUnderParallelRequestsOfOneBuyer() throws Exception {
        String campaign = Catalog.liveCampaign(Instant.now(), sku, 9_900, 50, 2);
        String buyer = "eager-" + UUID.randomUUID();
        Map<String, Object> order = new HashMap<>(Orders.body(Map.of(sku, 1)));
        order.put("campaignId", campaign);
        String body = json.writeValueAsString(order);
        List<HttpResponse<String>> responses = Parallel.post(orders, 15, 15,
                i -> new Parallel.Call(Tokens.customer(buyer), UUID.randomUUID().toString(), body));

        assertThat(responses.stream().filter(r -> r.statusCode() == 201)).hasSize(2);
        assertThat(responses.stream().filter(r -> r.statusCode() != 201))
                .allSatisfy(r -> assertThat(r.body()).contains("purchase-limit-exceeded"));
        assertThat(responses.stream().filter(r -> r.statusCode() == 201))
                .allSatisfy(r -> assertThat(r.body()).contains("\"unitPrice\":9900"));
        assertThat(redis.hash(String.class).hget(InventoryKeys.campaign(UUID.fromString(campaign)), sku + ":held"))
                .isEqualTo("2");
    }

    @Test
    void aRefusalPastTheCampaignLimitLeavesTheBuyersUnitsAsTheyWere() throws Exception {
        // The script counts the units first and undoes the count when that passes the limit.
        String campaign = Catalog.liveCampaign(Instant.now(), sku, 9_900, 50, 2);
        String buyer = "counted-" + UUID.randomUUID();
        String buyers = InventoryKeys.campaignBuyers(campaign);

        Orders.place(buyer, campaignOrder(campaign, 3)).then().statusCode(409)
                .body("code", equalTo("purchase-limit-exceeded"));
        assertThat(redis.hash(String.class).hget(buyers, buyer)).as("never counted").isNull();

        Orders.place(buyer, campaignOrder(campaign, 1)).then().statusCode(201);
        Orders.place(buyer, campaignOrder(campaign, 2)).then().statusCode(409)
                .body("code", equalTo("purchase-limit-exceeded"));
        assertThat(redis.hash(String.class).hget(buyers, buyer)).isEqualTo("1");
        assertThat(redis.hash(String.class).hget(InventoryKeys.campaign(UUID.fromString(campaign)), sku + ":held"))
                .isEqualTo("1");
        Orders.place(buyer, campaignOrder(campaign, 1)).then().statusCode(201);
        assertThat(redis.hash(String.class).hget(buyers, buyer)).isEqualTo("2");
    }

    private Map<String, Object> campaignOrder(String campaign, int quantity) {
        Map<String, Object> order = new HashMap<>(Orders.body(Map.of(sku, quantity)));
        order.put("campaignId", campaign);
        return order;
    }

    @Test
    void placementRateIsLimitedPerBuyer() {
        String buyer = "spammer-" + UUID.randomUUID();
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 25; i++) {
            int status = Orders.place(buyer, Orders.body(Map.of(sku, 1))).statusCode();
            if (status == 201) {
                accepted++;
            } else if (status == 429) {
                limited++;
            }
        }
        assertThat(accepted).isEqualTo(20);
        assertThat(limited).isEqualTo(5);
        Orders.place(buyer, Orders.body(Map.of(sku, 1))).then().statusCode(429).header("Retry-After", "1")
                .contentType("application/problem+json").body("code", equalTo("rate-limited"));
    }

    @Test
    void blacklistedBuyersPhonesAndAddressesAreRefused() {
        String buyer = "shady-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("kind", "USER", "value", buyer)).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(201);
        Orders.place(buyer, Orders.body(Map.of(sku, 1))).then().statusCode(403).body("code", equalTo("order-refused"));

        // The phone is matched whatever its spelling; a phone of this test only, so no other test is affected.
        String digits = String.valueOf(1_000_000_000L + (long) (Math.random() * 8_999_999_999L));
        Map<String, Object> order = new HashMap<>(Orders.body(Map.of(sku, 1)));
        order.put("address", Map.of("recipient", "Grace Hopper", "phone", "+" + digits.substring(0, 3) + " "
                + digits.substring(3), "regionCode", "NORTH", "detail", "1 Compiler Road"));
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("kind", "PHONE", "value", digits)).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(201);
        Orders.place("honest-" + UUID.randomUUID(), order).then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("kind", "PHONE", "value", "+" + digits)).post("/api/v1/admin/blacklist/removals")
                .then().statusCode(200).body("existed", equalTo(true));
        assertThat(redis.hash(String.class).hgetall(InventoryKeys.sku(sku))).containsEntry("available", "100")
                .doesNotContainKey("held");
        Orders.place("honest-" + UUID.randomUUID(), order).then().statusCode(201);
    }

    private String idOf(String body) {
        try {
            return json.readTree(body).get("id").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
