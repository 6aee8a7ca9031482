package io.flashorder.support;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Customer calls of the payment lifecycle. */
public final class Payments {

    private Payments() {
    }

    public static Response open(String userId, String orderId) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(userId)))
                .contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/orders/{id}/payments", orderId);
    }

    public static Response cancel(String userId, String orderId) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(userId)))
                .contentType(ContentType.JSON).body(Map.of("reason", "changed my mind"))
                .post("/api/v1/orders/{id}/cancellation", orderId);
    }

    public static Response history(String userId, String orderId) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(userId)))
                .get("/api/v1/orders/{id}/history", orderId);
    }

    public static Response order(String userId, String orderId) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(userId)))
                .get("/api/v1/orders/{id}", orderId);
    }
}
