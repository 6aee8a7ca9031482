package io.flashorder.checkout;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Orders;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class PlaceOrderTest {

    @Inject
    RedisDataSource redis;
    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    private UUID merchant;
    private UUID north;
    private UUID south;
    private UUID earbuds;
    private UUID cable;

    @BeforeEach
    void setUp() {
        merchant = Catalog.merchant("Checkout merchant " + UUID.randomUUID());
        north = Catalog.warehouse(merchant, "NORTH");
        south = Catalog.warehouse(merchant, "SOUTH");
        earbuds = Catalog.sku(merchant, "Earbuds", 12_900);
        cable = Catalog.sku(merchant, "Cable", 900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(earbuds, north, 2);
        Catalog.loadStock(earbuds, south, 10);
        Catalog.loadStock(cable, south, 5);
    }

    private Map<String, String> stock(UUID sku) {
        return redis.hash(String.class).hgetall(InventoryKeys.sku(sku));
    }

    @Test
    void acceptedOrderIsPricedHeldAndReadableAtOnce() {
        Map<UUID, Integer> items = new LinkedHashMap<>();
        items.put(earbuds, 3);
        items.put(cable, 1);
        long streamBefore = redis.stream(String.class).xlen(OrderKeys.PLACED_STREAM);

        var placed = Orders.place("buyer-" + UUID.randomUUID(), Orders.body(items))
                .then().statusCode(201).extract();
        String id = placed.path("id");
        assertThat(placed.header("Location")).endsWith("/api/v1/orders/" + id);
        assertThat((String) placed.path("status")).isEqualTo("PENDING_PAYMENT");
        assertThat((Integer) placed.path("subtotal")).isEqualTo(3 * 12_900 + 900);
        assertThat(Instant.parse(placed.path("paymentDeadline"))).isAfter(Instant.now().plusSeconds(25 * 60));
        assertThat((String) placed.path("address.recipient")).isEqualTo("Ada Lovelace");

        // The buyer is in the NORTH: its 2 units go first, the third comes from the SOUTH.
        List<Map<String, Object>> shares = placed.path("merchantOrders[0].lines.find { it.skuId == '" + earbuds + "' }.warehouses");
        assertThat(shares).containsExactly(Map.of("warehouseId", north.toString(), "quantity", 2),
                Map.of("warehouseId", south.toString(), "quantity", 1));
        assertThat(stock(earbuds)).containsEntry("available", "9").containsEntry("held", "3")
                .containsEntry(InventoryKeys.warehouseField(north), "0")
                .containsEntry(InventoryKeys.warehouseField(south), "9");
        assertThat(stock(cable)).containsEntry("available", "4").containsEntry("held", "1");
        assertThat(redis.stream(String.class).xlen(OrderKeys.PLACED_STREAM)).isGreaterThanOrEqualTo(streamBefore);
        assertThat(redis.sortedSet(String.class).zscore(OrderKeys.DEADLINES, id)).isNotNull();
    }

    @Test
    void ownerReadsTheOrderAndNobodyElseDoes() {
        String buyer = "buyer-" + UUID.randomUUID();
        String id = Orders.place(buyer, Orders.body(Map.of(cable, 2))).then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).get("/api/v1/orders/{id}", id)
                .then().statusCode(200).body("id", equalTo(id)).body("merchantOrders", hasSize(1))
                .body("merchantOrders[0].lines[0].quantity", equalTo(2));
        given().header("Authorization", Tokens.bearer(Tokens.customer("someone-else"))).get("/api/v1/orders/{id}", id)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("order-not-found"));
        given().get("/api/v1/orders/{id}", id).then().statusCode(401);
    }

    @Test
    void soldOutNamesTheSkuAndIsRememberedLocally() {
        Orders.place("buyer-" + UUID.randomUUID(), Orders.body(Map.of(cable, 5))).then().statusCode(201);
        Orders.place("buyer-" + UUID.randomUUID(), Orders.body(Map.of(cable, 1)))
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("sold-out"))
                .body("skus[0].skuId", equalTo(cable.toString()))
                .body("skus[0].available", equalTo(0));
        // Known sold out now: answered before the REST layer, but only to an authenticated customer with a key.
        double fastBefore = meters.counter("flashorder_sold_out_fast_refusals").count();
        Orders.place("buyer-" + UUID.randomUUID(), Orders.body(Map.of(cable, 1)))
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("sold-out")).body("skus[0].skuId", equalTo(cable.toString()));
        assertThat(meters.counter("flashorder_sold_out_fast_refusals").count()).isEqualTo(fastBefore + 1);
        given().header("Authorization", "Bearer forged").header("Idempotency-Key", "k").contentType("application/json")
                .body(Orders.body(Map.of(cable, 1))).post("/api/v1/orders").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(Tokens.customer("keyless"))).contentType("application/json")
                .body(Orders.body(Map.of(cable, 1))).post("/api/v1/orders")
                .then().statusCode(400).body("code", equalTo("idempotency-key-required"));
        assertThat(meters.counter("flashorder_sold_out_fast_refusals").count()).isEqualTo(fastBefore + 1);
        // A restock is announced to every pod: the SKU sells again at once.
        Catalog.loadStock(cable, north, 1);
        Orders.place("buyer-" + UUID.randomUUID(), Orders.body(Map.of(cable, 1))).then().statusCode(201);
    }

    @Test
    void aRetryOfAnOrderPlacedBeforeTheSkuSoldOutGetsThatOrderBack() {
        // The buyer's answer was lost; meanwhile the last units went and this pod learnt the SKU is sold out.
        String buyer = "buyer-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String id = Orders.place(buyer, key, Orders.body(Map.of(cable, 5))).then().statusCode(201)
                .extract().path("id");
        Orders.place("buyer-" + UUID.randomUUID(), Orders.body(Map.of(cable, 1)))
                .then().statusCode(409).body("code", equalTo("sold-out"));
        double fastBefore = meters.counter("flashorder_sold_out_fast_refusals").count();

        Orders.place(buyer, key, Orders.body(Map.of(cable, 5))).then().statusCode(201).body("id", equalTo(id));
        // The same key for another body is the reused key it is, not a sold-out SKU.
        Orders.place(buyer, key, Orders.body(Map.of(cable, 4)))
                .then().statusCode(422).body("code", equalTo("idempotency-key-reused"));
        // Another buyer with the same key string placed nothing: refused at the edge as before.
        Orders.place("buyer-" + UUID.randomUUID(), key, Orders.body(Map.of(cable, 5)))
                .then().statusCode(409).body("code", equalTo("sold-out"));
        assertThat(meters.counter("flashorder_sold_out_fast_refusals").count()).isEqualTo(fastBefore + 1);
        assertThat(stock(cable)).containsEntry("available", "0").containsEntry("held", "5");
    }

    @Test
    void lowStockIsSignalledOnceWhenTheThresholdIsCrossed() {
        // threshold 5 (Catalog.skuBody); earbuds 12 loaded: 12 → 8 → 5 (crossing) → 4 → 3.
        String buyer = "buyer-" + UUID.randomUUID();
        long before = lowStockEvents(earbuds);
        for (int quantity : new int[] {4, 3, 1, 1}) {
            Orders.place(buyer, Orders.body(Map.of(earbuds, quantity))).then().statusCode(201);
        }
        assertThat(lowStockEvents(earbuds) - before).isEqualTo(1);
    }

    private long lowStockEvents(UUID sku) {
        return redis.stream(String.class).xrange(InventoryKeys.STOCK_EVENTS, io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .stream().filter(m -> sku.toString().equals(m.payload().get("skuId"))).count();
    }
}
