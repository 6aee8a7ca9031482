package io.flashorder.logistics.carrier;

import io.flashorder.logistics.warehouse.Parcels;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Carrier rules and insurance settings: the merchant's own only, and every bad one refused with nothing stored. */
@QuarkusTest
class CarrierRuleInputTest {

    @Inject
    Database database;

    private static Map<String, Object> rule() {
        Map<String, Object> rule = new HashMap<>();
        rule.put("carrier", "SBX-EXPRESS");
        rule.put("regionCode", "NORTH");
        rule.put("minWeightGrams", 0);
        rule.put("maxWeightGrams", 5_000);
        rule.put("maxDeclaredValue", 100_000);
        rule.put("codSupported", false);
        rule.put("currency", "EUR");
        rule.put("baseCost", 500);
        rule.put("costPerKg", 100);
        rule.put("preferred", false);
        return rule;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> rule = rule();
        rule.put(field, value);
        return rule;
    }

    private static Response add(UUID merchant, Object body) {
        return Parcels.as(merchant).contentType(ContentType.JSON).body(body).post("/api/v1/merchant/carrier-rules");
    }

    @Test
    void aMerchantManagesItsOwnRulesOnly() {
        UUID merchant = Catalog.merchant("Rules " + UUID.randomUUID());
        UUID other = Catalog.merchant("Rules other " + UUID.randomUUID());
        String id = add(merchant, rule()).then().statusCode(201).body("carrier", equalTo("SBX-EXPRESS"))
                .body("maxDeclaredValue", equalTo(100_000)).extract().path("id");
        Parcels.as(merchant).get("/api/v1/merchant/carrier-rules").then().statusCode(200).body("$", hasSize(1));
        Parcels.as(other).get("/api/v1/merchant/carrier-rules").then().statusCode(200).body("$", hasSize(0));
        Parcels.as(other).delete("/api/v1/merchant/carrier-rules/{id}", id).then().statusCode(404)
                .body("code", equalTo("carrier-rule-not-found"));
        Parcels.as(merchant).delete("/api/v1/merchant/carrier-rules/{id}", id).then().statusCode(204);
        Parcels.as(merchant).delete("/api/v1/merchant/carrier-rules/{id}", id).then().statusCode(404);

        Parcels.as(merchant).get("/api/v1/merchant/logistics-settings").then().statusCode(200)
                .body("configured", equalTo(false));
    }

    @Test
    void badRulesAndSettingsAreRefusedAndNothingIsStored() {
        UUID merchant = Catalog.merchant("Bad rules " + UUID.randomUUID());
        for (Map<String, Object> bad : new Map[] {with("carrier", "NOBODY-SHIPS"), with("carrier", ""),
                with("regionCode", "ATLANTIS"), with("regionCode", null), with("minWeightGrams", -1),
                with("maxWeightGrams", 0), with("baseCost", -5), with("costPerKg", 1.5), with("currency", "eur"),
                with("maxDeclaredValue", -1), with("codSupported", null), with("preferred", "sometimes")}) {
            add(merchant, bad).then().statusCode(400).contentType(startsWith("application/problem+json"));
        }
        Map<String, Object> inverted = rule();
        inverted.put("minWeightGrams", 6_000);
        add(merchant, inverted).then().statusCode(400).body("errors[0].field", equalTo("maxWeightGrams"));
        Parcels.as(merchant).contentType(ContentType.JSON).body("{\"carrier\":").post("/api/v1/merchant/carrier-rules")
                .then().statusCode(400).body("code", equalTo("malformed-json"));
        given().contentType(ContentType.JSON).body(rule()).post("/api/v1/merchant/carrier-rules").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(Tokens.customer("c-" + UUID.randomUUID())))
                .contentType(ContentType.JSON).body(rule()).post("/api/v1/merchant/carrier-rules").then().statusCode(403);
        assertThat(database.count("SELECT count(*) FROM carrier_rule WHERE merchant_id = $1", merchant)).isZero();

        for (Map<String, Object> bad : new Map[] {
                Map.of("insuranceThreshold", -1, "insuranceBasisPoints", 100, "insuranceMinimumFee", 0),
                Map.of("insuranceThreshold", 1, "insuranceBasisPoints", 10_001, "insuranceMinimumFee", 0),
                Map.of("insuranceThreshold", 1, "insuranceBasisPoints", 100),
                Map.of("insuranceThreshold", 1, "insuranceBasisPoints", 100, "insuranceMinimumFee", -2)}) {
            Parcels.as(merchant).contentType(ContentType.JSON).body(bad).put("/api/v1/merchant/logistics-settings")
                    .then().statusCode(400).body("code", equalTo("validation-failed"));
        }
        assertThat(database.count("SELECT count(*) FROM logistics_settings WHERE merchant_id = $1", merchant)).isZero();
    }
}
