package io.flashorder.support;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Builds and places orders through the customer API. */
public final class Orders {

    private Orders() {
    }

    public static Map<String, Object> address() {
        return Map.of("recipient", "Ada Lovelace", "phone", "+44 20 7946 0958", "regionCode", "NORTH",
                "detail", "12 Analytical Engine Street, Flat 3");
    }

    public static Map<String, Object> body(Map<UUID, Integer> quantities) {
        List<Map<String, Object>> items = new ArrayList<>();
        quantities.forEach((sku, quantity) -> items.add(Map.of("skuId", sku, "quantity", quantity)));
        Map<String, Object> body = new HashMap<>();
        body.put("items", items);
        body.put("address", address());
        body.put("paymentMethod", "ONLINE");
        return body;
    }

    public static Response place(String userId, String idempotencyKey, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(userId)))
                .header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(body)
                .post("/api/v1/orders");
    }

    /** Placed from a device the client app identifies by its fingerprint header. */
    public static Response placeFromDevice(String userId, String deviceFingerprint, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(userId)))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Device-Fingerprint", deviceFingerprint)
                .contentType(ContentType.JSON).body(body)
                .post("/api/v1/orders");
    }

    public static Response place(String userId, Map<String, Object> body) {
        return place(userId, UUID.randomUUID().toString(), body);
    }
}
