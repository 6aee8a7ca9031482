package io.flashorder.order.query;

import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** GET /api/v1/orders and GET /api/v1/merchant/orders: own rows only, newest first, keyset pages, filters. */
@QuarkusTest
class OrderListTest {

    @Inject
    Lifecycle lifecycle;

    private Shop shop;
    private Shop otherShop;

    @BeforeEach
    void shops() {
        shop = lifecycle.shop("List shop");
        otherShop = lifecycle.shop("Other list shop");
    }

    @Test
    void aBuyerListsItsOwnOrdersNewestFirstPageByPageAndByStatus() {
        String buyer = "lister-" + UUID.randomUUID();
        Lifecycle.PlacedOrder oldest = lifecycle.paid(buyer, shop);
        Lifecycle.PlacedOrder middle = lifecycle.placed(buyer, shop);
        Lifecycle.PlacedOrder newest = lifecycle.paid(buyer, shop, otherShop);
        lifecycle.paid("someone-else-" + UUID.randomUUID(), shop);

        JsonPath first = buyerList(buyer, "?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id")).containsExactly(newest.orderId().toString(), middle.orderId().toString());
        assertThat(first.getList("items[0].merchantOrders")).hasSize(2);
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotBlank();

        JsonPath second = buyerList(buyer, "?limit=2&cursor=" + cursor).then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.id")).containsExactly(oldest.orderId().toString());
        assertThat(second.getString("nextCursor")).isNull();

        buyerList(buyer, "?status=PENDING_PAYMENT").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(middle.orderId().toString()))
                .body("items[0].status", equalTo("PENDING_PAYMENT"));
        buyerList(buyer, "?status=AWAITING_SHIPMENT").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(newest.orderId().toString(),
                        oldest.orderId().toString()));

        buyerList("nobody-" + UUID.randomUUID(), "").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("nextCursor", nullValue());
    }

    @Test
    void badBuyerListParametersAreProblems() {
        String buyer = "bad-lister-" + UUID.randomUUID();
        buyerList(buyer, "?status=SHIPPED").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("validation-failed")).body("errors.field", hasItem("status"));
        buyerList(buyer, "?limit=0").then().statusCode(400).body("errors.field", hasItem("limit"));
        buyerList(buyer, "?cursor=garbage").then().statusCode(400).body("code", equalTo("invalid-cursor"));
        given().header("Authorization", Tokens.bearer(Tokens.merchant(shop.merchantId()))).get("/api/v1/orders")
                .then().statusCode(403);
    }

    @Test
    void aMerchantListsOnlyItsOwnMerchantOrdersWithTheBuyerMasked() {
        Lifecycle.PlacedOrder both = lifecycle.paid("masked-" + UUID.randomUUID(), shop, otherShop);
        Lifecycle.PlacedOrder onlyOther = lifecycle.paid("masked-" + UUID.randomUUID(), otherShop);
        Lifecycle.PlacedOrder unpaid = lifecycle.placed("masked-" + UUID.randomUUID(), shop);

        JsonPath mine = merchantList(shop, "").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("items.id")).containsExactly(unpaid.merchantOrderOf(shop).toString(),
                both.merchantOrderOf(shop).toString());
        assertThat(mine.getList("items.id")).doesNotContain(both.merchantOrderOf(otherShop).toString(),
                onlyOther.merchantOrderOf(otherShop).toString());
        String toShip = "items.find { it.id == '" + both.merchantOrderOf(shop) + "' }";
        assertThat(mine.getString(toShip + ".shipTo.recipient")).isEqualTo("A**********e");
        assertThat(mine.getString(toShip + ".shipTo.phone")).endsWith("0958").doesNotContain("7946");
        assertThat(mine.getString(toShip + ".shipTo.detail")).isEqualTo("12 Analytical Engine Street, Flat 3");
        assertThat(mine.getString(toShip + ".shipTo.regionCode")).isEqualTo("NORTH");
        assertThat(mine.getString(toShip + ".orderId")).isEqualTo(both.orderId().toString());
        assertThat(mine.getList(toShip + ".lines")).hasSize(1);
        assertThat(mine.getString(toShip + ".lines[0].skuId")).isEqualTo(shop.skuId().toString());
        // Before payment there is nothing to ship: no street address.
        assertThat(mine.getString("items.find { it.id == '" + unpaid.merchantOrderOf(shop) + "' }.shipTo.detail"))
                .isNull();

        Lifecycle.ship(shop.merchantId(), both.merchantOrderOf(shop), "UPS", "MASK-00001").then().statusCode(201);
        merchantList(shop, "?status=AWAITING_RECEIPT").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(both.merchantOrderOf(shop).toString()))
                .body("items[0].shipTo.detail", nullValue())
                .body("items[0].shipment.trackingNumber", equalTo("MASK-00001"));
    }

    @Test
    void aMerchantFiltersByStatusAndPlacementDateAndPagesThrough() {
        Instant before = Instant.now().minusSeconds(1);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(0, lifecycle.paid("range-" + UUID.randomUUID(), shop).merchantOrderOf(shop).toString());
        }
        Instant after = Instant.now().plusSeconds(1);

        JsonPath page = merchantList(shop, "?limit=2&status=AWAITING_SHIPMENT&from=" + before + "&to=" + after)
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.id")).containsExactly(placed.get(0), placed.get(1));
        merchantList(shop, "?limit=2&status=AWAITING_SHIPMENT&from=" + before + "&to=" + after + "&cursor="
                + page.getString("nextCursor")).then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(placed.get(2)))
                .body("nextCursor", nullValue());

        merchantList(shop, "?to=" + before).then().statusCode(200).body("items.size()", equalTo(0));
        merchantList(shop, "?from=" + after).then().statusCode(200).body("items.size()", equalTo(0));
        merchantList(shop, "?status=COMPLETED").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void badMerchantListFiltersAreProblems() {
        merchantList(shop, "?from=yesterday").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("validation-failed")).body("errors.field", hasItem("from"));
        merchantList(shop, "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z").then().statusCode(400)
                .body("errors.field", hasItem("to"));
        merchantList(shop, "?status=lost").then().statusCode(400).body("errors.field", hasItem("status"));
        merchantList(shop, "?limit=500").then().statusCode(400).body("errors.field", hasItem("limit"));
        given().header("Authorization", Tokens.bearer(Tokens.customer("c-" + UUID.randomUUID())))
                .get("/api/v1/merchant/orders").then().statusCode(403);
    }

    private static io.restassured.response.Response buyerList(String buyer, String query) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).urlEncodingEnabled(false)
                .get("/api/v1/orders" + query);
    }

    private static io.restassured.response.Response merchantList(Shop shop, String query) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(shop.merchantId())))
                .urlEncodingEnabled(false).get("/api/v1/merchant/orders" + query);
    }
}
