package io.flashorder.catalog.sku;

import io.flashorder.support.Catalog;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class SkuResourceTest {

    private UUID merchant;

    @BeforeEach
    void setUp() {
        merchant = Catalog.merchant("SKU test merchant " + UUID.randomUUID());
    }

    @Test
    void adminCreatesReadsUpdatesAndListsSkus() {
        String location = given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON).body(Catalog.skuBody(merchant, "  Espresso Machine  ", 45900))
                .post("/api/v1/admin/skus")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("title", equalTo("Espresso Machine"))
                .body("listPrice", equalTo(45900))
                .body("currency", equalTo("EUR"))
                .body("status", equalTo("ACTIVE"))
                .body("merchantId", equalTo(merchant.toString()))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/skus/{id}", id)
                .then().statusCode(200).body("id", equalTo(id)).body("weightGrams", equalTo(250));

        Map<String, Object> update = new HashMap<>(Catalog.skuBody(merchant, "Espresso Machine v2", 39900));
        update.put("status", "INACTIVE");
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .contentType(ContentType.JSON).body(update)
                .put("/api/v1/admin/skus/{id}", id)
                .then().statusCode(200)
                .body("title", equalTo("Espresso Machine v2"))
                .body("listPrice", equalTo(39900))
                .body("status", equalTo("INACTIVE"))
                .body("version", equalTo(1));
    }

    @Test
    void listsAreKeysetPaginatedWithoutGapsOrRepeats() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Catalog.sku(merchant, "Paged SKU " + i, 100 + i).toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().header("Authorization", Tokens.bearer(Tokens.admin()))
                    .queryParam("merchantId", merchant).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/admin/skus").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void merchantManagesOnlyItsOwnSkus() {
        UUID other = Catalog.merchant("Other merchant " + UUID.randomUUID());
        UUID othersSku = Catalog.sku(other, "Not yours", 1000);
        String token = Tokens.bearer(Tokens.merchant(merchant));

        Map<String, Object> own = new HashMap<>(Catalog.skuBody(merchant, "Mine", 1200));
        own.remove("merchantId");
        String ownId = given().header("Authorization", token).contentType(ContentType.JSON).body(own)
                .post("/api/v1/merchant/skus")
                .then().statusCode(201).body("merchantId", equalTo(merchant.toString())).extract().path("id");

        given().header("Authorization", token).get("/api/v1/merchant/skus")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.contains(ownId));

        // Reading, changing or loading stock of another merchant's SKU looks exactly like an unknown SKU.
        given().header("Authorization", token).get("/api/v1/merchant/skus/{id}", othersSku)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("sku-not-found"));
        given().header("Authorization", token).contentType(ContentType.JSON).body(own)
                .put("/api/v1/merchant/skus/{id}", othersSku)
                .then().statusCode(404).body("code", equalTo("sku-not-found"));
        given().header("Authorization", token).get("/api/v1/merchant/skus/{id}/stock", othersSku)
                .then().statusCode(404);

        // Creating a SKU in another merchant's name is refused.
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Catalog.skuBody(other, "Sneaky", 100))
                .post("/api/v1/merchant/skus")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("other-merchant"));

        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/skus/{id}", othersSku)
                .then().statusCode(200).body("title", equalTo("Not yours")).body("version", equalTo(0));
    }
}
