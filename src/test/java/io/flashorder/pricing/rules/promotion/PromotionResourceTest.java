package io.flashorder.pricing.rules.promotion;

import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class PromotionResourceTest {

    @Inject
    Database database;

    private UUID merchant;
    private UUID sku1;
    private UUID sku2;

    @BeforeEach
    void setUp() {
        merchant = Catalog.merchant("Promoter " + UUID.randomUUID());
        sku1 = Catalog.sku(merchant, "P1", 1_000);
        sku2 = Catalog.sku(merchant, "P2", 2_000);
    }

    @Test
    void merchantCreatesReadsUpdatesAndListsBothKinds() {
        String token = Tokens.bearer(Tokens.merchant(merchant));
        String threshold = given().header("Authorization", token).contentType(ContentType.JSON).body(thresholdBody())
                .post("/api/v1/merchant/promotions")
                .then().statusCode(201)
                .body("kind", equalTo("SPEND_THRESHOLD")).body("merchantId", equalTo(merchant.toString()))
                .body("tiers.threshold", contains(10_000, 20_000)).body("tiers.reduction", contains(1_000, 2_500))
                .body("currency", equalTo("EUR")).body("active", equalTo(true))
                .extract().path("id");
        String percent = given().header("Authorization", token).contentType(ContentType.JSON).body(percentBody())
                .post("/api/v1/merchant/promotions")
                .then().statusCode(201)
                .body("kind", equalTo("PERCENT_OFF")).body("discountBp", equalTo(1_500))
                .body("skuIds", containsInAnyOrder(sku1.toString(), sku2.toString()))
                .extract().path("id");

        Map<String, Object> update = percentBody();
        update.put("skuIds", List.of(sku2));
        update.put("discountBp", 2_000);
        update.put("active", false);
        given().header("Authorization", token).contentType(ContentType.JSON).body(update)
                .put("/api/v1/merchant/promotions/{id}", percent)
                .then().statusCode(200).body("skuIds", contains(sku2.toString())).body("discountBp", equalTo(2_000))
                .body("active", equalTo(false)).body("version", equalTo(1));
        assertThat(database.count("SELECT count(*) FROM promotion_sku WHERE promotion_id = $1", UUID.fromString(percent)))
                .isEqualTo(1);

        given().header("Authorization", token).get("/api/v1/merchant/promotions/{id}", threshold)
                .then().statusCode(200).body("tiers.size()", equalTo(2));
        given().header("Authorization", token).queryParam("limit", 1).get("/api/v1/merchant/promotions")
                .then().statusCode(200).body("items.id", contains(threshold))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
        given().header("Authorization", Tokens.bearer(Tokens.admin())).queryParam("merchantId", merchant)
                .get("/api/v1/admin/promotions")
                .then().statusCode(200).body("items.id", contains(threshold, percent));

        // The kind is fixed once created.
        Map<String, Object> switched = thresholdBody();
        given().header("Authorization", token).contentType(ContentType.JSON).body(switched)
                .put("/api/v1/merchant/promotions/{id}", percent)
                .then().statusCode(400).body("errors.field", hasItem("kind"));
    }

    @Test
    void adminManagesPromotionsOnBehalfOfAMerchant() {
        Map<String, Object> body = thresholdBody();
        body.put("merchantId", merchant);
        String id = given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/promotions")
                .then().statusCode(201).body("merchantId", equalTo(merchant.toString())).extract().path("id");
        given().header("Authorization", Tokens.bearer(Tokens.merchant(merchant))).get("/api/v1/merchant/promotions/{id}", id)
                .then().statusCode(200);
        body.remove("merchantId");
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/promotions")
                .then().statusCode(400).body("errors.field", hasItem("merchantId"));
    }

    @Test
    void merchantsCannotSeeOrTouchEachOthersPromotions() {
        UUID other = Catalog.merchant("Other promoter " + UUID.randomUUID());
        UUID othersSku = Catalog.sku(other, "Theirs", 500);
        String othersPromotion = given().header("Authorization", Tokens.bearer(Tokens.merchant(other)))
                .contentType(ContentType.JSON).body(thresholdBody()).post("/api/v1/merchant/promotions")
                .then().statusCode(201).extract().path("id");
        String token = Tokens.bearer(Tokens.merchant(merchant));

        given().header("Authorization", token).get("/api/v1/merchant/promotions/{id}", othersPromotion)
                .then().statusCode(404).body("code", equalTo("promotion-not-found"));
        given().header("Authorization", token).contentType(ContentType.JSON).body(thresholdBody())
                .put("/api/v1/merchant/promotions/{id}", othersPromotion).then().statusCode(404);
        given().header("Authorization", token).get("/api/v1/merchant/promotions")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(othersPromotion)));
        Map<String, Object> forOther = thresholdBody();
        forOther.put("merchantId", other);
        given().header("Authorization", token).contentType(ContentType.JSON).body(forOther)
                .post("/api/v1/merchant/promotions")
                .then().statusCode(403).body("code", equalTo("other-merchant"));
        // Percent off another merchant's SKU (or an unknown one) is refused.
        Map<String, Object> stolen = percentBody();
        stolen.put("skuIds", List.of(sku1, othersSku, UUID.randomUUID()));
        given().header("Authorization", token).contentType(ContentType.JSON).body(stolen)
                .post("/api/v1/merchant/promotions")
                .then().statusCode(400).body("errors.field", contains("skuIds[1]", "skuIds[2]"));
        assertThat(database.count("SELECT count(*) FROM promotion WHERE merchant_id = $1", merchant)).isZero();
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        String token = Tokens.bearer(Tokens.merchant(merchant));
        invalid(token, with(thresholdBody(), "tiers", List.of()), "tiers");
        invalid(token, with(thresholdBody(), "currency", null), "currency");
        invalid(token, with(thresholdBody(), "endsAt", Instant.now().minus(2, ChronoUnit.DAYS).toString()), "endsAt");
        invalid(token, with(thresholdBody(), "tiers", List.of(Map.of("threshold", -1, "reduction", 5))), "tiers[0].threshold");
        invalid(token, with(thresholdBody(), "tiers", List.of(Map.of("threshold", 100, "reduction", 0))), "tiers[0].reduction");
        invalid(token, with(thresholdBody(), "discountBp", 100), "discountBp");
        invalid(token, with(percentBody(), "discountBp", 10_001), "discountBp");
        invalid(token, with(percentBody(), "discountBp", null), "discountBp");
        invalid(token, with(percentBody(), "skuIds", List.of()), "skuIds");
        invalid(token, with(percentBody(), "skuIds", List.of(sku1, sku1)), "skuIds[1]");
        invalid(token, with(percentBody(), "name", " "), "name");
        invalid(token, with(percentBody(), "name", "x".repeat(121)), "name");
        given().header("Authorization", token).contentType(ContentType.JSON).body(with(percentBody(), "kind", "BOGO"))
                .post("/api/v1/merchant/promotions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("malformed-body")).body("errors.field", hasItem("kind"));
        given().header("Authorization", token).contentType(ContentType.JSON).body("[1,2]")
                .post("/api/v1/merchant/promotions")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", token).get("/api/v1/merchant/promotions/{id}", UUID.randomUUID())
                .then().statusCode(404);
        assertThat(database.count("SELECT count(*) FROM promotion WHERE merchant_id = $1", merchant)).isZero();
    }

    private static void invalid(String token, Map<String, Object> body, String field) {
        given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/merchant/promotions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation-failed")).body("errors.field", hasItem(field));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> thresholdBody() {
        Map<String, Object> body = window();
        body.put("kind", "SPEND_THRESHOLD");
        body.put("name", "Spend 100 save 10");
        body.put("currency", "EUR");
        body.put("tiers", List.of(Map.of("threshold", 10_000, "reduction", 1_000),
                Map.of("threshold", 20_000, "reduction", 2_500)));
        return body;
    }

    private Map<String, Object> percentBody() {
        Map<String, Object> body = window();
        body.put("kind", "PERCENT_OFF");
        body.put("name", "15% off the P range");
        body.put("discountBp", 1_500);
        body.put("skuIds", List.of(sku1, sku2));
        return body;
    }

    private static Map<String, Object> window() {
        Map<String, Object> body = new HashMap<>();
        body.put("startsAt", Instant.now().minus(1, ChronoUnit.DAYS).toString());
        body.put("endsAt", Instant.now().plus(7, ChronoUnit.DAYS).toString());
        return body;
    }
}
