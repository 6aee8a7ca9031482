package io.flashorder.pricing.rules.shipping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Parallel;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ShippingTemplateResourceTest {

    @Inject
    Database database;

    private UUID merchant;

    @BeforeEach
    void setUp() {
        merchant = Catalog.merchant("Shipping merchant " + UUID.randomUUID());
    }

    @Test
    void adminCreatesReadsUpdatesListsAndDeletesTemplates() {
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Pricing.shippingTemplateBody(merchant, "NORTH", 1000, 500, 500, 200, 5_000L))
                .post("/api/v1/admin/shipping-templates")
                .then().statusCode(201).header("Location", notNullValue())
                .body("merchantId", equalTo(merchant.toString())).body("regionCode", equalTo("NORTH"))
                .body("firstWeightGrams", equalTo(1000)).body("firstWeightPrice", equalTo(500))
                .body("stepGrams", equalTo(500)).body("stepPrice", equalTo(200))
                .body("freeShippingThreshold", equalTo(5_000)).body("currency", equalTo("EUR"));
        UUID fallback = Pricing.defaultShippingTemplate(merchant);
        UUID south = Pricing.shippingTemplate(merchant, "SOUTH", 500, 300, 250, 50, null);

        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/shipping-templates/{id}", south)
                .then().statusCode(200).body("regionCode", equalTo("SOUTH")).body("freeShippingThreshold", nullValue());

        Map<String, Object> update = Pricing.shippingTemplateBody(merchant, "SOUTH", 2000, 700, 1000, 100, 9_900L);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(update)
                .put("/api/v1/admin/shipping-templates/{id}", south)
                .then().statusCode(200).body("firstWeightGrams", equalTo(2000)).body("freeShippingThreshold", equalTo(9_900))
                .body("version", equalTo(1));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().header("Authorization", Tokens.bearer(Tokens.admin()))
                    .queryParam("merchantId", merchant).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/admin/shipping-templates").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.regionCode"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactly("NORTH", "*", "SOUTH");

        given().header("Authorization", Tokens.bearer(Tokens.admin())).delete("/api/v1/admin/shipping-templates/{id}", fallback)
                .then().statusCode(204);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/shipping-templates/{id}", fallback)
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("shipping-template-not-found"));
    }

    @Test
    void oneTemplatePerMerchantAndRegion() {
        Pricing.defaultShippingTemplate(merchant);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Pricing.shippingTemplateBody(merchant, "*", 1, 1, 1, 1, null))
                .post("/api/v1/admin/shipping-templates")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("shipping-template-exists"));
        assertThat(database.count("SELECT count(*) FROM shipping_template WHERE merchant_id = $1", merchant)).isEqualTo(1);
    }

    @Test
    void merchantManagesOnlyItsOwnTemplates() {
        UUID other = Catalog.merchant("Other shipper " + UUID.randomUUID());
        UUID othersTemplate = Pricing.defaultShippingTemplate(other);
        String token = Tokens.bearer(Tokens.merchant(merchant));
        Map<String, Object> own = Pricing.shippingTemplateBody(null, "EAST", 1000, 400, 500, 100, null);

        String ownId = given().header("Authorization", token).contentType(ContentType.JSON).body(own)
                .post("/api/v1/merchant/shipping-templates")
                .then().statusCode(201).body("merchantId", equalTo(merchant.toString())).extract().path("id");
        given().header("Authorization", token).get("/api/v1/merchant/shipping-templates")
                .then().statusCode(200).body("items.id", contains(ownId));

        given().header("Authorization", token).get("/api/v1/merchant/shipping-templates/{id}", othersTemplate)
                .then().statusCode(404).body("code", equalTo("shipping-template-not-found"));
        given().header("Authorization", token).contentType(ContentType.JSON).body(own)
                .put("/api/v1/merchant/shipping-templates/{id}", othersTemplate)
                .then().statusCode(404);
        given().header("Authorization", token).delete("/api/v1/merchant/shipping-templates/{id}", othersTemplate)
                .then().statusCode(404);
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Pricing.shippingTemplateBody(other, "WEST", 1000, 400, 500, 100, null))
                .post("/api/v1/merchant/shipping-templates")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("other-merchant"));

        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/shipping-templates/{id}", othersTemplate)
                .then().statusCode(200).body("version", equalTo(0));
        assertThat(database.count("SELECT count(*) FROM shipping_template WHERE merchant_id = $1", other)).isEqualTo(1);
        // Customers and merchants cannot use the admin API.
        given().header("Authorization", token).get("/api/v1/admin/shipping-templates").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.customer("c"))).get("/api/v1/merchant/shipping-templates")
                .then().statusCode(403);
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        long before = database.countAll("shipping_template");
        String admin = Tokens.bearer(Tokens.admin());
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"merchantId\":")
                .post("/api/v1/admin/shipping-templates")
                .then().statusCode(400).contentType("application/problem+json");
        invalid(with("firstWeightPrice", -1), "firstWeightPrice");
        invalid(with("stepGrams", 0), "stepGrams");
        invalid(with("freeShippingThreshold", -5), "freeShippingThreshold");
        invalid(with("currency", "euro"), "currency");
        invalid(with("currency", "ZZZ"), "currency");
        invalid(with("regionCode", "ATLANTIS"), "regionCode");
        invalid(with("regionCode", null), "regionCode");
        invalid(with("merchantId", null), "merchantId");
        invalid(with("stepPrice", null), "stepPrice");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(with("firstWeightGrams", "heavy"))
                .post("/api/v1/admin/shipping-templates")
                .then().statusCode(400).body("code", equalTo("malformed-body"))
                .body("errors.field", hasItem("firstWeightGrams"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(with("merchantId", UUID.randomUUID()))
                .post("/api/v1/admin/shipping-templates")
                .then().statusCode(404).body("code", equalTo("merchant-not-found"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(with("firstWeightPrice", 1))
                .put("/api/v1/admin/shipping-templates/{id}", UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("shipping-template-not-found"));
        assertThat(database.countAll("shipping_template")).isEqualTo(before);
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(Pricing.shippingTemplateBody(merchant, "*", 1000, 500, 500, 200, null));
        body.put(field, value);
        return body;
    }

    private static void invalid(Map<String, Object> body, String field) {
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/shipping-templates")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation-failed")).body("errors.field", hasItem(field));
    }
    @TestHTTPResource("/api/v1/admin/shipping-templates")
    URI templates;

    @Test
    void racingCreatesForOneRegionMakeOneTemplateAndAnswerTheOthersWithAConflict() throws Exception {
        String body = new ObjectMapper().writeValueAsString(
                Pricing.shippingTemplateBody(merchant, "EAST", 1000, 500, 500, 200, 5_000L));
        List<HttpResponse<String>> responses = Parallel.post(templates, 24, 24,
                i -> new Parallel.Call(Tokens.admin(), "template-race-" + i, body));

        Parallel.assertOneCreatedOthersConflict(responses, "shipping-template-exists");
        assertThat(database.count("SELECT count(*) FROM shipping_template WHERE merchant_id = $1 AND region_code = $2",
                merchant, "EAST")).isEqualTo(1);
    }

}
