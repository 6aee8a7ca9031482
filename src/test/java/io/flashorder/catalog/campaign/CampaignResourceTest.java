package io.flashorder.catalog.campaign;

import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class CampaignResourceTest {

    @Inject
    Database database;

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
                .body("items[0].stockBuckets", equalTo(1))
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

    /** A hot item's stock buckets: 1..16, default 1, fixed once stock is loaded into them. */
    @Test
    void stockBucketsAreValidatedStoredAndFixedOnceLoaded() {
        UUID merchant = Catalog.merchant("Bucket merchant " + UUID.randomUUID());
        UUID sku = Catalog.sku(merchant, "Hot item", 10_000);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String name = "Buckets " + UUID.randomUUID();
        for (Object bad : List.of(0, 17, -3, "three", 1.5)) {
            given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                    .body(campaign(name, start, sku, bad)).post("/api/v1/admin/campaigns")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("items[0].stockBuckets"));
        }
        assertThat(database.count("SELECT count(*) FROM campaign WHERE name = $1", name)).isZero();

        String id = given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(campaign(name, start, sku, 3)).post("/api/v1/admin/campaigns")
                .then().statusCode(201).body("items[0].stockBuckets", equalTo(3)).extract().path("id");
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(campaign(name, start, sku, 16)).put("/api/v1/admin/campaigns/{id}", id)
                .then().statusCode(200).body("items[0].stockBuckets", equalTo(16));
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .post("/api/v1/admin/campaigns/{id}/stock-loads", id).then().statusCode(201);

        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(campaign(name, start, sku, 2)).put("/api/v1/admin/campaigns/{id}", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("items[0].stockBuckets"));
        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/campaigns/{id}", id)
                .then().statusCode(200).body("items[0].stockBuckets", equalTo(16));
        assertThat(database.count("SELECT count(*) FROM campaign_item WHERE campaign_id = $1::uuid AND stock_buckets = 16",
                id)).isEqualTo(1);
    }

    private static Map<String, Object> campaign(String name, Instant start, UUID sku, Object stockBuckets) {
        return Map.of("name", name, "startsAt", start.toString(), "endsAt", start.plus(1, ChronoUnit.HOURS).toString(),
                "perUserLimit", 1, "paymentTimeoutSeconds", 300, "items", List.of(Map.of("skuId", sku,
                        "campaignPrice", 5_000, "campaignStock", 20, "stockBuckets", stockBuckets)));
    }
}
