package io.flashorder.feedback;

import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.PlacedOrder;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Every bad rating or reply refused clearly (4xx problem+json, naming the field) with nothing written. */
@QuarkusTest
class FeedbackBadInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;

    private Shop shop;
    private String buyer;
    private PlacedOrder order;
    private UUID merchantOrder;

    @BeforeEach
    void completedOrder() {
        shop = lifecycle.shop("Feedback input");
        buyer = "fb-input-" + UUID.randomUUID();
        order = Feedbacks.completed(lifecycle, buyer, shop);
        merchantOrder = order.merchantOrderOf(shop);
    }

    private Map<String, Object> with(Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new HashMap<>(Feedbacks.rating(4, 4, 4, List.of("GOOD_VALUE"), "Fine"));
        change.accept(body);
        return body;
    }

    private void refused(Object body, int status, String field) {
        var answer = Feedbacks.rate(buyer, order.orderId(), merchantOrder, body).then().statusCode(status)
                .contentType(PROBLEM);
        if (field != null) {
            answer.body("errors.field", hasItem(field));
        }
        nothingWritten();
    }

    private void nothingWritten() {
        assertThat(database.count("SELECT count(*) FROM merchant_order_feedback WHERE merchant_order_id = $1",
                merchantOrder)).isZero();
        assertThat(database.count("SELECT count(*) FROM feedback_star_rollup WHERE merchant_id = $1",
                shop.merchantId())).isZero();
    }

    @Test
    void eachBadFieldIsA400NamingIt() {
        for (String dimension : List.of("goods", "service", "delivery")) {
            refused(with(b -> b.remove(dimension)), 400, dimension);
            refused(with(b -> b.put(dimension, 0)), 400, dimension);
            refused(with(b -> b.put(dimension, 6)), 400, dimension);
            refused(with(b -> b.put(dimension, -1)), 400, dimension);
            refused(with(b -> b.put(dimension, 4.5)), 400, dimension);
            refused(with(b -> b.put(dimension, "five")), 400, dimension);
        }
        refused(with(b -> b.put("tags", List.of("GREAT_VIBES"))), 400, null);
        refused(with(b -> b.put("tags", List.of("GOOD_VALUE", "GOOD_VALUE"))), 400, "tags");
        refused(with(b -> b.put("tags", List.of("AS_DESCRIBED", "GOOD_QUALITY", "GOOD_VALUE", "FAST_DELIVERY",
                "CAREFUL_PACKAGING", "FRIENDLY_SERVICE"))), 400, "tags");
        refused(with(b -> b.put("tags", Collections.singletonList(null))), 400, null);
        refused(with(b -> b.put("comment", "x".repeat(501))), 400, "comment");
        refused(with(b -> b.put("comment", "nul \u0000 inside")), 400, null);
    }

    @Test
    void malformedOrMissingBodiesAre400() {
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body("{\"goods\": 5, ").post(Feedbacks.BUYER_PATH, order.orderId(), merchantOrder)
                .then().statusCode(400).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .post(Feedbacks.BUYER_PATH, order.orderId(), merchantOrder)
                .then().statusCode(400).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body("{\"goods\":5,\"goods\":1,\"service\":5,\"delivery\":5}")
                .post(Feedbacks.BUYER_PATH, order.orderId(), merchantOrder)
                .then().statusCode(400).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body(Feedbacks.rating(5, 5, 5, List.of(), null))
                .post("/api/v1/orders/{o}/merchant-orders/not-a-uuid/feedback", order.orderId())
                .then().statusCode(404).contentType(PROBLEM); // malformed path ids are unknown ones (PathIdTest)
        nothingWritten();
    }

    @Test
    void unknownIdsAre404() {
        Map<String, Object> body = Feedbacks.rating(5, 5, 5, List.of(), null);
        Feedbacks.rate(buyer, UUID.randomUUID(), merchantOrder, body).then().statusCode(404).contentType(PROBLEM);
        Feedbacks.rate(buyer, order.orderId(), UUID.randomUUID(), body).then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("merchant-order-not-found"));
        Feedbacks.reply(shop.merchantId(), UUID.randomUUID(), Map.of("text", "Thanks")).then().statusCode(404)
                .contentType(PROBLEM);
        Feedbacks.merchantGet(shop.merchantId(), "/skus/{sku}/summary", UUID.randomUUID()).then().statusCode(404)
                .contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/skus/{sku}/feedback-summary", UUID.randomUUID()).then().statusCode(404)
                .contentType(PROBLEM);
        nothingWritten();
    }

    @Test
    void missingForgedOrWrongRoleTokensAreRefused() throws Exception {
        Map<String, Object> body = Feedbacks.rating(5, 5, 5, List.of(), null);
        given().contentType(ContentType.JSON).body(body)
                .post(Feedbacks.BUYER_PATH, order.orderId(), merchantOrder).then().statusCode(401).contentType(PROBLEM);
        var foreignKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String forged = Jwt.upn(buyer).groups(Set.of("customer")).sign(foreignKey);
        Feedbacks.rateWith(forged, order.orderId(), merchantOrder, body).then().statusCode(401).contentType(PROBLEM);
        Feedbacks.rateWith(Tokens.merchant(shop.merchantId()), order.orderId(), merchantOrder, body)
                .then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer)))
                .get(Feedbacks.MERCHANT_PATH + "/summary").then().statusCode(403).contentType(PROBLEM);
        nothingWritten();
    }

    @Test
    void badRepliesAre400AndStoreNothing() {
        String id = Feedbacks.rate(buyer, order.orderId(), merchantOrder, Feedbacks.rating(3, 3, 3, List.of(), null))
                .then().statusCode(201).extract().path("id");
        Feedbacks.reply(shop.merchantId(), id, Map.of()).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("text"));
        Feedbacks.reply(shop.merchantId(), id, Map.of("text", "   ")).then().statusCode(400).contentType(PROBLEM);
        Feedbacks.reply(shop.merchantId(), id, Map.of("text", "y".repeat(501))).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("text"));
        Feedbacks.merchantGet(shop.merchantId(), "?limit=0").then().statusCode(400).contentType(PROBLEM);
        assertThat(database.string("SELECT reply FROM merchant_order_feedback WHERE id = $1::uuid", id)).isNull();
    }
}
