package io.flashorder.catalog.campaign;

import io.flashorder.support.Catalog;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class CampaignResourceTest {

    @Test
    void campaignIsCreatedUpdatedAndValidated() {
        UUID merchant = Catalog.merchant("Campaign merchant " + UUID.randomUUID());
        UUID sku = Catalog.sku(merchant, "Flash item", 10_000);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = Map.of("name", "Singles Day", "startsAt", start.toString(),
                "endsAt", start.plus(2, ChronoUnit.HOURS).toString(), "perUserLimit", 2,
                "paymentTimeoutSeconds", 300,
                "items", List.of(Map.of("skuId", sku, "campaignPrice", 6_900, "campaignStock", 50)));
        String id = given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON).body(body).post("/api/v1/admin/campaigns")
                .then().statusCode(201)
                .body("items[0].campaignPrice", equalTo(6900))
                .body("items[0].loadedStock", equalTo(0))
                .extract().path("id");

        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/campaigns/{id}", id)
                .then().statusCode(200).body("name", equalTo("Singles Day")).body("perUserLimit", equalTo(2));
        given().header("Authorization", Tokens.bearer(Tokens.admin())).queryParam("limit", 100)
                .get("/api/v1/admin/campaigns").then().statusCode(200).body("items.id", hasItem(id));

        // A campaign price above the list price, and a window that ends before it starts, are refused together.
        Map<String, Object> bad = Map.of("name", "Broken", "startsAt", start.toString(),
                "endsAt", start.minusSeconds(1).toString(), "perUserLimit", 1, "paymentTimeoutSeconds", 300,
                "items", List.of(Map.of("skuId", sku, "campaignPrice", 20_000, "campaignStock", 5)));
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON).body(bad).post("/api/v1/admin/campaigns")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("endsAt"));
        Map<String, Object> overpriced = Map.of("name", "Overpriced", "startsAt", start.toString(),
                "endsAt", start.plusSeconds(60).toString(), "perUserLimit", 1, "paymentTimeoutSeconds", 300,
                "items", List.of(Map.of("skuId", sku, "campaignPrice", 20_000, "campaignStock", 5)));
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON).body(overpriced).post("/api/v1/admin/campaigns")
                .then().statusCode(400).body("errors.field", hasItem("items[0].campaignPrice"));
    }
}
