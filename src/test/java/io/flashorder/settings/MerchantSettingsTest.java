package io.flashorder.settings;

import io.flashorder.support.Catalog;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Orders;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Per-merchant settings over platform defaults: API, validation, isolation, and the checkout using them. */
@QuarkusTest
class MerchantSettingsTest {

    @Inject
    Lifecycle lifecycle;

    @Test
    void aMerchantWithoutSettingsHasThePlatformDefaults() {
        UUID merchant = Catalog.merchant("Defaults " + UUID.randomUUID());
        merchantSettings(merchant).then().statusCode(200)
                .body("merchantId", equalTo(merchant.toString()))
                .body("paymentTimeoutSeconds", equalTo(1800))
                .body("autoConfirmDays", equalTo(7))
                .body("afterSalesDays", equalTo(15))
                .body("webhookUrl", nullValue())
                .body("webhookSecretSet", equalTo(false))
                .body("custom", empty())
                .body("platformDefaults.autoConfirmDays", equalTo(7));
        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/merchant-settings/defaults")
                .then().statusCode(200).body("paymentTimeoutSeconds", equalTo(1800))
                .body("afterSalesDays", equalTo(15));
    }

    @Test
    void aMerchantChangesItsOwnSettingsOnlyAndNeverSeesTheSecret() {
        UUID merchant = Catalog.merchant("Own settings " + UUID.randomUUID());
        UUID neighbour = Catalog.merchant("Neighbour " + UUID.randomUUID());
        Map<String, Object> body = new HashMap<>();
        body.put("paymentTimeoutSeconds", 900);
        body.put("autoConfirmDays", 10);
        body.put("webhookUrl", "https://merchant.example/hooks/flashorder");
        body.put("webhookSecret", "0123456789abcdef-secret");
        JsonPath saved = put(Tokens.merchant(merchant), "/api/v1/merchant/settings", body).then().statusCode(200)
                .body("paymentTimeoutSeconds", equalTo(900))
                .body("autoConfirmDays", equalTo(10))
                .body("afterSalesDays", equalTo(15))
                .body("webhookUrl", equalTo("https://merchant.example/hooks/flashorder"))
                .body("webhookSecretSet", equalTo(true))
                .body("custom", contains("paymentTimeoutSeconds", "autoConfirmDays"))
                .extract().jsonPath();
        assertThat(saved.getMap("")).doesNotContainKey("webhookSecret");
        assertThat(saved.prettify()).doesNotContain("0123456789abcdef-secret");
        merchantSettings(neighbour).then().statusCode(200).body("autoConfirmDays", equalTo(7))
                .body("webhookSecretSet", equalTo(false));

        // Omitting the secret keeps it; clearing the URL clears both; nulls fall back to the defaults.
        Map<String, Object> keep = new HashMap<>();
        keep.put("webhookUrl", "https://merchant.example/hooks/v2");
        put(Tokens.merchant(merchant), "/api/v1/merchant/settings", keep).then().statusCode(200)
                .body("webhookSecretSet", equalTo(true)).body("autoConfirmDays", equalTo(7))
                .body("custom", empty());
        put(Tokens.merchant(merchant), "/api/v1/merchant/settings", Map.of()).then().statusCode(200)
                .body("webhookUrl", nullValue()).body("webhookSecretSet", equalTo(false));
    }

    @Test
    void invalidSettingsAreRefusedFieldByFieldAndChangeNothing() {
        UUID merchant = Catalog.merchant("Invalid settings " + UUID.randomUUID());
        Map<String, Object> body = new HashMap<>();
        body.put("paymentTimeoutSeconds", 10);
        body.put("autoConfirmDays", 0);
        body.put("afterSalesDays", 400);
        put(Tokens.merchant(merchant), "/api/v1/merchant/settings", body).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation-failed"))
                .body("errors.field", org.hamcrest.Matchers.hasItems("paymentTimeoutSeconds", "autoConfirmDays",
                        "afterSalesDays"));
        put(Tokens.merchant(merchant), "/api/v1/merchant/settings",
                Map.of("webhookUrl", "ftp://merchant.example/x", "webhookSecret", "0123456789abcdef"))
                .then().statusCode(400).body("errors.field", hasItem("webhookUrl"));
        put(Tokens.merchant(merchant), "/api/v1/merchant/settings", Map.of("webhookUrl", "https://merchant.example"))
                .then().statusCode(400).body("errors.field", hasItem("webhookSecret"));
        put(Tokens.merchant(merchant), "/api/v1/merchant/settings",
                Map.of("webhookUrl", "https://merchant.example", "webhookSecret", "short"))
                .then().statusCode(400).body("errors.field", hasItem("webhookSecret"));
        merchantSettings(merchant).then().statusCode(200).body("custom", empty()).body("webhookUrl", nullValue());
    }

    @Test
    void operatorsManageAnyMerchantsSettingsAndOnlyThey() {
        UUID merchant = Catalog.merchant("Admin settings " + UUID.randomUUID());
        put(Tokens.admin(), "/api/v1/admin/merchants/" + merchant + "/settings", Map.of("afterSalesDays", 30))
                .then().statusCode(200).body("afterSalesDays", equalTo(30));
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/merchants/{id}/settings", merchant).then().statusCode(200)
                .body("afterSalesDays", equalTo(30));
        merchantSettings(merchant).then().statusCode(200).body("afterSalesDays", equalTo(30));

        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/merchants/{id}/settings", UUID.randomUUID()).then().statusCode(404);
        put(Tokens.merchant(merchant), "/api/v1/admin/merchants/" + merchant + "/settings", Map.of())
                .then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.customer("c-" + UUID.randomUUID())))
                .get("/api/v1/merchant/settings").then().statusCode(403);
    }

    @Test
    void theCheckoutGivesTheShortestPaymentTimeoutOfTheOrdersMerchants() {
        Shop quick = lifecycle.shop("Quick payer");
        Shop patient = lifecycle.shop("Patient payer");
        put(Tokens.merchant(quick.merchantId()), "/api/v1/merchant/settings", Map.of("paymentTimeoutSeconds", 600))
                .then().statusCode(200);
        put(Tokens.merchant(patient.merchantId()), "/api/v1/merchant/settings", Map.of("paymentTimeoutSeconds", 3600))
                .then().statusCode(200);

        assertThat(paymentWindow(patient)).isEqualTo(Duration.ofHours(1));
        assertThat(paymentWindow(quick, patient)).isEqualTo(Duration.ofMinutes(10));
    }

    private static Duration paymentWindow(Shop... shops) {
        Map<UUID, Integer> items = new LinkedHashMap<>();
        for (Shop shop : shops) {
            items.put(shop.skuId(), 1);
        }
        JsonPath order = Orders.place("timeout-" + UUID.randomUUID(), Orders.body(items)).then().statusCode(201)
                .extract().jsonPath();
        return Duration.between(Instant.parse(order.getString("placedAt")),
                Instant.parse(order.getString("paymentDeadline")));
    }

    private static io.restassured.response.Response merchantSettings(UUID merchant) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchant))).get("/api/v1/merchant/settings");
    }

    private static io.restassured.response.Response put(String token, String path, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON).body(body).put(path);
    }
}
