package io.flashorder.support;

import io.restassured.http.ContentType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Creates pricing rules through the admin API and claims coupons through the customer API, as an operator and a
 * buyer would. Every merchant in a cart needs a shipping template to be priced: {@link #defaultShippingTemplate}.
 */
public final class Pricing {

    private Pricing() {
    }

    /** A merchant's default ("*") shipping template: 5.00 EUR up to 1 kg, 2.00 per further 500 g, never free. */
    public static UUID defaultShippingTemplate(UUID merchantId) {
        return shippingTemplate(merchantId, "*", 1000, 500, 500, 200, null);
    }

    public static UUID shippingTemplate(UUID merchantId, String regionCode, int firstWeightGrams,
                                        long firstWeightPrice, int stepGrams, long stepPrice,
                                        Long freeShippingThreshold) {
        return UUID.fromString(given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON)
                .body(shippingTemplateBody(merchantId, regionCode, firstWeightGrams, firstWeightPrice, stepGrams,
                        stepPrice, freeShippingThreshold))
                .post("/api/v1/admin/shipping-templates")
                .then().statusCode(201).extract().path("id"));
    }

    public static Map<String, Object> shippingTemplateBody(UUID merchantId, String regionCode, int firstWeightGrams,
                                                           long firstWeightPrice, int stepGrams, long stepPrice,
                                                           Long freeShippingThreshold) {
        Map<String, Object> body = new HashMap<>();
        body.put("merchantId", merchantId);
        body.put("regionCode", regionCode);
        body.put("firstWeightGrams", firstWeightGrams);
        body.put("firstWeightPrice", firstWeightPrice);
        body.put("stepGrams", stepGrams);
        body.put("stepPrice", stepPrice);
        body.put("freeShippingThreshold", freeShippingThreshold);
        body.put("currency", "EUR");
        return body;
    }

    /** A platform member tier; tier names are platform-wide, so tests use unique ones. */
    public static UUID memberTier(String tier, int discountBp) {
        return UUID.fromString(given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON)
                .body(Map.of("tier", tier, "name", tier + " member", "discountBp", discountBp))
                .post("/api/v1/admin/member-tiers")
                .then().statusCode(201).extract().path("id"));
    }

    /** A FIXED coupon template, valid from a day ago for 30 days; merchantId null for a platform coupon. */
    public static UUID fixedCouponTemplate(UUID merchantIdOrNull, long amount, Long minSpend, int totalQuantity) {
        Map<String, Object> body = couponTemplateBody(merchantIdOrNull, "FIXED", totalQuantity);
        body.put("amount", amount);
        body.put("minSpend", minSpend);
        return couponTemplate(body);
    }

    /** A PERCENT coupon template (cap optional), valid from a day ago for 30 days. */
    public static UUID percentCouponTemplate(UUID merchantIdOrNull, int percentBp, Long cap, int totalQuantity) {
        Map<String, Object> body = couponTemplateBody(merchantIdOrNull, "PERCENT", totalQuantity);
        body.put("percentBp", percentBp);
        body.put("percentCap", cap);
        return couponTemplate(body);
    }

    public static Map<String, Object> couponTemplateBody(UUID merchantIdOrNull, String kind, int totalQuantity) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = new HashMap<>();
        body.put("merchantId", merchantIdOrNull);
        body.put("name", kind + " coupon " + UUID.randomUUID().toString().substring(0, 8));
        body.put("kind", kind);
        body.put("currency", "EUR");
        body.put("startsAt", now.minus(1, ChronoUnit.DAYS).toString());
        body.put("endsAt", now.plus(30, ChronoUnit.DAYS).toString());
        body.put("totalQuantity", totalQuantity);
        return body;
    }

    public static UUID couponTemplate(Map<String, Object> body) {
        return UUID.fromString(given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/coupon-templates")
                .then().statusCode(201).extract().path("id"));
    }

    /** Claims a coupon of the template for the customer; returns the coupon id. */
    public static String claim(UUID templateId, String customerToken) {
        return given().header("Authorization", Tokens.bearer(customerToken))
                .post("/api/v1/coupons/{templateId}/claim", templateId)
                .then().statusCode(201).extract().path("id");
    }

    /** A cart line for POST /api/v1/carts/price. */
    public static Map<String, Object> line(UUID skuId, int quantity) {
        return Map.of("skuId", skuId, "quantity", quantity);
    }

    public static Map<String, Object> cart(String regionCode, List<Map<String, Object>> items, List<String> couponIds) {
        Map<String, Object> body = new HashMap<>();
        body.put("items", items);
        body.put("regionCode", regionCode);
        body.put("couponIds", couponIds);
        return body;
    }
}
