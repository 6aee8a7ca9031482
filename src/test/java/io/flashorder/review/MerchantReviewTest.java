package io.flashorder.review;

import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Orders;
import io.flashorder.support.TestProfiles;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * With the platform setting on (ReviewQueueTest's profile), a merchant lists the held orders that hold one of its
 * merchant orders, with the reasons, and approves or rejects those wholly its own; another merchant's review is a 404,
 * an order shared with another merchant is the platform's to decide (409), and bad input decides nothing.
 */
@QuarkusTest
@TestProfile(TestProfiles.ReviewOn.class)
class MerchantReviewTest {

    private static final String MINE = "/api/v1/merchant/reviews";

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;

    @Test
    void aMerchantListsItsHeldOrderWithTheReasonsAndApprovesIt() {
        Shop shop = lifecycle.shop("merchant-review-approve");
        Lifecycle.PlacedOrder held = thirdBuyerOnOneAddress(shop);
        UUID merchantOrder = held.merchantOrderOf(shop);

        List<Map<String, Object>> queue = as(Tokens.merchant(shop.merchantId())).get(MINE + "?limit=100")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(queue).singleElement().satisfies(review -> {
            assertThat(review.get("orderId")).isEqualTo(held.orderId().toString());
            assertThat(review.get("merchantOrderId")).isEqualTo(merchantOrder.toString());
            assertThat(review.get("decidable")).isEqualTo(true);
            assertThat(review).doesNotContainKey("buyerId");
        });
        as(Tokens.merchant(shop.merchantId())).get(MINE + "/{id}", held.orderId()).then().statusCode(200)
                .body("status", equalTo("UNDER_REVIEW")).body("reasons[0].rule", equalTo("SHARED_ADDRESS"));
        problem(Lifecycle.ship(shop.merchantId(), merchantOrder, "SF Express", "SF0000000011"), 409)
                .body("code", equalTo("order-under-review"));

        as(Tokens.merchant(shop.merchantId())).body(Map.of("reason", "regular customer, checked"))
                .post(MINE + "/{id}/approval", held.orderId()).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("decidable", equalTo(false))
                .body("decidedBy", equalTo("merchant:" + shop.merchantId()));
        problem(as(Tokens.merchant(shop.merchantId())).body(Map.of("reason", "changed my mind"))
                .post(MINE + "/{id}/rejection", held.orderId()), 409).body("code", equalTo("review-decided"));
        as(Tokens.admin()).get("/api/v1/admin/reviews/{id}", held.orderId()).then().statusCode(200)
                .body("decidedBy", equalTo("merchant:" + shop.merchantId()));
        List<Map<String, Object>> history = as(Tokens.customer(held.buyerId()))
                .get("/api/v1/orders/{id}/history", held.orderId()).then().statusCode(200)
                .extract().jsonPath().getList("transitions");
        assertThat(history).anySatisfy(t -> {
            assertThat(t.get("actor")).isEqualTo("merchant:" + shop.merchantId());
            assertThat(t.get("reason")).isEqualTo("risk review approved: regular customer, checked");
        });
        Lifecycle.ship(shop.merchantId(), merchantOrder, "SF Express", "SF0000000011").then().statusCode(201);
        as(Tokens.merchant(shop.merchantId())).get(MINE + "?status=APPROVED&limit=100").then().statusCode(200)
                .body("items.orderId", hasItem(held.orderId().toString()));
    }

    @Test
    void aMerchantRejectsItsOwnHeldOrderWhichIsRefunded() {
        Shop shop = lifecycle.shop("merchant-review-reject");
        Lifecycle.PlacedOrder held = thirdBuyerOnOneAddress(shop);
        UUID merchantOrder = held.merchantOrderOf(shop);

        as(Tokens.merchant(shop.merchantId())).body(Map.of("reason", "known reseller"))
                .post(MINE + "/{id}/rejection", held.orderId()).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("decisionReason", equalTo("known reseller"));
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AFTER_SALE");
        assertThat(database.count("""
                SELECT count(*) FROM after_sale_refund r JOIN after_sale_case c ON c.id = r.case_id
                WHERE c.merchant_order_id = $1 AND c.type = 'REFUND_ONLY'""", merchantOrder)).isEqualTo(1);
    }

    @Test
    void anotherMerchantsReviewIsNotFoundAndBadInputDecidesNothing() throws NoSuchAlgorithmException {
        Shop shop = lifecycle.shop("merchant-review-tenancy");
        Shop other = lifecycle.shop("merchant-review-other");
        Lifecycle.PlacedOrder held = thirdBuyerOnOneAddress(shop);
        String stranger = Tokens.merchant(other.merchantId());

        as(stranger).get(MINE + "?limit=100").then().statusCode(200)
                .body("items.orderId", not(hasItem(held.orderId().toString())));
        // Exactly as an unknown order's review: nothing tells the stranger it exists.
        problem(as(stranger).get(MINE + "/{id}", held.orderId()), 404).body("code", equalTo("review-not-found"));
        problem(as(stranger).get(MINE + "/{id}", UUID.randomUUID()), 404).body("code", equalTo("review-not-found"));
        problem(as(stranger).body(Map.of("reason", "mine now")).post(MINE + "/{id}/approval", held.orderId()), 404);
        problem(as(stranger).body(Map.of("reason", "mine now")).post(MINE + "/{id}/rejection", held.orderId()), 404);

        String owner = Tokens.merchant(shop.merchantId());
        problem(as(owner).body("{}").post(MINE + "/{id}/rejection", held.orderId()), 400);
        problem(as(owner).body(Map.of("reason", " ")).post(MINE + "/{id}/rejection", held.orderId()), 400);
        problem(as(owner).body(Map.of("reason", "x".repeat(501))).post(MINE + "/{id}/rejection", held.orderId()), 400);
        problem(as(owner).body(Map.of("reason", "x".repeat(501))).post(MINE + "/{id}/approval", held.orderId()), 400);
        problem(as(owner).body("{\"reason\": ").post(MINE + "/{id}/approval", held.orderId()), 400);
        problem(as(owner).body(Map.of("reason", "x")).post(MINE + "/{id}/approval", UUID.randomUUID()), 404);
        problem(as(owner).get(MINE + "/not-a-uuid"), 404);
        problem(as(owner).get(MINE + "?status=BOGUS"), 400);
        problem(as(owner).get(MINE + "?limit=0"), 400);
        problem(as(Tokens.customer(held.buyerId())).post(MINE + "/{id}/approval", held.orderId()), 403);
        problem(as(Tokens.admin()).post(MINE + "/{id}/approval", held.orderId()), 403);
        problem(given().contentType(ContentType.JSON).post(MINE + "/{id}/approval", held.orderId()), 401);
        var foreignKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String forged = Jwt.upn("merchant-user").groups(Set.of("merchant"))
                .claim("merchant_id", shop.merchantId().toString()).sign(foreignKey);
        problem(as(forged).post(MINE + "/{id}/approval", held.orderId()), 401);

        assertThat(database.string("SELECT status FROM order_review WHERE order_id = $1", held.orderId()))
                .isEqualTo("UNDER_REVIEW");
        assertThat(lifecycle.status(held.merchantOrderOf(shop))).isEqualTo("AWAITING_SHIPMENT");
    }

    @Test
    void anOrderSharedWithAnotherMerchantIsThePlatformsToDecide() {
        Shop first = lifecycle.shop("merchant-review-shared-1");
        Shop second = lifecycle.shop("merchant-review-shared-2");
        Lifecycle.PlacedOrder held = thirdBuyerOnOneAddress(first, second);

        for (Shop shop : List.of(first, second)) {
            as(Tokens.merchant(shop.merchantId())).get(MINE + "/{id}", held.orderId()).then().statusCode(200)
                    .body("merchantOrderId", equalTo(held.merchantOrderOf(shop).toString()))
                    .body("decidable", equalTo(false));
            problem(as(Tokens.merchant(shop.merchantId())).body(Map.of("reason", "fine by me"))
                    .post(MINE + "/{id}/approval", held.orderId()), 409).body("code", equalTo("review-spans-merchants"));
        }
        assertThat(database.string("SELECT status FROM order_review WHERE order_id = $1", held.orderId()))
                .isEqualTo("UNDER_REVIEW");
        as(Tokens.admin()).body(Map.of("reason", "checked")).post("/api/v1/admin/reviews/{id}/approval", held.orderId())
                .then().statusCode(200).body("status", equalTo("APPROVED"));
    }

    /** Three buyers pay an order of these shops to one new address: the third is held (shared address). */
    private Lifecycle.PlacedOrder thirdBuyerOnOneAddress(Shop... shops) {
        Map<String, Object> address = new HashMap<>(Orders.address());
        address.put("detail", "Merchant Review Street " + UUID.randomUUID());
        Map<UUID, Integer> items = new HashMap<>();
        for (Shop shop : shops) {
            items.put(shop.skuId(), 1);
        }
        Lifecycle.PlacedOrder last = null;
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> body = Orders.body(items);
            body.put("address", address);
            last = lifecycle.pay(lifecycle.placedWith("merchant-review-buyer-" + i + "-" + UUID.randomUUID(), body));
        }
        assertThat(database.count("SELECT count(*) FROM order_review WHERE order_id = $1", last.orderId())).isOne();
        return last;
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON);
    }

    private static ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status).contentType(startsWith("application/problem+json"));
    }
}
