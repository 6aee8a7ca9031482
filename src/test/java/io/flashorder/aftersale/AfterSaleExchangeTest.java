package io.flashorder.aftersale;

import io.flashorder.aftersale.timers.AfterSaleTimers;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * An exchange's replacement: the same SKU or another variant at the same price, taken from stock on approval (sold
 * out: 409, the case stays under review), given back if the case ends before the goods came back; the returned unit
 * restocked on receipt; the reconciliation finds no drift after each step.
 */
@QuarkusTest
class AfterSaleExchangeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    RedisDataSource redis;
    @Inject
    TestClock clock;
    @Inject
    AfterSaleTimers timers;

    private Shop shop;
    private UUID south;

    @BeforeEach
    void shop() {
        shop = lifecycle.shop("After-sale exchange");
        south = Catalog.warehouse(shop.merchantId(), "SOUTH");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private record Shipped(String buyer, UUID merchantOrder, UUID line) {
    }

    private Shipped shipped(int units) {
        String buyer = "as-exch-" + UUID.randomUUID();
        UUID merchantOrder = lifecycle.paid(buyer, Map.of(shop.skuId(), units)).merchantOrderOf(shop);
        UUID line = UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrder));
        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "AS-EX-" + UUID.randomUUID()).then().statusCode(201);
        return new Shipped(buyer, merchantOrder, line);
    }

    private static Map<String, Object> exchange(Shipped order, int units, UUID replacement, String type) {
        Map<String, Object> body = AfterSales.request(order.merchantOrder(), type, Map.of(order.line(), units));
        Map<String, Object> line = new HashMap<>();
        line.put("lineId", order.line());
        line.put("quantity", units);
        line.put("replacementSkuId", replacement);
        body.put("lines", List.of(line));
        return body;
    }

    private Map<String, Long> stock(UUID sku) {
        Map<String, Long> fields = new HashMap<>(Map.of("available", 0L, "sold", 0L));
        redis.hash(String.class).hgetall(InventoryKeys.sku(sku))
                .forEach((field, value) -> fields.put(field, Long.parseLong(value)));
        return fields;
    }

    private static Response merchantPost(UUID merchantId, String path, Object caseId, Object body) {
        return given().header("Authorization", Tokens.bearer(Tokens.merchant(merchantId)))
                .contentType(ContentType.JSON).body(body).post(AfterSales.MERCHANT_PATH + "/{id}/" + path, caseId);
    }

    private static Response buyerPost(String buyer, String path, Object caseId, Object body) {
        var request = given().header("Authorization", Tokens.bearer(Tokens.customer(buyer)));
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post(AfterSales.BUYER_PATH + "/{id}/" + path, caseId);
    }

    @Test
    void aVariantAtTheSamePriceIsTakenOnApprovalAndTheReturnedUnitRestockedOnReceipt() {
        UUID variant = Catalog.sku(shop.merchantId(), "After-sale exchange other size", 2_500);
        Catalog.loadStock(variant, south, 3);
        UUID dearer = Catalog.sku(shop.merchantId(), "After-sale exchange deluxe", 2_600);
        Catalog.loadStock(dearer, south, 3);
        UUID elsewhere = lifecycle.shop("After-sale exchange other merchant").skuId();
        Shipped order = shipped(2);
        Eventually.await(WAIT, () -> assertThat(stock(shop.skuId())).containsEntry("sold", 2L));

        // Refused without writing anything: a dearer SKU, another merchant's, a replacement on a return.
        AfterSales.open(order.buyer(), exchange(order, 1, dearer, "EXCHANGE")).then().statusCode(422)
                .body("code", equalTo("replacement-not-a-variant"))
                .body("errors[0].field", equalTo("lines[0].replacementSkuId"));
        AfterSales.open(order.buyer(), exchange(order, 1, elsewhere, "EXCHANGE")).then().statusCode(422)
                .body("code", equalTo("replacement-not-a-variant"));
        AfterSales.open(order.buyer(), exchange(order, 1, variant, "RETURN_REFUND")).then().statusCode(400)
                .body("errors[0].field", equalTo("lines[0].replacementSkuId"));
        assertThat(database.count("SELECT count(*) FROM after_sale_case WHERE merchant_order_id = $1",
                order.merchantOrder())).isZero();

        String caseId = AfterSales.open(order.buyer(), exchange(order, 1, variant, "EXCHANGE")).then()
                .statusCode(201).body("lines[0].replacementSkuId", equalTo(variant.toString())).extract().path("id");
        assertThat(stock(variant)).containsEntry("available", 3L).containsEntry("sold", 0L);
        AfterSales.approve(shop.merchantId(), caseId).then().statusCode(200).body("status", equalTo("AWAITING_RETURN"));
        assertThat(stock(variant)).containsEntry("available", 2L).containsEntry("sold", 1L)
                .containsEntry("wh:" + south, 2L);
        assertThat(database.string("SELECT warehouse_id::text FROM after_sale_exchange_unit WHERE case_id = $1::uuid "
                + "AND sku_id = $2", caseId, variant)).isEqualTo(south.toString());
        Reconciliation.assertNoDrift(variant);
        Reconciliation.assertNoDrift(shop.skuId());

        buyerPost(order.buyer(), "return-shipment", caseId, Map.of("carrier", "DHL", "trackingNumber", "EXC-V-1"))
                .then().statusCode(200);
        Map<String, Long> beforeReceipt = stock(shop.skuId());
        merchantPost(shop.merchantId(), "receipt", caseId, Map.of("lines",
                List.of(Map.of("lineId", order.line(), "restock", 1, "writeOff", 0)))).then().statusCode(200)
                .body("status", equalTo("RETURN_RECEIVED"));
        assertThat(stock(shop.skuId())).containsEntry("available", beforeReceipt.get("available") + 1)
                .containsEntry("sold", beforeReceipt.get("sold") - 1);
        merchantPost(shop.merchantId(), "exchange-shipment", caseId, Map.of("carrier", "UPS",
                "trackingNumber", "EXC-V-OUT")).then().statusCode(200);
        buyerPost(order.buyer(), "exchange-receipt", caseId, null).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"));
        assertThat(stock(variant)).containsEntry("available", 2L).containsEntry("sold", 1L);
        Reconciliation.assertNoDrift(variant);
        Reconciliation.assertNoDrift(shop.skuId());

        // Without a replacement named, the line's own SKU goes out.
        Map<String, Long> own = stock(shop.skuId());
        String same = AfterSales.open(order.buyer(), exchange(order, 1, null, "EXCHANGE")).then().statusCode(201)
                .body("lines[0].replacementSkuId", equalTo(shop.skuId().toString())).extract().path("id");
        AfterSales.approve(shop.merchantId(), same).then().statusCode(200);
        assertThat(stock(shop.skuId())).containsEntry("available", own.get("available") - 1)
                .containsEntry("sold", own.get("sold") + 1);
        Reconciliation.assertNoDrift(shop.skuId());
    }

    @Test
    void aSoldOutReplacementIsRefusedWith409AndTheCaseStaysReviewableUntilUnitsComeBack() {
        UUID variant = Catalog.sku(shop.merchantId(), "After-sale exchange last one", 2_500);
        Catalog.loadStock(variant, south, 1);
        Shipped first = shipped(1);
        Shipped second = shipped(1);
        String taken = AfterSales.open(first.buyer(), exchange(first, 1, variant, "EXCHANGE")).then().statusCode(201)
                .extract().path("id");
        String waiting = AfterSales.open(second.buyer(), exchange(second, 1, variant, "EXCHANGE")).then()
                .statusCode(201).extract().path("id");
        AfterSales.approve(shop.merchantId(), taken).then().statusCode(200);

        AfterSales.approve(shop.merchantId(), waiting).then().statusCode(409)
                .body("code", equalTo("replacement-sold-out")).body("skuIds[0]", equalTo(variant.toString()));
        AfterSales.merchantGet(shop.merchantId(), "/{id}", waiting).then().statusCode(200)
                .body("status", equalTo("PENDING_REVIEW"));
        assertThat(database.count("SELECT count(*) FROM after_sale_exchange_unit WHERE case_id = $1::uuid", waiting))
                .isZero();
        assertThat(stock(variant)).containsEntry("available", 0L).containsEntry("sold", 1L);

        // The review deadline does not approve it either: it waits for the merchant, the timer run goes on.
        clock.advance(Duration.ofHours(49));
        timers.runDeadlines().await().atMost(WAIT);
        AfterSales.merchantGet(shop.merchantId(), "/{id}", waiting).then().body("status", equalTo("PENDING_REVIEW"));
        assertThat(stock(variant)).containsEntry("available", 0L).containsEntry("sold", 1L);
        clock.reset();

        // The first buyer withdraws before shipping back: its replacement unit goes back, the second one takes it.
        AfterSales.buyerPost(first.buyer(), "/{id}/withdrawal", taken).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertThat(stock(variant)).containsEntry("available", 1L).containsEntry("sold", 0L);
        Reconciliation.assertNoDrift(variant);
        AfterSales.approve(shop.merchantId(), waiting).then().statusCode(200).body("status", equalTo("AWAITING_RETURN"));
        assertThat(stock(variant)).containsEntry("available", 0L).containsEntry("sold", 1L);
        Reconciliation.assertNoDrift(variant);
    }
}
