package io.flashorder.aftersale;

import io.flashorder.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The after-sales API as buyers and merchants call it (test code). */
public final class AfterSales {

    static final String BUYER_PATH = "/api/v1/after-sales";
    static final String MERCHANT_PATH = "/api/v1/merchant/after-sales";

    private AfterSales() {
    }

    public static Map<String, Object> request(UUID merchantOrderId, String type, Map<UUID, Integer> lines) {
        Map<String, Object> body = new HashMap<>();
        body.put("merchantOrderId", merchantOrderId);
        body.put("type", type);
        body.put("reasonCode", "DAMAGED");
        body.put("description", "The box arrived crushed");
        body.put("evidenceUrls", List.of("https://img.example.com/box-1.jpg"));
        body.put("lines", lines.entrySet().stream()
                .map(line -> Map.of("lineId", line.getKey(), "quantity", line.getValue())).toList());
        return body;
    }

    public static Response open(String buyerId, Object body) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyerId))).contentType(ContentType.JSON)
                .body(body).post(BUYER_PATH);
    }

    static Response buyerGet(String buyerId, String path, Object... params) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyerId))).get(BUYER_PATH + path, params);
    }

    static Response buyerPost(String buyerId, String path, Object... params) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyerId))).post(BUYER_PATH + path, params);
    }

    public static Response merchantGet(UUID merchantId, String path, Object... params) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantId)))
                .get(MERCHANT_PATH + path, params);
    }

    public static Response approve(UUID merchantId, Object caseId) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantId)))
                .post(MERCHANT_PATH + "/{id}/approval", caseId);
    }

    static Response reject(UUID merchantId, Object caseId, Object body) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantId))).contentType(ContentType.JSON)
                .body(body).post(MERCHANT_PATH + "/{id}/rejection", caseId);
    }
}
