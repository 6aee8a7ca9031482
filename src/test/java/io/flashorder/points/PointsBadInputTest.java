package io.flashorder.points;

import io.flashorder.support.Database;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The points API refuses bad input, other buyers' ledgers and forged tokens with problem+json, writing nothing. */
@QuarkusTest
class PointsBadInputTest {

    private static final String ADJUST = "/api/v1/admin/points/adjustments";

    @Inject
    Database database;

    private long entries() {
        return database.countAll("points_entry");
    }

    private static void refused(String buyer, Object body, int status, String field) {
        var request = given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON);
        Object sent = body;
        if (body instanceof Map<?, ?> map) {
            Map<Object, Object> withBuyer = new HashMap<>(map);
            withBuyer.putIfAbsent("buyerId", buyer);
            sent = withBuyer;
        } else {
            sent = ((String) body).replaceFirst("\\{", "{\"buyerId\": \"" + buyer + "\", ");
        }
        var answer = (sent instanceof String text ? request.body(text) : request.body(sent)).post(ADJUST)
                .then().statusCode(status).contentType(startsWith("application/problem+json"));
        if (field != null) {
            answer.body("errors.field", hasItem(field));
        }
    }

    @Test
    void badAdjustmentsAreRefusedAndWriteNothing() {
        String buyer = "points-bad-" + UUID.randomUUID();
        long before = entries();
        refused(buyer, "{\"amount\": 10, \"reason\": ", 400, null);
        refused(buyer, Map.of("reason", "no amount"), 400, "amount");
        refused(buyer, Map.of("amount", 10), 400, "reason");
        refused(buyer, Map.of("amount", 10, "reason", " "), 400, "reason");
        refused(buyer, Map.of("amount", 10, "reason", "x".repeat(201)), 400, "reason");
        refused(buyer, Map.of("amount", 0, "reason", "nothing"), 400, "amount");
        refused(buyer, Map.of("amount", 10_000_001, "reason", "too much"), 400, "amount");
        refused(buyer, Map.of("amount", -10_000_001, "reason", "too much"), 400, "amount");
        refused(buyer, "{\"amount\": 1.5, \"reason\": \"half a point\"}", 400, null);
        refused(buyer, "{\"amount\": 99999999999999999999999, \"reason\": \"overflow\"}", 400, null);
        refused(buyer, Map.of("amount", 10, "reason", "bad reference", "reference", "has spaces"), 400, "reference");
        refused(buyer, Map.of("amount", 10, "reason", "bad reference", "reference", "r".repeat(101)), 400,
                "reference");
        refused("spaces in id", Map.of("amount", 10, "reason", "bad buyer"), 400, "buyerId");
        refused("b".repeat(256), Map.of("amount", 10, "reason", "bad buyer"), 400, "buyerId");
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("amount", 10, "reason", "no buyer")).post(ADJUST).then().statusCode(400)
                .body("errors.field", hasItem("buyerId"));
        // Taking more than the balance is a conflict, not a negative balance.
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("buyerId", buyer, "amount", -1, "reason", "take one")).post(ADJUST)
                .then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("insufficient-points")).body("balance", equalTo(0));
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void anAdjustmentWithAReferenceIsAppliedOnce() {
        String buyer = "points-ref-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Map.of("buyerId", buyer, "amount", 40, "reason", "contest prize",
                "reference", "contest-2026-11"));
        String first = given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(body).post(ADJUST).then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(body).post(ADJUST).then().statusCode(201).body("id", equalTo(first))
                .body("balanceAfter", equalTo(40));
        PointsLedgerTest.balance(buyer).then().statusCode(200).body("balance", equalTo(40));
    }

    @Test
    void aBuyerSeesOnlyItsOwnPointsAndOnlyOperatorsAdjust() {
        String owner = "points-owner-" + UUID.randomUUID();
        String other = "points-other-" + UUID.randomUUID();
        PointsLedgerTest.adjust(owner, Map.of("amount", 25, "reason", "gift")).then().statusCode(201);
        long before = entries();

        PointsLedgerTest.balance(other).then().statusCode(200).body("balance", equalTo(0));
        PointsLedgerTest.entries(other).then().statusCode(200).body("items.size()", equalTo(0));
        given().header("Authorization", Tokens.bearer(Tokens.customer(other)))
                .get("/api/v1/admin/points/entries?buyerId=" + owner).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", Tokens.bearer(Tokens.customer(owner))).contentType(ContentType.JSON)
                .body(Map.of("buyerId", owner, "amount", 1000, "reason", "self-service")).post(ADJUST).then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", Tokens.bearer(Tokens.merchant(UUID.randomUUID())))
                .get("/api/v1/points").then().statusCode(403);
        given().get("/api/v1/points").then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().header("Authorization", "Bearer forged.token.value").get("/api/v1/points").then().statusCode(401);
        // A customer's token whose payload was rewritten to claim the admin role: the signature no longer matches.
        String[] parts = Tokens.customer(other).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"customer\"", "\"admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().header("Authorization", Tokens.bearer(forged)).contentType(ContentType.JSON)
                .body(Map.of("buyerId", other, "amount", 1000, "reason", "forged")).post(ADJUST).then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
        assertThat(entries()).isEqualTo(before);

        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/points?buyerId=" + owner).then().statusCode(200).body("balance", equalTo(25));
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/points?buyerId=never-" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/points/entries").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/points?buyerId=has spaces").then().statusCode(400);
        given().header("Authorization", Tokens.bearer(Tokens.customer(owner)))
                .get("/api/v1/points/entries?limit=0").then().statusCode(400);
        given().header("Authorization", Tokens.bearer(Tokens.customer(owner)))
                .get("/api/v1/points/entries?cursor=not-ours").then().statusCode(400).body("code",
                        equalTo("invalid-cursor"));
    }
}
