package io.flashorder.pricing.rules.coupontemplate;

import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CouponTemplateResourceTest {

    @Inject
    Database database;

    private UUID merchant;

    @BeforeEach
    void setUp() {
        merchant = Catalog.merchant("Couponer " + UUID.randomUUID());
    }

    @Test
    void adminCreatesPlatformAndMerchantTemplates() {
        Map<String, Object> platform = Pricing.couponTemplateBody(null, "PERCENT", 1_000);
        platform.put("percentBp", 1_000);
        platform.put("percentCap", 2_000);
        platform.put("minSpend", 5_000);
        String platformId = given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(platform).post("/api/v1/admin/coupon-templates")
                .then().statusCode(201)
                .body("scope", equalTo("PLATFORM")).body("merchantId", nullValue()).body("kind", equalTo("PERCENT"))
                .body("percentBp", equalTo(1_000)).body("percentCap", equalTo(2_000)).body("minSpend", equalTo(5_000))
                .body("totalQuantity", equalTo(1_000)).body("issued", equalTo(0)).body("remaining", equalTo(1_000))
                .body("active", equalTo(true))
                .extract().path("id");

        Map<String, Object> forMerchant = Pricing.couponTemplateBody(merchant, "FIXED", 50);
        forMerchant.put("amount", 500);
        String merchantTemplate = given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON).body(forMerchant).post("/api/v1/admin/coupon-templates")
                .then().statusCode(201).body("scope", equalTo("MERCHANT"))
                .body("merchantId", equalTo(merchant.toString())).extract().path("id");

        forMerchant.put("totalQuantity", 80);
        forMerchant.put("active", false);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(forMerchant)
                .put("/api/v1/admin/coupon-templates/{id}", merchantTemplate)
                .then().statusCode(200).body("totalQuantity", equalTo(80)).body("active", equalTo(false))
                .body("version", equalTo(1));
        // A template never moves between merchants or to the platform.
        forMerchant.put("merchantId", null);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(forMerchant)
                .put("/api/v1/admin/coupon-templates/{id}", merchantTemplate)
                .then().statusCode(400).body("errors.field", hasItem("merchantId"));

        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/coupon-templates/{id}", platformId)
                .then().statusCode(200).body("name", equalTo(platform.get("name")));
        given().header("Authorization", Tokens.bearer(Tokens.admin())).queryParam("merchantId", merchant)
                .get("/api/v1/admin/coupon-templates")
                .then().statusCode(200).body("items.id", contains(merchantTemplate));
    }

    @Test
    void theQuantityCannotDropBelowWhatWasClaimed() {
        UUID template = Pricing.fixedCouponTemplate(null, 100, null, 3);
        Pricing.claim(template, Tokens.customer("q1-" + template));
        Pricing.claim(template, Tokens.customer("q2-" + template));
        Map<String, Object> body = Pricing.couponTemplateBody(null, "FIXED", 1);
        body.put("amount", 100);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(body)
                .put("/api/v1/admin/coupon-templates/{id}", template)
                .then().statusCode(400).body("errors.field", hasItem("totalQuantity"));
        body.put("totalQuantity", 2);
        // Updating the template does not reset the claimed count.
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(body)
                .put("/api/v1/admin/coupon-templates/{id}", template)
                .then().statusCode(200).body("issued", equalTo(2)).body("remaining", equalTo(0));
        assertThat(database.count("SELECT issued FROM coupon_template WHERE id = $1", template)).isEqualTo(2);
    }

    @Test
    void merchantManagesOnlyItsOwnTemplates() {
        UUID other = Catalog.merchant("Other couponer " + UUID.randomUUID());
        UUID othersTemplate = Pricing.fixedCouponTemplate(other, 100, null, 5);
        UUID platformTemplate = Pricing.fixedCouponTemplate(null, 100, null, 5);
        String token = Tokens.bearer(Tokens.merchant(merchant));
        Map<String, Object> own = Pricing.couponTemplateBody(null, "FIXED", 10);
        own.put("amount", 250);
        String ownId = given().header("Authorization", token).contentType(ContentType.JSON).body(own)
                .post("/api/v1/merchant/coupon-templates")
                .then().statusCode(201).body("scope", equalTo("MERCHANT"))
                .body("merchantId", equalTo(merchant.toString())).extract().path("id");
        given().header("Authorization", token).contentType(ContentType.JSON).body(own)
                .put("/api/v1/merchant/coupon-templates/{id}", ownId).then().statusCode(200);
        given().header("Authorization", token).get("/api/v1/merchant/coupon-templates")
                .then().statusCode(200).body("items.id", contains(ownId));

        for (UUID notMine : new UUID[] {othersTemplate, platformTemplate}) {
            given().header("Authorization", token).get("/api/v1/merchant/coupon-templates/{id}", notMine)
                    .then().statusCode(404).body("code", equalTo("coupon-template-not-found"));
            given().header("Authorization", token).contentType(ContentType.JSON).body(own)
                    .put("/api/v1/merchant/coupon-templates/{id}", notMine).then().statusCode(404);
        }
        Map<String, Object> forOther = Pricing.couponTemplateBody(other, "FIXED", 10);
        forOther.put("amount", 250);
        given().header("Authorization", token).contentType(ContentType.JSON).body(forOther)
                .post("/api/v1/merchant/coupon-templates")
                .then().statusCode(403).body("code", equalTo("other-merchant"));
        assertThat(database.count("SELECT count(*) FROM coupon_template WHERE merchant_id = $1", other)).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        long before = database.countAll("coupon_template");
        invalid(fixed(null), "amount");
        invalid(fixed(-5L), "amount");
        Map<String, Object> fixedWithPercent = fixed(100L);
        fixedWithPercent.put("percentBp", 500);
        invalid(fixedWithPercent, "percentBp");
        Map<String, Object> percent = Pricing.couponTemplateBody(null, "PERCENT", 10);
        invalid(percent, "percentBp");
        percent.put("percentBp", 500);
        percent.put("amount", 100);
        invalid(percent, "amount");
        Map<String, Object> backwards = fixed(100L);
        backwards.put("endsAt", backwards.get("startsAt"));
        invalid(backwards, "endsAt");
        Map<String, Object> negativeQuantity = fixed(100L);
        negativeQuantity.put("totalQuantity", -1);
        invalid(negativeQuantity, "totalQuantity");
        Map<String, Object> noCurrency = fixed(100L);
        noCurrency.remove("currency");
        invalid(noCurrency, "currency");
        Map<String, Object> unknownKind = fixed(100L);
        unknownKind.put("kind", "FREEBIE");
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(unknownKind)
                .post("/api/v1/admin/coupon-templates")
                .then().statusCode(400).body("code", equalTo("malformed-body")).body("errors.field", hasItem("kind"));
        Map<String, Object> badDate = fixed(100L);
        badDate.put("startsAt", "yesterday");
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(badDate)
                .post("/api/v1/admin/coupon-templates")
                .then().statusCode(400).body("errors.field", hasItem("startsAt"));
        Map<String, Object> unknownMerchant = fixed(100L);
        unknownMerchant.put("merchantId", UUID.randomUUID());
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(unknownMerchant)
                .post("/api/v1/admin/coupon-templates")
                .then().statusCode(404).body("code", equalTo("merchant-not-found"));
        given().header("Authorization", Tokens.bearer(Tokens.customer("c"))).contentType(ContentType.JSON).body(fixed(100L))
                .post("/api/v1/admin/coupon-templates").then().statusCode(403);
        assertThat(database.countAll("coupon_template")).isEqualTo(before);
    }

    private static Map<String, Object> fixed(Long amount) {
        Map<String, Object> body = Pricing.couponTemplateBody(null, "FIXED", 10);
        body.put("amount", amount);
        return body;
    }

    private static void invalid(Map<String, Object> body, String field) {
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/coupon-templates")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation-failed")).body("errors.field", hasItem(field));
    }
}
