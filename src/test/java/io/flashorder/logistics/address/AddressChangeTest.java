package io.flashorder.logistics.address;

import io.flashorder.logistics.warehouse.Parcels;
import io.flashorder.security.PiiCipher;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * The buyer changes the delivery address of its paid order, on real PostgreSQL and Redis: until packing starts, PII
 * stored encrypted, shipping re-priced for a new region with the difference recorded as owed (never charged) and in
 * the order's history; bad input, another buyer's order, an unpaid order and a parcel past PICKING change nothing.
 */
@QuarkusTest
class AddressChangeTest {

    private static final String PATH = "/api/v1/orders/{id}/shipping-address";
    private static final org.hamcrest.Matcher<String> PROBLEM = startsWith("application/problem+json");

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    PiiCipher pii;

    private UUID merchant;
    private UUID warehouse;
    private UUID sku;

    /** 250 g per unit; 5.00 by default (up to 1 kg), 9.00 to EAST, 3.00 to WEST. */
    @BeforeEach
    void shop() {
        merchant = Catalog.merchant("Address " + UUID.randomUUID());
        warehouse = Catalog.warehouse(merchant, "NORTH");
        sku = Catalog.sku(merchant, "Clock", 2_000);
        Pricing.defaultShippingTemplate(merchant);
        Pricing.shippingTemplate(merchant, "EAST", 1000, 900, 500, 300, null);
        Pricing.shippingTemplate(merchant, "WEST", 1000, 300, 500, 100, null);
        Catalog.loadStock(sku, warehouse, 500);
    }

    private Lifecycle.PlacedOrder paid() {
        return lifecycle.paid("address-" + UUID.randomUUID(), Map.of(sku, 2));
    }

    private static Map<String, Object> address(String region) {
        return Map.of("recipient", "Grace Hopper", "phone", "+1 202 555 0143", "regionCode", region,
                "detail", "1 Compiler Way, Arlington");
    }

    private static Response put(String buyer, Object orderId, Object body) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body(body).put(PATH, orderId);
    }

    private static Response patch(String buyer, Object orderId, Object body) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body(body).patch(PATH, orderId);
    }

    private String stored(UUID orderId) {
        return database.string("SELECT concat_ws('|', recipient_encrypted, phone_encrypted, region_code, "
                + "detail_encrypted) FROM customer_order WHERE id = $1", orderId);
    }

    private long changes(UUID orderId) {
        return database.count("SELECT count(*) FROM order_address_change WHERE order_id = $1", orderId);
    }

    @Test
    void putReplacesTheAddressEncryptedAndANewRegionIsRepricedAsOwedNotCharged() {
        Lifecycle.PlacedOrder order = paid();
        UUID merchantOrder = order.merchantOrderByMerchant().get(merchant);

        put(order.buyerId(), order.orderId(), address("EAST")).then().statusCode(200)
                .body("address.recipient", equalTo("Grace Hopper")).body("address.regionCode", equalTo("EAST"))
                .body("shipping[0].merchantOrderId", equalTo(merchantOrder.toString()))
                .body("shipping[0].chargedFee", equalTo(500)).body("shipping[0].newFee", equalTo(900))
                .body("shipping[0].difference", equalTo(400)).body("shipping[0].settlement", equalTo("OWED_BY_BUYER"));

        String[] columns = stored(order.orderId()).split("\\|");
        assertThat(columns[0]).doesNotContain("Grace");
        assertThat(pii.decrypt(columns[0])).isEqualTo("Grace Hopper");
        assertThat(pii.decrypt(columns[1])).isEqualTo("+1 202 555 0143");
        assertThat(columns[2]).isEqualTo("EAST");
        assertThat(pii.decrypt(columns[3])).isEqualTo("1 Compiler Way, Arlington");
        given().header("Authorization", Tokens.bearer(Tokens.customer(order.buyerId())))
                .get("/api/v1/orders/{id}", order.orderId()).then().statusCode(200)
                .body("address.recipient", equalTo("Grace Hopper")).body("address.regionCode", equalTo("EAST"));
        given().header("Authorization", Tokens.bearer(Tokens.customer(order.buyerId())))
                .get("/api/v1/orders/{id}/history", order.orderId()).then().statusCode(200)
                .body("transitions.reason", hasItem("shipping address changed by the buyer (region NORTH -> EAST); "
                        + "shipping re-priced 500 -> 900 EUR minor units, 400 owed by the buyer (recorded, not charged)"));
        assertThat(database.count("SELECT shipping_fee FROM merchant_order WHERE id = $1", merchantOrder))
                .as("what was charged stays").isEqualTo(500);
        assertThat(database.count("SELECT count(*) FROM order_address_change WHERE order_id = $1 AND merchant_id = $2"
                + " AND difference = 400 AND settlement = 'OWED_BY_BUYER'", order.orderId(), merchant)).isOne();
    }

    @Test
    void patchChangesSomeFieldsACheaperRegionIsOwedToTheBuyerAndTheSameRegionOwesNothing() {
        Lifecycle.PlacedOrder order = paid();
        patch(order.buyerId(), order.orderId(), Map.of("regionCode", " west ")).then().statusCode(200)
                .body("address.recipient", equalTo("Ada Lovelace")).body("address.regionCode", equalTo("WEST"))
                .body("shipping[0].newFee", equalTo(300)).body("shipping[0].difference", equalTo(-200))
                .body("shipping[0].settlement", equalTo("OWED_TO_BUYER"));
        patch(order.buyerId(), order.orderId(), Map.of("detail", "7 Difference Engine Row")).then().statusCode(200)
                .body("address.detail", equalTo("7 Difference Engine Row")).body("address.regionCode", equalTo("WEST"))
                .body("shipping[0].newFee", equalTo(500)).body("shipping[0].difference", equalTo(0))
                .body("shipping[0].settlement", equalTo("NONE"));
        assertThat(pii.decrypt(stored(order.orderId()).split("\\|")[0])).isEqualTo("Ada Lovelace");
        assertThat(changes(order.orderId())).isEqualTo(2);
    }

    @Test
    void theAddressChangesWhilePickingAndNotOncePackingStarted() {
        Lifecycle.PlacedOrder order = paid();
        UUID parcel = Parcels.onlyParcelOf(merchant, order.merchantOrderByMerchant().get(merchant));
        UUID wave = UUID.fromString(Parcels.wave(merchant, warehouse, List.of(parcel)).then().statusCode(201)
                .extract().path("id"));
        patch(order.buyerId(), order.orderId(), Map.of("recipient", "Alan Turing")).then().statusCode(200);

        Parcels.picked(merchant, wave).then().statusCode(200).body("packing", equalTo(1));
        String before = stored(order.orderId());
        put(order.buyerId(), order.orderId(), address("EAST")).then().statusCode(409).header("Content-Type", PROBLEM)
                .body("code", equalTo("parcel-past-picking")).body("currentStatus", equalTo("PACKING"))
                .body("parcelId", equalTo(parcel.toString()));
        patch(order.buyerId(), order.orderId(), Map.of("detail", "elsewhere 1")).then().statusCode(409);
        assertThat(stored(order.orderId())).isEqualTo(before);
        assertThat(changes(order.orderId())).isOne();
    }

    @Test
    void badInputOtherBuyersUnpaidOrdersAndUnshippedRegionsAreRefusedWithNothingWritten() {
        Lifecycle.PlacedOrder order = paid();
        String before = stored(order.orderId());
        String buyer = order.buyerId();

        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body("{\"recipient\":").put(PATH, order.orderId()).then().statusCode(400).header("Content-Type", PROBLEM);
        patch(buyer, order.orderId(), Map.of()).then().statusCode(400).header("Content-Type", PROBLEM);
        Map<String, Object> noDetail = new HashMap<>(address("EAST"));
        noDetail.remove("detail");
        put(buyer, order.orderId(), noDetail).then().statusCode(400).header("Content-Type", PROBLEM);
        patch(buyer, order.orderId(), Map.of("recipient", "x".repeat(101))).then().statusCode(400);
        patch(buyer, order.orderId(), Map.of("recipient", "   ")).then().statusCode(400);
        patch(buyer, order.orderId(), Map.of("phone", "call me")).then().statusCode(400);
        patch(buyer, order.orderId(), Map.of("regionCode", "MARS")).then().statusCode(400)
                .header("Content-Type", PROBLEM);
        patch(buyer, order.orderId(), Map.of("detail", "d".repeat(301))).then().statusCode(400);

        patch("someone-else", order.orderId(), Map.of("detail", "mine now")).then().statusCode(404)
                .header("Content-Type", PROBLEM);
        patch(buyer, UUID.randomUUID(), Map.of("detail", "nowhere")).then().statusCode(404);
        patch(buyer, "not-a-uuid", Map.of("detail", "nowhere")).then().statusCode(404).header("Content-Type", PROBLEM);
        given().contentType(ContentType.JSON).body(address("EAST")).put(PATH, order.orderId()).then().statusCode(401);
        given().header("Authorization", Tokens.bearer(Tokens.merchant(merchant))).contentType(ContentType.JSON)
                .body(address("EAST")).put(PATH, order.orderId()).then().statusCode(403);
        assertThat(stored(order.orderId())).isEqualTo(before);
        assertThat(changes(order.orderId())).isZero();

        Lifecycle.PlacedOrder unpaid = lifecycle.placed("address-" + UUID.randomUUID(), Map.of(sku, 1));
        patch(unpaid.buyerId(), unpaid.orderId(), Map.of("detail", "before paying")).then().statusCode(409)
                .body("code", equalTo("order-status")).body("currentStatus", equalTo("PENDING_PAYMENT"));

        UUID northOnly = Catalog.merchant("North only " + UUID.randomUUID());
        UUID northWarehouse = Catalog.warehouse(northOnly, "NORTH");
        UUID northSku = Catalog.sku(northOnly, "Sled", 1_000);
        Pricing.shippingTemplate(northOnly, "NORTH", 1000, 500, 500, 200, null);
        Catalog.loadStock(northSku, northWarehouse, 10);
        Lifecycle.PlacedOrder north = lifecycle.paid("address-" + UUID.randomUUID(), Map.of(northSku, 1));
        String northBefore = stored(north.orderId());
        patch(north.buyerId(), north.orderId(), Map.of("regionCode", "SOUTH")).then().statusCode(422)
                .header("Content-Type", PROBLEM).body("code", equalTo("region-not-shipped"));
        assertThat(stored(north.orderId())).isEqualTo(northBefore);
        assertThat(changes(north.orderId())).isZero();
    }
}
