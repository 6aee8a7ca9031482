package io.flashorder.points;

import io.flashorder.inventory.PointsKeys;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Orders;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * The cart preview spends points as checkout does: the same POINTS discount on the same lines, the same cap, the same
 * refusals for bad input and for more points than the buyer can spend now (its unpaid orders hold some); and a preview
 * holds and writes nothing.
 */
@QuarkusTest
class PointsPreviewTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    RedisDataSource redis;

    private Shop shop;
    private String buyer;

    @BeforeEach
    void shopAndBuyer() {
        shop = lifecycle.shop("Points preview");
        buyer = "preview-points-" + UUID.randomUUID();
    }

    @Test
    void thePreviewPricesPointsExactlyAsCheckoutThen() {
        PointsLedgerTest.adjust(buyer, Map.of("amount", 3_000, "reason", "test grant")).then().statusCode(201);

        JsonPath previewed = preview(cart(3, 1_501L)).statusCode(200).extract().jsonPath();
        JsonPath placed = Orders.place(buyer, order(3, 1_501)).then().statusCode(201).extract().jsonPath();

        // 1,501 points of 7,500 goods at 1 point = 1 minor unit: spread over the line exactly as the order has it.
        assertThat(previewed.getLong("totals.payable")).isEqualTo(placed.getLong("payable"));
        assertThat(previewed.getLong("totals.discount")).isEqualTo(placed.getLong("discountTotal"));
        assertThat(discounts(previewed, "POINTS")).isEqualTo(discounts(placed, "POINTS")).containsExactly(1_501L);
        JsonPath without = preview(cart(3, null)).statusCode(200).extract().jsonPath();
        assertThat(previewed.getLong("totals.payable")).isEqualTo(without.getLong("totals.payable") - 1_501);
        assertThat(preview(cart(3, 0L)).statusCode(200).extract().jsonPath().getLong("totals.payable"))
                .isEqualTo(without.getLong("totals.payable"));
    }

    @Test
    void pointsTheBuyerCannotSpendNowAreRefusedAsAtCheckout() {
        PointsLedgerTest.adjust(buyer, Map.of("amount", 1_000, "reason", "test grant")).then().statusCode(201);
        preview(cart(1, 1_000L)).statusCode(200);
        preview(cart(1, 1_001L)).statusCode(409).contentType(startsWith(PROBLEM))
                .body("code", equalTo("insufficient-points")).body("spendable", equalTo(1_000));

        // An unpaid order holds 600 of them: 400 are left, for the preview as for checkout.
        Orders.place(buyer, order(1, 600)).then().statusCode(201);
        preview(cart(1, 401L)).statusCode(409).body("code", equalTo("insufficient-points"))
                .body("spendable", equalTo(400));
        Orders.place(buyer, order(1, 401)).then().statusCode(409).body("code", equalTo("insufficient-points"))
                .body("spendable", equalTo(400));
        preview(cart(1, 400L)).statusCode(200);

        // A buyer who never had points (no mirror, no ledger): none to spend.
        String nobody = "preview-no-points-" + UUID.randomUUID();
        preview(nobody, cart(1, 1L)).statusCode(409).body("code", equalTo("insufficient-points"))
                .body("spendable", equalTo(0));
        assertThat(redis.key(String.class).exists(PointsKeys.account(nobody))).isFalse();
    }

    @Test
    void badPointsAreRefusedAndNothingIsWritten() {
        PointsLedgerTest.adjust(buyer, Map.of("amount", 100_000, "reason", "test grant")).then().statusCode(201);
        long orders = database.countAll("customer_order");
        String mirrorBefore = String.valueOf(redis.hash(String.class).hgetall(PointsKeys.account(buyer)));

        preview(cart(1, -1L)).statusCode(400).contentType(startsWith(PROBLEM)).body("errors.field", hasItem("pointsToUse"));
        preview(cart(1, 1_000_000_001L)).statusCode(400).body("errors.field", hasItem("pointsToUse"));
        Map<String, Object> fraction = cart(1, null);
        fraction.put("pointsToUse", 1.5);
        preview(fraction).statusCode(400).contentType(startsWith(PROBLEM));
        Map<String, Object> text = cart(1, null);
        text.put("pointsToUse", "ten");
        preview(text).statusCode(400).contentType(startsWith(PROBLEM));
        // Over the platform's cap (half of the goods: 12.50 of a 25.00 item), with the most allowed, as at checkout.
        preview(cart(1, 1_251L)).statusCode(422).body("code", equalTo("points-over-cap")).body("subject", equalTo("1250"));
        Orders.place(buyer, order(1, 1_251)).then().statusCode(422).body("code", equalTo("points-over-cap"))
                .body("subject", equalTo("1250"));

        assertThat(database.countAll("customer_order")).isEqualTo(orders);
        assertThat(String.valueOf(redis.hash(String.class).hgetall(PointsKeys.account(buyer)))).isEqualTo(mirrorBefore);
        preview(cart(1, 1_250L)).statusCode(200);
    }

    private ValidatableResponse preview(Map<String, Object> cart) {
        return preview(buyer, cart);
    }

    private static ValidatableResponse preview(String buyer, Map<String, Object> cart) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body(cart).post("/api/v1/carts/price").then();
    }

    private Map<String, Object> cart(int units, Long pointsToUse) {
        Map<String, Object> cart = new HashMap<>();
        cart.put("regionCode", "NORTH");
        cart.put("items", List.of(Map.of("skuId", shop.skuId(), "quantity", units)));
        if (pointsToUse != null) {
            cart.put("pointsToUse", pointsToUse);
        }
        return cart;
    }

    private Map<String, Object> order(int units, long pointsToUse) {
        Map<String, Object> body = new HashMap<>(Orders.body(Map.of(shop.skuId(), units)));
        body.put("pointsToUse", pointsToUse);
        return body;
    }

    /** The amounts of the discounts of one kind on the order's lines, in line order. */
    private static List<Long> discounts(JsonPath quote, String kind) {
        List<Long> amounts = new java.util.ArrayList<>();
        List<List<List<Map<String, Object>>>> orders = quote.getList("merchantOrders.lines.discounts");
        orders.forEach(lines -> lines.forEach(discounts -> discounts.stream()
                .filter(discount -> kind.equals(discount.get("kind")))
                .forEach(discount -> amounts.add(((Number) discount.get("amount")).longValue()))));
        return amounts;
    }
}
