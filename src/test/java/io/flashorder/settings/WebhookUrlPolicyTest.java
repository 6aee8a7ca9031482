package io.flashorder.settings;

import io.flashorder.support.Catalog;
import io.flashorder.support.TestProfiles;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** With the production policy, a merchant cannot point the platform's webhook calls at a private host. */
@QuarkusTest
@TestProfile(TestProfiles.ReviewOn.class) // webhooks to public hosts only
class WebhookUrlPolicyTest {

    private static final String SECRET = "0123456789abcdef";

    @Test
    void privateHostsAreRefusedAndPublicOnesAccepted() {
        UUID merchant = Catalog.merchant("Policy " + UUID.randomUUID());
        for (String url : new String[] {"http://127.0.0.1:8080/hook", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/hook", "http://localhost/hook", "http://2130706433/hook"}) {
            settings(merchant, url).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("webhookUrl"));
        }
        given().header("Authorization", Tokens.bearer(Tokens.merchant(merchant))).get("/api/v1/merchant/settings")
                .then().statusCode(200).body("webhookUrl", nullValue());

        settings(merchant, "https://hooks.merchant.example/flashorder").then().statusCode(200)
                .body("webhookUrl", equalTo("https://hooks.merchant.example/flashorder"));
    }

    private static io.restassured.response.Response settings(UUID merchant, String url) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchant))).contentType(ContentType.JSON)
                .body(Map.of("webhookUrl", url, "webhookSecret", SECRET)).put("/api/v1/merchant/settings");
    }
}
