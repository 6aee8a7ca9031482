package io.flashorder.platform;

import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** Every kind of bad input gets a precise 4xx problem+json, never a 500 or a stack trace, and writes nothing. */
@QuarkusTest
class BadInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Database database;

    private UUID merchant;
    private long skusBefore;
    private long loadsBefore;

    @BeforeEach
    void setUp() {
        merchant = Catalog.merchant("Bad input merchant " + UUID.randomUUID());
        skusBefore = database.countAll("sku");
        loadsBefore = database.countAll("stock_load");
    }

    private void assertNothingWritten() {
        assertThat(database.countAll("sku")).isEqualTo(skusBefore);
        assertThat(database.countAll("stock_load")).isEqualTo(loadsBefore);
    }

    private io.restassured.specification.RequestSpecification asAdmin() {
        return given().header("Authorization", Tokens.bearer(Tokens.admin()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"title\": }", "not json at all", "[1,2", "{\"title\":\"x\",}"})
    void malformedJsonIsA400(String body) {
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/skus")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("malformed-json"))
                .body("type", equalTo("https://flashorder.io/problems/malformed-json"))
                .body(not(containsString("at io.")));
        assertNothingWritten();
    }

    @Test
    void wrongTypesNameTheField() {
        Map<String, Object> body = new HashMap<>(Catalog.skuBody(merchant, "Typed", 100));
        body.put("listPrice", "twelve euros");
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/skus")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("malformed-body"))
                .body("errors.field", hasItem("listPrice"));
        assertNothingWritten();
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        Map<String, Object> body = new HashMap<>(Catalog.skuBody(merchant, "Enum", 100));
        body.put("status", "SOMETIMES");
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/skus")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("status"))
                .body("errors.message", hasItem(containsString("ACTIVE")));
        assertNothingWritten();
    }

    @Test
    void missingAndInvalidFieldsAreEachListed() {
        Map<String, Object> body = new HashMap<>();
        body.put("merchantId", merchant);
        body.put("title", "x".repeat(201));
        body.put("listPrice", -1);
        body.put("currency", "euro");
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/skus")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItems("title", "listPrice", "currency", "weightGrams", "lowStockThreshold"));
        assertNothingWritten();
    }

    @Test
    void unknownCurrencyAndRegionAreRefused() {
        Map<String, Object> body = new HashMap<>(Catalog.skuBody(merchant, "Money", 100));
        body.put("currency", "XYZ");
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/skus")
                .then().statusCode(400).body("errors.field", hasItem("currency"));
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("merchantId", merchant, "name", "Nowhere", "regionCode", "ATLANTIS"))
                .post("/api/v1/admin/warehouses")
                .then().statusCode(400).body("errors.field", hasItem("regionCode"));
        assertNothingWritten();
    }

    @Test
    void emptyBodyIsA400() {
        asAdmin().contentType(ContentType.JSON).post("/api/v1/admin/skus")
                .then().statusCode(400).contentType(PROBLEM);
        assertNothingWritten();
    }

    @Test
    void oversizedBodyIsA413() {
        Map<String, Object> body = new HashMap<>(Catalog.skuBody(merchant, "Big", 100));
        body.put("padding", "x".repeat(100 * 1024));
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/admin/skus")
                .then().statusCode(413).contentType(PROBLEM).body("code", equalTo("payload-too-large"));
        assertNothingWritten();
    }

    @Test
    void unsupportedMediaTypeIsA415() {
        asAdmin().contentType(ContentType.XML).body("<sku/>").post("/api/v1/admin/skus")
                .then().statusCode(415).contentType(PROBLEM).body("code", equalTo("unsupported-media-type"));
        assertNothingWritten();
    }

    @Test
    void unknownIdsAre404() {
        UUID unknown = UUID.randomUUID();
        asAdmin().get("/api/v1/admin/skus/{id}", unknown)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("sku-not-found"));
        asAdmin().get("/api/v1/admin/merchants/{id}", unknown)
                .then().statusCode(404).body("code", equalTo("merchant-not-found"));
        asAdmin().get("/api/v1/admin/campaigns/{id}", unknown)
                .then().statusCode(404).body("code", equalTo("campaign-not-found"));
        asAdmin().get("/api/v1/admin/skus/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
        asAdmin().contentType(ContentType.JSON).body(Catalog.skuBody(unknown, "Orphan", 100))
                .post("/api/v1/admin/skus")
                .then().statusCode(404).body("code", equalTo("merchant-not-found"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("warehouseId", unknown, "quantity", 5))
                .post("/api/v1/admin/skus/{id}/stock-loads", unknown)
                .then().statusCode(404).body("code", equalTo("sku-not-found"));
        asAdmin().get("/api/v1/nowhere").then().statusCode(404).contentType(PROBLEM);
        assertNothingWritten();
    }

    @Test
    void stockLoadQuantitiesMustBePositive() {
        UUID sku = Catalog.sku(merchant, "Counted", 100);
        UUID warehouse = Catalog.warehouse(merchant, "NORTH");
        skusBefore = database.countAll("sku");
        for (int quantity : new int[] {0, -5}) {
            asAdmin().contentType(ContentType.JSON).body(Map.of("warehouseId", warehouse, "quantity", quantity))
                    .post("/api/v1/admin/skus/{id}/stock-loads", sku)
                    .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("quantity"));
        }
        asAdmin().contentType(ContentType.JSON).body(Map.of("quantity", 3))
                .post("/api/v1/admin/skus/{id}/stock-loads", sku)
                .then().statusCode(400).body("errors.field", hasItem("warehouseId"));
        // Another merchant's warehouse cannot receive this SKU.
        UUID otherWarehouse = Catalog.warehouse(Catalog.merchant("Other " + UUID.randomUUID()), "SOUTH");
        asAdmin().contentType(ContentType.JSON).body(Map.of("warehouseId", otherWarehouse, "quantity", 3))
                .post("/api/v1/admin/skus/{id}/stock-loads", sku)
                .then().statusCode(400).body("errors.field", hasItem("warehouseId"));
        assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "cursor=garbage", "cursor=YWZ0ZXI6bm90LWEtdXVpZA"})
    void badPaginationIsA400(String query) {
        asAdmin().get("/api/v1/admin/skus?" + query)
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", org.hamcrest.Matchers.oneOf("validation-failed", "invalid-cursor"));
    }
}
