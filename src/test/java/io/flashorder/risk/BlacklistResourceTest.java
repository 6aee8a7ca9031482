package io.flashorder.risk;

import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The blacklist admin API: entries round-trip, and bad input or the wrong caller gets a 4xx problem. */
@QuarkusTest
class BlacklistResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    RedisDataSource redis;

    private io.restassured.specification.RequestSpecification asAdmin() {
        return given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON);
    }

    @Test
    void anAddressEntryIsListedUntilRemoved() {
        Map<String, Object> entry = Map.of("kind", "ADDRESS", "value", "  7 Fraud Lane, Flat " + UUID.randomUUID(),
                "regionCode", "south");
        asAdmin().body(entry).post("/api/v1/admin/blacklist/entries").then().statusCode(201);
        asAdmin().body(entry).post("/api/v1/admin/blacklist/entries").then().statusCode(200);
        asAdmin().body(entry).post("/api/v1/admin/blacklist/lookups").then().statusCode(200).body("listed", equalTo(true));
        asAdmin().body(entry).post("/api/v1/admin/blacklist/removals").then().statusCode(200).body("existed", equalTo(true));
        asAdmin().body(entry).post("/api/v1/admin/blacklist/lookups").then().statusCode(200).body("listed", equalTo(false));
    }

    @Test
    void anEntryIsKeptInTheSlotOfEveryReservationScript() {
        String user = "fraudster-" + UUID.randomUUID();
        Map<String, Object> entry = Map.of("kind", "USER", "value", user);
        asAdmin().body(entry).post("/api/v1/admin/blacklist/entries").then().statusCode(201);
        // A bucketed order's script reads only its own slot's copy: every slot has the entry.
        assertThat(RiskKeys.blacklistCopies(BlacklistKind.USER)).hasSize(16)
                .allSatisfy(copy -> assertThat(redis.set(String.class).sismember(copy, user)).as(copy).isTrue());
        asAdmin().body(entry).post("/api/v1/admin/blacklist/removals").then().statusCode(200).body("existed", equalTo(true));
        assertThat(RiskKeys.blacklistCopies(BlacklistKind.USER))
                .allSatisfy(copy -> assertThat(redis.set(String.class).sismember(copy, user)).as(copy).isFalse());
    }

    @Test
    void badEntriesAreRefused() {
        asAdmin().body("{\"kind\":").post("/api/v1/admin/blacklist/entries")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("malformed-json"));
        asAdmin().body(Map.of("kind", "IP", "value", "1.2.3.4")).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("kind"));
        asAdmin().body(Map.of("kind", "USER")).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value"));
        asAdmin().body(Map.of("kind", "USER", "value", "x".repeat(301))).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value"));
        asAdmin().body(Map.of("kind", "ADDRESS", "value", "1 Main Street")).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("regionCode"));
    }

    @Test
    void onlyAdminsManageBlacklists() {
        Map<String, Object> entry = Map.of("kind", "USER", "value", "someone");
        given().contentType(ContentType.JSON).body(entry).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer(Tokens.customer("someone"))).contentType(ContentType.JSON)
                .body(entry).post("/api/v1/admin/blacklist/removals").then().statusCode(403).contentType(PROBLEM);
    }
}
