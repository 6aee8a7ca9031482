package io.flashorder.notification;

import io.flashorder.support.Database;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The preference and dead-letter APIs: what is stored, bad input refused with nothing written, and tenancy. */
@QuarkusTest
class NotificationPreferencesResourceTest {

    private static final String PATH = "/api/v1/notification-preferences";

    @Inject
    Database database;

    @Test
    void aBuyerReplacesAndReadsItsOwnSettingsOnlyAndTheEmailIsEncryptedAtRest() {
        String buyer = "prefs-" + UUID.randomUUID();
        put(buyer, Map.of("email", "ada@example.com", "locale", "en",
                "optOuts", List.of(Map.of("channel", "EMAIL", "kind", "ORDER_SHIPPED"),
                        Map.of("channel", "SMS", "kind", "AFTER_SALE_UPDATED"))))
                .then().statusCode(200).body("email", equalTo("ada@example.com")).body("locale", equalTo("en"))
                .body("optOuts.size()", equalTo(2))
                .body("alwaysBySms", hasItems("ORDER_PLACED", "PAYMENT_SUCCEEDED", "REFUND_COMPLETED"));
        assertThat(database.string("SELECT email_encrypted FROM notification_profile WHERE buyer_id = $1", buyer))
                .startsWith("v").doesNotContain("ada");
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).get(PATH)
                .then().statusCode(200).body("email", equalTo("ada@example.com"))
                .body("optOuts[0].channel", equalTo("EMAIL")).body("optOuts[0].kind", equalTo("ORDER_SHIPPED"));

        // Another buyer sees its own (default) settings, never this one's.
        given().header("Authorization", Tokens.bearer(Tokens.customer("other-" + UUID.randomUUID()))).get(PATH)
                .then().statusCode(200).body("email", nullValue()).body("locale", equalTo("zh-CN"))
                .body("optOuts.size()", equalTo(0));

        // Replacing drops what is not sent again.
        put(buyer, Map.of()).then().statusCode(200).body("email", nullValue()).body("optOuts.size()", equalTo(0));
    }

    @Test
    void badInputIsAClearProblemAndWritesNothing() {
        String buyer = "prefs-bad-" + UUID.randomUUID();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            tooMany.add(Map.of("channel", "EMAIL", "kind", "ORDER_SHIPPED"));
        }
        problem(put(buyer, "{\"email\": \"a@b.c\",", ContentType.JSON), 400);
        problem(put(buyer, "{\"email\": \"a@b.c\", \"email\": \"d@e.f\"}", ContentType.JSON), 400);
        problem(put(buyer, Map.of("email", "not an address")), 400);
        problem(put(buyer, Map.of("email", "a".repeat(250) + "@b.cn")), 400);
        problem(put(buyer, Map.of("locale", "fr")), 400);
        problem(put(buyer, Map.of("locale", "x".repeat(17))), 400);
        problem(put(buyer, Map.of("optOuts", List.of(Map.of("channel", "PIGEON", "kind", "ORDER_SHIPPED")))), 400);
        problem(put(buyer, Map.of("optOuts", List.of(Map.of("channel", "EMAIL", "kind", "NEWSLETTER")))), 400);
        problem(put(buyer, Map.of("optOuts", List.of(Map.of("channel", "EMAIL")))), 400);
        problem(put(buyer, Map.of("optOuts", tooMany)), 400);
        problem(put(buyer, Map.of("optOuts", List.of(Map.of("channel", "SMS", "kind", "PAYMENT_SUCCEEDED")))), 422)
                .body("code", equalTo("essential-notice"));
        problem(put(buyer, "", ContentType.JSON), 400);
        assertThat(database.count("SELECT count(*) FROM notification_profile WHERE buyer_id = $1", buyer)).isZero();
    }

    @Test
    void onlyCustomersWithAValidTokenMaySetPreferencesAndOnlyAdminsListDeadLetters() {
        problem(given().contentType(ContentType.JSON).body(Map.of()).put(PATH), 401);
        problem(given().header("Authorization", "Bearer forged.token.here").contentType(ContentType.JSON)
                .body(Map.of()).put(PATH), 401);
        problem(given().header("Authorization", Tokens.bearer(Tokens.merchant(UUID.randomUUID())))
                .contentType(ContentType.JSON).body(Map.of()).put(PATH), 403);
        problem(given().header("Authorization", Tokens.bearer(Tokens.customer("c-" + UUID.randomUUID())))
                .get("/api/v1/admin/notifications/dead-letters"), 403);
        problem(given().get("/api/v1/admin/notifications/dead-letters"), 401);
        problem(given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/notifications/dead-letters?limit=0"), 400);
        problem(given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/notifications/dead-letters?cursor=forged"), 400);
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/notifications/dead-letters?limit=5").then().statusCode(200);
    }

    private static io.restassured.response.Response put(String buyer, Object body) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body(body).put(PATH);
    }

    private static io.restassured.response.Response put(String buyer, String body, ContentType type) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(type)
                .body(body).put(PATH);
    }

    private static io.restassured.response.ValidatableResponse problem(io.restassured.response.Response response,
                                                                       int status) {
        return response.then().statusCode(status).contentType(startsWith("application/problem+json"));
    }
}
