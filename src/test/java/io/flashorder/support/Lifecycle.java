package io.flashorder.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders carried along their lifecycle for tests: shops with stock, orders placed through the API and persisted
 * by the writer, and — TEST FIXTURE ONLY, until payments exist on this branch — "paid" by applying the PAY
 * transition directly, as the payment webhook will.
 */
@ApplicationScoped
public class Lifecycle {

    /** A merchant with one warehouse (NORTH), a default shipping template and one SKU with stock. */
    public record Shop(UUID merchantId, UUID skuId) {
    }

    /** A placed order and its merchant order per merchant. */
    public record PlacedOrder(UUID orderId, String buyerId, Map<UUID, UUID> merchantOrderByMerchant) {

        public UUID merchantOrderOf(Shop shop) {
            return merchantOrderByMerchant.get(shop.merchantId());
        }
    }

    private final Database database;
    private final Clock clock;

    public Lifecycle(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Shop shop(String name) {
        UUID merchant = Catalog.merchant(name + " " + UUID.randomUUID());
        UUID warehouse = Catalog.warehouse(merchant, "NORTH");
        UUID sku = Catalog.sku(merchant, name + " item", 2_500);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, warehouse, 500);
        return new Shop(merchant, sku);
    }

    /** Places one unit from each shop and waits until PostgreSQL has the order (status PENDING_PAYMENT). */
    public PlacedOrder placed(String buyerId, Shop... shops) {
        Map<UUID, Integer> items = new LinkedHashMap<>();
        for (Shop shop : shops) {
            items.put(shop.skuId(), 1);
        }
        return placed(buyerId, items);
    }

    /** Places the given units per SKU and waits until PostgreSQL has the order (status PENDING_PAYMENT). */
    public PlacedOrder placed(String buyerId, Map<UUID, Integer> items) {
        return placed(buyerId, items, List.of());
    }

    /** Places the given units per SKU with the buyer's coupons and waits until PostgreSQL has the order. */
    public PlacedOrder placed(String buyerId, Map<UUID, Integer> items, List<String> couponIds) {
        Map<String, Object> body = Orders.body(items);
        body.put("couponIds", couponIds);
        return placedWith(buyerId, body);
    }

    /** Places an order of this request body and waits until PostgreSQL has it (status PENDING_PAYMENT). */
    public PlacedOrder placedWith(String buyerId, Map<String, Object> body) {
        return placedWith(buyerId, UUID.randomUUID().toString(), body);
    }

    /** The same with the given Idempotency-Key (placing it again answers the order it placed). */
    public PlacedOrder placedWith(String buyerId, String idempotencyKey, Map<String, Object> body) {
        return placedBy(buyerId, Orders.place(buyerId, idempotencyKey, body));
    }

    /** The order a placement answered (201), once PostgreSQL has it (status PENDING_PAYMENT). */
    public PlacedOrder placedBy(String buyerId, io.restassured.response.Response placement) {
        JsonPath placed = placement.then().statusCode(201).extract().jsonPath();
        UUID orderId = UUID.fromString(placed.getString("id"));
        Map<UUID, UUID> merchantOrders = new HashMap<>();
        List<Map<String, Object>> parts = placed.getList("merchantOrders");
        for (Map<String, Object> part : parts) {
            merchantOrders.put(UUID.fromString((String) part.get("merchantId")),
                    UUID.fromString((String) part.get("id")));
        }
        Eventually.await(Duration.ofSeconds(30), () -> assertThat(
                database.count("SELECT count(*) FROM customer_order WHERE id = $1", orderId)).isEqualTo(1));
        return new PlacedOrder(orderId, buyerId, Map.copyOf(merchantOrders));
    }

    /** A placed order paid through the sandbox gateway (a signed success callback), now AWAITING_SHIPMENT. */
    public PlacedOrder paid(String buyerId, Shop... shops) {
        return pay(placed(buyerId, shops));
    }

    /** The given units per SKU placed and paid through the sandbox gateway, now AWAITING_SHIPMENT. */
    public PlacedOrder paid(String buyerId, Map<UUID, Integer> items) {
        return pay(placed(buyerId, items));
    }

    /** The given units per SKU placed with the buyer's coupons and paid, now AWAITING_SHIPMENT. */
    public PlacedOrder paid(String buyerId, Map<UUID, Integer> items, List<String> couponIds) {
        return pay(placed(buyerId, items, couponIds));
    }

    /** Pays a placed order through the sandbox gateway (a signed success callback): now AWAITING_SHIPMENT. */
    public PlacedOrder pay(PlacedOrder order) {
        String buyerId = order.buyerId();
        JsonPath session = Payments.open(buyerId, order.orderId().toString()).then().statusCode(201)
                .extract().jsonPath();
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session.getString("sessionId"), "tx-" + UUID.randomUUID(),
                        session.getLong("amount"), session.getString("currency"), clock.instant()))
                .then().statusCode(200);
        assertThat(orderStatus(order.orderId())).isEqualTo("AWAITING_SHIPMENT");
        return order;
    }

    public String status(UUID merchantOrderId) {
        return database.string("SELECT status FROM merchant_order WHERE id = $1", merchantOrderId);
    }

    public String orderStatus(UUID orderId) {
        return database.string("SELECT status FROM customer_order WHERE id = $1", orderId);
    }

    public long version(UUID merchantOrderId) {
        return database.count("SELECT version FROM merchant_order WHERE id = $1", merchantOrderId);
    }

    public static io.restassured.response.Response ship(UUID merchantId, UUID merchantOrderId, String carrier,
                                                        String trackingNumber) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantId)))
                .contentType(ContentType.JSON)
                .body(Map.of("carrier", carrier, "trackingNumber", trackingNumber))
                .post("/api/v1/merchant/orders/{id}/shipments", merchantOrderId);
    }

    public static io.restassured.response.Response confirmReceipt(String buyerId, UUID orderId,
                                                                  UUID merchantOrderId) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyerId)))
                .post("/api/v1/orders/{id}/merchant-orders/{mo}/receipt", orderId, merchantOrderId);
    }

    public static io.restassured.response.Response order(String buyerId, UUID orderId) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyerId)))
                .get("/api/v1/orders/{id}", orderId);
    }
}
