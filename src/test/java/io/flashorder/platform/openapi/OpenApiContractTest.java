package io.flashorder.platform.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashorder.support.Catalog;
import io.flashorder.support.OpenApiContract;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document tells the truth: a scenario drives a broad set of endpoints through success and failure,
 * and every answer observed must be documented (its status, its content type) and have the documented shape,
 * null only where the schema allows null. Request schemas carry the constraints the service enforces.
 */
@QuarkusTest
class OpenApiContractTest {

    private OpenApiContract contract;

    @BeforeEach
    void record() {
        contract = OpenApiContract.load();
        RestAssured.filters(contract);
    }

    @AfterEach
    void stopRecording() {
        RestAssured.reset();
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON);
    }

    @Test
    void everyObservedAnswerIsDocumentedWithItsShape() {
        String admin = Tokens.admin();
        // Catalog
        UUID merchant = Catalog.merchant("Contract merchant " + UUID.randomUUID());
        as(admin).get("/api/v1/admin/merchants/{id}", merchant).then().statusCode(200);
        as(admin).get("/api/v1/admin/merchants/{id}", UUID.randomUUID()).then().statusCode(404);
        as(admin).get("/api/v1/admin/merchants?limit=1").then().statusCode(200);
        as(admin).get("/api/v1/admin/merchants?limit=zero").then().statusCode(400);
        as(admin).body(Map.of("name", "")).post("/api/v1/admin/merchants").then().statusCode(400);
        as(admin).body(Map.of("name", "Renamed " + UUID.randomUUID())).put("/api/v1/admin/merchants/{id}", merchant)
                .then().statusCode(200);
        UUID north = Catalog.warehouse(merchant, "NORTH");
        as(admin).get("/api/v1/admin/warehouses?merchantId=" + merchant).then().statusCode(200);
        UUID sku = Catalog.sku(merchant, "Contract item", 2_500);
        as(admin).get("/api/v1/admin/skus/{id}", sku).then().statusCode(200);
        as(admin).get("/api/v1/admin/skus?merchantId=" + merchant).then().statusCode(200);
        Catalog.loadStock(sku, north, 20);
        as(admin).get("/api/v1/admin/skus/{id}/stock", sku).then().statusCode(200);
        String merchantToken = Tokens.merchant(merchant);
        as(merchantToken).get("/api/v1/merchant/skus").then().statusCode(200);
        as(merchantToken).get("/api/v1/merchant/skus/{id}", UUID.randomUUID()).then().statusCode(404);
        as(merchantToken).get("/api/v1/merchant/warehouses").then().statusCode(200);
        as(Tokens.customer("not-an-admin")).get("/api/v1/admin/merchants").then().statusCode(403);
        given().get("/api/v1/admin/merchants").then().statusCode(401);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String campaign = Catalog.liveCampaign(now, sku, 1_900, 5, 2);
        as(admin).get("/api/v1/admin/campaigns/{id}", campaign).then().statusCode(200);
        as(admin).get("/api/v1/admin/campaigns/{id}/stock", campaign).then().statusCode(200);
        as(admin).get("/api/v1/admin/campaigns").then().statusCode(200);

        // Pricing rules
        Pricing.defaultShippingTemplate(merchant);
        as(admin).body(Pricing.shippingTemplateBody(merchant, "*", 1000, 500, 500, 200, null))
                .post("/api/v1/admin/shipping-templates").then().statusCode(409);
        as(merchantToken).get("/api/v1/merchant/shipping-templates").then().statusCode(200);
        String tier = "CT" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Pricing.memberTier(tier, 300);
        as(admin).body(Map.of("tier", tier, "name", "again", "discountBp", 100)).post("/api/v1/admin/member-tiers")
                .then().statusCode(409);
        as(admin).get("/api/v1/admin/member-tiers").then().statusCode(200);
        as(admin).get("/api/v1/admin/member-tiers/policy").then().statusCode(200);
        Map<String, Object> percentOff = new HashMap<>();
        percentOff.put("kind", "PERCENT_OFF");
        percentOff.put("name", "Ten off");
        percentOff.put("startsAt", now.minus(1, ChronoUnit.DAYS).toString());
        percentOff.put("endsAt", now.plus(1, ChronoUnit.DAYS).toString());
        percentOff.put("discountBp", 1000);
        percentOff.put("skuIds", List.of(sku));
        String promotion = as(merchantToken).body(percentOff).post("/api/v1/merchant/promotions").then().statusCode(201)
                .extract().path("id");
        as(merchantToken).get("/api/v1/merchant/promotions/{id}", promotion).then().statusCode(200);
        percentOff.put("endsAt", now.minus(2, ChronoUnit.DAYS).toString());
        as(merchantToken).body(percentOff).post("/api/v1/merchant/promotions").then().statusCode(400);
        UUID platformCoupon = Pricing.fixedCouponTemplate(null, 100, null, 10);
        as(admin).get("/api/v1/admin/coupon-templates/{id}", platformCoupon).then().statusCode(200);
        as(admin).get("/api/v1/admin/coupon-templates").then().statusCode(200);
        as(merchantToken).get("/api/v1/merchant/coupon-templates").then().statusCode(200);

        // A customer: coupons, a price preview, orders, payments
        String buyer = "contract-" + UUID.randomUUID();
        String customer = Tokens.customer(buyer);
        String coupon = Pricing.claim(platformCoupon, customer);
        as(customer).post("/api/v1/coupons/{id}/claim", platformCoupon).then().statusCode(409);
        as(customer).get("/api/v1/coupons").then().statusCode(200);
        as(customer).get("/api/v1/coupons/{id}", coupon).then().statusCode(200);
        as(customer).body(Pricing.cart("NORTH", List.of(Pricing.line(sku, 1)), List.of(coupon)))
                .post("/api/v1/carts/price").then().statusCode(200);
        as(customer).body(Pricing.cart("NORTH", List.of(Pricing.line(UUID.randomUUID(), 1)), List.of()))
                .post("/api/v1/carts/price").then().statusCode(422);
        String key = UUID.randomUUID().toString();
        String orderId = Orders.place(buyer, key, Orders.body(Map.of(sku, 2))).then().statusCode(201)
                .extract().path("id");
        Orders.place(buyer, key, Orders.body(Map.of(sku, 3))).then().statusCode(422);
        Map<String, Object> tooMany = new HashMap<>(Orders.body(Map.of(sku, 30)));
        Orders.place(buyer, tooMany).then().statusCode(409);
        Map<String, Object> inCampaign = new HashMap<>(Orders.body(Map.of(sku, 3)));
        inCampaign.put("campaignId", campaign);
        Orders.place(buyer, inCampaign).then().statusCode(409); // over the campaign's 2 per buyer
        Orders.place(buyer, Map.of()).then().statusCode(400);
        as(customer).get("/api/v1/orders/{id}", orderId).then().statusCode(200);
        as(customer).get("/api/v1/orders/{id}", UUID.randomUUID()).then().statusCode(404);
        as(customer).get("/api/v1/orders?limit=5").then().statusCode(200);
        Payments.history(buyer, orderId).then().statusCode(200);
        Payments.open(buyer, orderId).then().statusCode(201);
        Payments.open(buyer, orderId).then().statusCode(200);
        String second = Orders.place(buyer, Orders.body(Map.of(sku, 1))).then().statusCode(201).extract().path("id");
        Payments.cancel(buyer, second).then().statusCode(200);
        Payments.cancel(buyer, second).then().statusCode(409);
        as(customer).post("/api/v1/orders/{id}/merchant-orders/{mo}/receipt", orderId, UUID.randomUUID())
                .then().statusCode(404);

        // The payment webhook
        Map<String, Object> session = Payments.open(buyer, orderId).then().extract().jsonPath().getMap("$");
        SandboxCallbacks.post(SandboxCallbacks.succeeded((String) session.get("sessionId"), "tx-" + UUID.randomUUID(),
                ((Number) session.get("amount")).longValue(), "EUR", Instant.now())).then().statusCode(200);
        SandboxCallbacks.post(SandboxCallbacks.succeeded("no-such-session", "tx-" + UUID.randomUUID(), 1, "EUR",
                Instant.now())).then().statusCode(422);
        given().contentType(ContentType.JSON).body("{}").post(SandboxCallbacks.WEBHOOK).then().statusCode(401);

        // The merchant: orders, shipping, settings
        as(merchantToken).get("/api/v1/merchant/orders?status=AWAITING_SHIPMENT").then().statusCode(200);
        String merchantOrder = as(customer).get("/api/v1/orders/{id}", orderId).then().extract()
                .path("merchantOrders[0].id");
        as(merchantToken).body(Map.of("carrier", "DHL", "trackingNumber", "JD0123456789"))
                .post("/api/v1/merchant/orders/{id}/shipments", merchantOrder).then().statusCode(201);
        as(merchantToken).body(Map.of("carrier", "DHL", "trackingNumber", "JD0123456789"))
                .post("/api/v1/merchant/orders/{id}/shipments", merchantOrder).then().statusCode(409);
        as(merchantToken).body(Map.of("shipments", List.of(Map.of("merchantOrderId", UUID.randomUUID(),
                "carrier", "DHL", "trackingNumber", "JD0000")))).post("/api/v1/merchant/shipments")
                .then().statusCode(200);
        as(customer).get("/api/v1/orders/{id}", orderId).then().statusCode(200);
        as(merchantToken).get("/api/v1/merchant/settings").then().statusCode(200);
        as(merchantToken).body(Map.of("autoConfirmDays", 5)).put("/api/v1/merchant/settings").then().statusCode(200);
        as(merchantToken).body(Map.of("autoConfirmDays", 500)).put("/api/v1/merchant/settings").then().statusCode(400);
        as(admin).get("/api/v1/admin/merchant-settings/defaults").then().statusCode(200);

        // Risk
        Map<String, Object> entry = Map.of("kind", "USER", "value", "contract-blocked-" + UUID.randomUUID());
        as(admin).body(entry).post("/api/v1/admin/blacklist/entries").then().statusCode(201);
        as(admin).body(entry).post("/api/v1/admin/blacklist/entries").then().statusCode(200);
        as(admin).body(entry).post("/api/v1/admin/blacklist/lookups").then().statusCode(200);
        as(admin).body(entry).post("/api/v1/admin/blacklist/removals").then().statusCode(200);

        List<String> problems = new ArrayList<>();
        contract.exchanges().forEach(exchange -> problems.addAll(contract.violations(exchange)));
        assertThat(problems).as("answers that the OpenAPI document does not describe").isEmpty();
        assertThat(contract.exchanges()).hasSizeGreaterThanOrEqualTo(75); // the scenario ran in full
    }

    @Test
    void requestSchemasCarryTheConstraintsTheServiceEnforces() {
        JsonNode schemas = contract.document().path("components").path("schemas");
        List<String> unbounded = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            schema.getValue().path("properties").fields().forEachRemaining(property -> {
                JsonNode p = property.getValue();
                boolean isString = "string".equals(p.path("type").asText())
                        || p.path("type").toString().contains("\"string\"");
                if (schema.getKey().endsWith("Request") && isString && !p.has("maxLength") && !p.has("pattern")
                        && !p.has("enum") && !p.has("format") && !p.has("$ref")) {
                    unbounded.add(schema.getKey() + "." + property.getKey());
                }
            });
        }
        assertThat(unbounded).as("request text fields without a bound (the column lengths must be enforced)").isEmpty();
        JsonNode address = schemas.path("Address").path("properties").path("regionCode");
        assertThat(address.path("enum").toString()).contains("NORTH", "CENTRAL");
        assertThat(schemas.path("Problem").path("properties").has("code")).isTrue();
    }
}
