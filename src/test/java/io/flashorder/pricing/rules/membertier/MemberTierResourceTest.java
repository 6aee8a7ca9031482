package io.flashorder.pricing.rules.membertier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.support.Database;
import io.flashorder.support.Parallel;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class MemberTierResourceTest {

    @Inject
    Database database;

    @Test
    void adminCreatesReadsUpdatesListsAndDeletesTiers() {
        String tier = unique("PLAT");
        String id = given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("tier", tier, "name", "  Platinum 8% off ", "discountBp", 800))
                .post("/api/v1/admin/member-tiers")
                .then().statusCode(201).body("tier", equalTo(tier)).body("name", equalTo("Platinum 8% off"))
                .body("discountBp", equalTo(800)).extract().path("id");
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON).body(Map.of("tier", tier, "name", "Platinum 9% off", "discountBp", 900))
                .put("/api/v1/admin/member-tiers/{id}", id)
                .then().statusCode(200).body("discountBp", equalTo(900)).body("version", equalTo(1));
        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/member-tiers/{id}", id)
                .then().statusCode(200).body("name", equalTo("Platinum 9% off"));

        List<String> created = new ArrayList<>(List.of(id));
        for (int i = 0; i < 3; i++) {
            created.add(Pricing.memberTier(unique("T" + i), 100 * i).toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().header("Authorization", Tokens.bearer(Tokens.admin())).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/admin/member-tiers").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsSubsequence(created).doesNotHaveDuplicates();

        given().header("Authorization", Tokens.bearer(Tokens.admin())).delete("/api/v1/admin/member-tiers/{id}", id)
                .then().statusCode(204);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/member-tiers/{id}", id)
                .then().statusCode(404).body("code", equalTo("member-tier-not-found"));
    }

    @Test
    void tierNamesAreUnique() {
        String tier = unique("DUP");
        Pricing.memberTier(tier, 100);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("tier", tier, "name", "Again", "discountBp", 200))
                .post("/api/v1/admin/member-tiers")
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("member-tier-exists"));
        assertThat(database.count("SELECT count(*) FROM member_tier WHERE tier = $1", tier)).isEqualTo(1);
    }

    @Test
    void theCampaignPriceFlagIsReadAndSet() {
        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/member-tiers/policy")
                .then().statusCode(200).body("appliesToCampaignPrice", equalTo(false));
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body("{}")
                .put("/api/v1/admin/member-tiers/policy")
                .then().statusCode(400).body("errors.field", hasItem("appliesToCampaignPrice"));
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("appliesToCampaignPrice", "maybe"))
                .put("/api/v1/admin/member-tiers/policy")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void badInputAndOtherRolesAreRefused() {
        long before = database.countAll("member_tier");
        invalid(Map.of("tier", "gold", "name", "lower case", "discountBp", 100), "tier");
        invalid(Map.of("tier", unique("NEG"), "name", "Negative", "discountBp", -1), "discountBp");
        invalid(Map.of("tier", unique("BIG"), "name", "Too big", "discountBp", 10_001), "discountBp");
        invalid(Map.of("tier", unique("NONAME"), "discountBp", 100), "name");
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body("{\"tier\":}")
                .post("/api/v1/admin/member-tiers")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(Tokens.merchant(UUID.randomUUID())))
                .get("/api/v1/admin/member-tiers").then().statusCode(403);
        given().get("/api/v1/admin/member-tiers").then().statusCode(401);
        assertThat(database.countAll("member_tier")).isEqualTo(before);
    }

    private static void invalid(Map<String, Object> body, String field) {
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/member-tiers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation-failed")).body("errors.field", hasItem(field));
    }

    @TestHTTPResource("/api/v1/admin/member-tiers")
    URI tiers;

    @Test
    void racingCreatesOfOneTierMakeOneTierAndAnswerTheOthersWithAConflict() throws Exception {
        String tier = unique("RACE");
        String body = new ObjectMapper().writeValueAsString(Map.of("tier", tier, "name", "Race", "discountBp", 100));
        List<HttpResponse<String>> responses = Parallel.post(tiers, 24, 24,
                i -> new Parallel.Call(Tokens.admin(), "tier-race-" + i, body));

        Parallel.assertOneCreatedOthersConflict(responses, "member-tier-exists");
        assertThat(database.count("SELECT count(*) FROM member_tier WHERE tier = $1", tier)).isEqualTo(1);
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
    }
}
