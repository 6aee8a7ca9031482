package io.flashorder.checkout;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Orders;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Every bad placement gets a precise 4xx problem and reserves nothing. */
@QuarkusTest
class PlaceOrderBadInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    RedisDataSource redis;

    private UUID sku;
    private Map<String, String> stockBefore;

    @BeforeEach
    void setUp() {
        UUID merchant = Catalog.merchant("Bad order merchant " + UUID.randomUUID());
        sku = Catalog.sku(merchant, "Gadget", 2_500);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, Catalog.warehouse(merchant, "NORTH"), 20);
        stockBefore = redis.hash(String.class).hgetall(InventoryKeys.sku(sku));
    }

    @AfterEach
    void nothingWasReserved() {
        assertThat(redis.hash(String.class).hgetall(InventoryKeys.sku(sku))).isEqualTo(stockBefore);
    }

    private Map<String, Object> valid() {
        return new HashMap<>(Orders.body(Map.of(sku, 1)));
    }

    private void assertField(Consumer<Map<String, Object>> breakIt, String field) {
        Map<String, Object> body = valid();
        breakIt.accept(body);
        Orders.place("buyer-" + UUID.randomUUID(), body)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field));
    }

    private static Map<String, Object> address(String key, Object value) {
        Map<String, Object> address = new HashMap<>(Orders.address());
        address.put(key, value);
        return address;
    }

    @Test
    void aMalformedDeviceFingerprintIsRefusedNamingTheHeader() {
        for (String fingerprint : List.of("short", "x".repeat(129), "has space inside", "<script>alert</script>",
                "semi;colon-123456", "line\tbreak-123")) {
            String buyer = "buyer-" + UUID.randomUUID();
            Orders.placeFromDevice(buyer, fingerprint, valid())
                    .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("X-Device-Fingerprint"));
            given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).get("/api/v1/orders")
                    .then().statusCode(200).body("items.size()", equalTo(0));
        }
    }

    @Test
    void eachFieldIsValidated() {
        assertField(b -> b.remove("items"), "items");
        assertField(b -> b.put("items", List.of()), "items");
        assertField(b -> b.put("items", List.of(Map.of("skuId", sku, "quantity", 0))), "items[0].quantity");
        assertField(b -> b.put("items", List.of(Map.of("skuId", sku, "quantity", -3))), "items[0].quantity");
        assertField(b -> b.put("items", List.of(Map.of("skuId", sku, "quantity", 100))), "items[0].quantity");
        assertField(b -> b.put("items", List.of(Map.of("quantity", 1))), "items[0].skuId");
        assertField(b -> b.put("items", List.of(Map.of("skuId", sku, "quantity", 1), Map.of("skuId", sku, "quantity", 2))),
                "items[1].skuId");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(Map.of("skuId", UUID.randomUUID(), "quantity", 1));
        }
        assertField(b -> b.put("items", tooMany), "items");
        assertField(b -> b.remove("address"), "address");
        assertField(b -> b.put("address", address("recipient", " ")), "address.recipient");
        assertField(b -> b.put("address", address("recipient", "x".repeat(101))), "address.recipient");
        assertField(b -> b.put("address", address("phone", "call me")), "address.phone");
        assertField(b -> b.put("address", address("regionCode", "MARS")), "address.regionCode");
        assertField(b -> b.put("address", address("detail", "x".repeat(301))), "address.detail");
        assertField(b -> b.put("buyerNote", "x".repeat(201)), "buyerNote");
        assertField(b -> b.remove("paymentMethod"), "paymentMethod");
        UUID coupon = UUID.randomUUID();
        assertField(b -> b.put("couponIds", List.of(coupon, coupon)), "couponIds[1]");
    }

    @Test
    void unreadableBodiesAre400() {
        Map<String, Object> body = valid();
        body.put("paymentMethod", "BARTER");
        Orders.place("buyer-" + UUID.randomUUID(), body)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("paymentMethod"));
        body = valid();
        body.put("items", List.of(Map.of("skuId", sku, "quantity", "two")));
        Orders.place("buyer-" + UUID.randomUUID(), body)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("items[0].quantity"));
        // Ids are UUIDs from the edge on: a malformed one is refused there, naming its field.
        for (Map.Entry<String, Object> malformed : List.of(
                Map.entry("items", (Object) List.of(Map.of("skuId", "not-a-uuid", "quantity", 1))),
                Map.entry("couponIds", (Object) List.of("not-a-uuid")),
                Map.entry("campaignId", (Object) "not-a-uuid"))) {
            body = valid();
            body.put(malformed.getKey(), malformed.getValue());
            String field = malformed.getKey().equals("items") ? "items[0].skuId"
                    : malformed.getKey().equals("couponIds") ? "couponIds[0]" : "campaignId";
            Orders.place("buyer-" + UUID.randomUUID(), body)
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("malformed-body"))
                    .body("errors.field", hasItem(field));
        }
        given().header("Authorization", Tokens.bearer(Tokens.customer("buyer"))).header("Idempotency-Key", "k1")
                .contentType(ContentType.JSON).body("{\"items\": [").post("/api/v1/orders")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("malformed-json"));
        given().header("Authorization", Tokens.bearer(Tokens.customer("buyer"))).header("Idempotency-Key", "k2")
                .contentType(ContentType.JSON).body("{\"padding\":\"" + "x".repeat(70_000) + "\"}").post("/api/v1/orders")
                .then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    void idempotencyKeyIsRequiredAndBounded() {
        given().header("Authorization", Tokens.bearer(Tokens.customer("buyer")))
                .contentType(ContentType.JSON).body(valid()).post("/api/v1/orders")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("idempotency-key-required"));
        Orders.place("buyer", "k".repeat(256), valid())
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("idempotency-key-too-long"));
    }

    @Test
    void unknownOrInactiveSkusAndCampaignsAreRefusedByName() {
        UUID unknown = UUID.randomUUID();
        Orders.place("buyer-" + UUID.randomUUID(), Orders.body(Map.of(unknown, 1)))
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("sku-not-found"))
                .body("detail", org.hamcrest.Matchers.containsString(unknown.toString()));
        Map<String, Object> body = valid();
        body.put("campaignId", UUID.randomUUID());
        Orders.place("buyer-" + UUID.randomUUID(), body)
                .then().statusCode(422).contentType(PROBLEM).body("code", equalTo("campaign-not-found"));
        body = valid();
        body.put("couponIds", List.of(UUID.randomUUID()));
        Orders.place("buyer-" + UUID.randomUUID(), body)
                .then().statusCode(org.hamcrest.Matchers.oneOf(409, 422)).contentType(PROBLEM)
                .body("code", equalTo("coupon-not-found"));
    }

    @Test
    void onlyCustomersPlaceOrders() {
        given().header("Idempotency-Key", "k").contentType(ContentType.JSON).body(valid()).post("/api/v1/orders")
                .then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).header("Idempotency-Key", "k")
                .contentType(ContentType.JSON).body(valid()).post("/api/v1/orders")
                .then().statusCode(403).contentType(PROBLEM);
    }
}
