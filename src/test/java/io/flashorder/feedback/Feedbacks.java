package io.flashorder.feedback;

import io.flashorder.support.Lifecycle;
import io.flashorder.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The feedback API as buyers, merchants and shoppers call it, and completed orders to rate (test code). */
final class Feedbacks {

    static final String BUYER_PATH = "/api/v1/orders/{orderId}/merchant-orders/{merchantOrderId}/feedback";
    static final String MERCHANT_PATH = "/api/v1/merchant/feedback";

    private Feedbacks() {
    }

    /** A merchant order of one unit of the shop's SKU, paid, shipped and received: COMPLETED. */
    static Lifecycle.PlacedOrder completed(Lifecycle lifecycle, String buyer, Lifecycle.Shop shop) {
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, shop);
        UUID merchantOrder = order.merchantOrderOf(shop);
        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "FB-" + merchantOrder).then().statusCode(201);
        Lifecycle.confirmReceipt(buyer, order.orderId(), merchantOrder).then().statusCode(200);
        return order;
    }

    static Map<String, Object> rating(int goods, int service, int delivery, List<String> tags, String comment) {
        Map<String, Object> body = new HashMap<>();
        body.put("goods", goods);
        body.put("service", service);
        body.put("delivery", delivery);
        body.put("tags", tags);
        body.put("comment", comment);
        return body;
    }

    static Response rate(String buyer, UUID orderId, UUID merchantOrderId, Object body) {
        return rateWith(Tokens.customer(buyer), orderId, merchantOrderId, body);
    }

    static Response rateWith(String token, UUID orderId, UUID merchantOrderId, Object body) {
        return given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON)
                .body(body).post(BUYER_PATH, orderId, merchantOrderId);
    }

    static Response reply(UUID merchantId, Object feedbackId, Object body) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantId)))
                .contentType(ContentType.JSON).body(body).post(MERCHANT_PATH + "/{id}/reply", feedbackId);
    }

    static Response merchantGet(UUID merchantId, String path, Object... params) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantId)))
                .get(MERCHANT_PATH + path, params);
    }
}
