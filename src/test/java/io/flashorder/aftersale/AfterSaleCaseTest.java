package io.flashorder.aftersale;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
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

/** Opening, reviewing and withdrawing cases; the merchant order's AFTER_SALE; stock freed before shipment. */
@QuarkusTest
class AfterSaleCaseTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    RedisDataSource redis;
    @Inject
    AfterSaleService service;
    @Inject
    CaseActions actions;

    private Shop shop;

    @BeforeEach
    void shop() {
        shop = lifecycle.shop("After-sale");
    }

    private UUID lineOf(UUID merchantOrderId) {
        return UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrderId));
    }

    private long linePayable(UUID lineId) {
        return database.count("SELECT payable FROM order_line WHERE id = $1", lineId);
    }

    private Map<String, Long> stock() {
        Map<String, Long> fields = new HashMap<>(Map.of("available", 0L, "sold", 0L, "held", 0L, "loaded", 0L));
        redis.hash(String.class).hgetall(InventoryKeys.sku(shop.skuId()))
                .forEach((field, value) -> fields.put(field, Long.parseLong(value)));
        return fields;
    }

    private long cases(UUID merchantOrderId) {
        return database.count("SELECT count(*) FROM after_sale_case WHERE merchant_order_id = $1", merchantOrderId);
    }

    private List<String> events(UUID caseId) {
        return database.strings("SELECT event FROM after_sale_transition WHERE case_id = $1 ORDER BY id", caseId);
    }

    @Test
    void refundOnlyBeforeShipmentIsApprovedAtOnceFreesTheUnitsAndKeepsTheReconciliationTrue() {
        String buyer = "as-refund-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, Map.of(shop.skuId(), 3));
        UUID merchantOrder = order.merchantOrderOf(shop);
        UUID line = lineOf(merchantOrder);
        long payable = linePayable(line);
        Eventually.await(WAIT, () -> assertThat(stock()).containsEntry("sold", 3L));
        Map<String, Long> before = stock();

        JsonPath opened = AfterSales.open(buyer, AfterSales.request(merchantOrder, "REFUND_ONLY", Map.of(line, 2)))
                .then().statusCode(201)
                .body("status", equalTo("PENDING_REFUND")).body("beforeShipment", equalTo(true))
                .body("type", equalTo("REFUND_ONLY")).body("merchantOrderId", equalTo(merchantOrder.toString()))
                .extract().jsonPath();
        UUID caseId = UUID.fromString(opened.getString("id"));
        AfterSales.buyerGet(buyer, "/{id}", caseId).then().statusCode(200).body("status", equalTo("PENDING_REFUND"));
        assertThat(opened.getLong("goodsRefund")).isEqualTo(RefundAllocation.share(payable, 3, 0, 2));
        assertThat(opened.getLong("shippingRefund")).isZero();
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AFTER_SALE");
        assertThat(events(caseId)).containsExactly("OPEN", "AUTO_APPROVE");
        assertThat(database.count("SELECT count(*) FROM after_sale_refund WHERE case_id = $1 AND status = 'PENDING' "
                + "AND amount = $2", caseId, opened.getLong("refundTotal"))).isEqualTo(1);
        assertThat(database.strings("SELECT type FROM outbox_event WHERE order_id = $1 AND type LIKE 'AFTER_SALE%' "
                + "ORDER BY id", order.orderId())).containsExactly("AFTER_SALE_REQUESTED", "AFTER_SALE_APPROVED");

        // Two units back on the shelf, once, and recorded in PostgreSQL as applied.
        assertThat(stock()).containsEntry("sold", before.get("sold") - 2)
                .containsEntry("available", before.get("available") + 2)
                .containsEntry("loaded", before.get("loaded"));
        assertThat(database.count("SELECT coalesce(sum(quantity), 0) FROM after_sale_stock_return WHERE case_id = $1 "
                + "AND applied_at IS NOT NULL", caseId)).isEqualTo(2);
        assertThat(actions.applyDueStockReturns().await().atMost(WAIT)).isZero();
        assertThat(stock()).containsEntry("sold", before.get("sold") - 2);
        Reconciliation.assertNoDrift(shop.skuId());

        // The merchant cannot ship a merchant order under after-sale; the line is held by the open case.
        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "AS-0001").then().statusCode(409);
        AfterSales.open(buyer, AfterSales.request(merchantOrder, "REFUND_ONLY", Map.of(line, 1)))
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("line-has-open-case"));
        assertThat(cases(merchantOrder)).isEqualTo(1);
    }

    @Test
    void returnsWaitForShipmentThenTheMerchantReviewsAndTheBuyerMayWithdraw() {
        String buyer = "as-return-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, Map.of(shop.skuId(), 2));
        UUID merchantOrder = order.merchantOrderOf(shop);
        UUID line = lineOf(merchantOrder);

        AfterSales.open(buyer, AfterSales.request(merchantOrder, "RETURN_REFUND", Map.of(line, 1)))
                .then().statusCode(422).body("code", equalTo("not-shipped"));
        AfterSales.open(buyer, AfterSales.request(merchantOrder, "EXCHANGE", Map.of(line, 1)))
                .then().statusCode(422).body("code", equalTo("not-shipped"));
        assertThat(cases(merchantOrder)).isZero();
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_SHIPMENT");

        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "AS-0002").then().statusCode(201);
        JsonPath opened = AfterSales.open(buyer, AfterSales.request(merchantOrder, "RETURN_REFUND", Map.of(line, 1)))
                .then().statusCode(201).body("status", equalTo("PENDING_REVIEW"))
                .body("beforeShipment", equalTo(false)).extract().jsonPath();
        String caseId = opened.getString("id");
        assertThat(opened.getLong("goodsRefund")).isEqualTo(RefundAllocation.share(linePayable(line), 2, 0, 1));
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AFTER_SALE");

        JsonPath listed = AfterSales.merchantGet(shop.merchantId(), "?status=PENDING_REVIEW").then().statusCode(200)
                .extract().jsonPath();
        assertThat(listed.getList("items.id", String.class)).containsExactly(caseId);
        assertThat(listed.getLong("countsByStatus.PENDING_REVIEW")).isEqualTo(1);
        assertThat(listed.getLong("countsByStatus.SUCCEEDED")).isZero();
        AfterSales.merchantGet(shop.merchantId(), "/{id}", caseId).then().statusCode(200)
                .body("lines[0].lineId", equalTo(line.toString())).body("lines[0].quantity", equalTo(1));

        AfterSales.approve(shop.merchantId(), caseId).then().statusCode(200).body("status", equalTo("AWAITING_RETURN"));
        AfterSales.approve(shop.merchantId(), caseId).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("illegal-transition"))
                .body("currentStatus", equalTo("AWAITING_RETURN"));
        AfterSales.buyerPost(buyer, "/{id}/withdrawal", caseId).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_RECEIPT");
        AfterSales.buyerGet(buyer, "/{id}/history", caseId).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("transitions.event", equalTo(List.of("OPEN", "APPROVE", "WITHDRAW")))
                .body("transitions.to", equalTo(List.of("PENDING_REVIEW", "AWAITING_RETURN", "CANCELLED")))
                .body("transitions[1].actor", equalTo("merchant:" + shop.merchantId()));

        // The line is free again: a new case, rejected with the merchant's reason.
        String second = AfterSales.open(buyer, AfterSales.request(merchantOrder, "EXCHANGE", Map.of(line, 2)))
                .then().statusCode(201).extract().path("id");
        AfterSales.reject(shop.merchantId(), second, Map.of()).then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        AfterSales.reject(shop.merchantId(), second, Map.of("reason", "   ")).then().statusCode(400);
        AfterSales.reject(shop.merchantId(), second, Map.of("reason", "Worn, not returnable")).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("decisionReason", equalTo("Worn, not returnable"));
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_RECEIPT");

        AfterSales.open(buyer, AfterSales.request(merchantOrder, "RETURN_REFUND", Map.of(line, 3)))
                .then().statusCode(422).body("code", equalTo("quantity-not-available")).body("available", equalTo(2));
        assertThat(cases(merchantOrder)).isEqualTo(2);
        AfterSales.buyerGet(buyer, "").then().statusCode(200).body("items.id", equalTo(List.of(second, caseId)));
        AfterSales.buyerGet(buyer, "?status=CANCELLED").then().statusCode(200).body("items.id",
                equalTo(List.of(caseId)));
    }

    @Test
    void anotherBuyersOrMerchantsCaseIsNotFound() {
        String buyer = "as-owner-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, Map.of(shop.skuId(), 1));
        UUID merchantOrder = order.merchantOrderOf(shop);
        UUID line = lineOf(merchantOrder);
        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "AS-0003").then().statusCode(201);
        String stranger = "as-stranger-" + UUID.randomUUID();
        UUID otherMerchant = lifecycle.shop("After-sale other").merchantId();

        AfterSales.open(stranger, AfterSales.request(merchantOrder, "RETURN_REFUND", Map.of(line, 1)))
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("merchant-order-not-found"));
        assertThat(cases(merchantOrder)).isZero();
        String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "RETURN_REFUND", Map.of(line, 1)))
                .then().statusCode(201).extract().path("id");

        AfterSales.buyerGet(stranger, "/{id}", caseId).then().statusCode(404)
                .body("code", equalTo("after-sale-case-not-found"));
        AfterSales.buyerGet(stranger, "/{id}/history", caseId).then().statusCode(404);
        AfterSales.buyerPost(stranger, "/{id}/withdrawal", caseId).then().statusCode(404);
        AfterSales.buyerGet(stranger, "").then().statusCode(200).body("items", equalTo(List.of()));
        AfterSales.merchantGet(otherMerchant, "/{id}", caseId).then().statusCode(404);
        AfterSales.merchantGet(otherMerchant, "/{id}/history", caseId).then().statusCode(404);
        AfterSales.approve(otherMerchant, caseId).then().statusCode(404);
        AfterSales.reject(otherMerchant, caseId, Map.of("reason", "not mine")).then().statusCode(404);
        AfterSales.merchantGet(otherMerchant, "").then().statusCode(200).body("items", equalTo(List.of()))
                .body("countsByStatus.PENDING_REVIEW", equalTo(0));
        AfterSales.buyerGet(buyer, "/{id}", UUID.randomUUID()).then().statusCode(404);
        AfterSales.buyerGet(buyer, "/not-a-uuid").then().statusCode(404);
        AfterSales.approve(shop.merchantId(), "not-a-uuid").then().statusCode(404);
        // Wrong role or no token.
        given().header("Authorization", Tokens.bearer(Tokens.merchant(shop.merchantId()))).get(AfterSales.BUYER_PATH)
                .then().statusCode(403);
        given().get(AfterSales.MERCHANT_PATH).then().statusCode(401);
        given().header("Authorization", "Bearer forged.token.value").get(AfterSales.BUYER_PATH).then().statusCode(401);
        AfterSales.buyerGet(buyer, "/{id}", caseId).then().statusCode(200).body("status", equalTo("PENDING_REVIEW"));
        assertThat(events(UUID.fromString(caseId))).containsExactly("OPEN");
    }

    @Test
    void aReturnedParcelIsRefundedAndRestockedThroughTheLogisticsEntryPoint() {
        String buyer = "as-parcel-" + UUID.randomUUID();
        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, Map.of(shop.skuId(), 2));
        UUID merchantOrder = order.merchantOrderOf(shop);
        UUID line = lineOf(merchantOrder);
        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "AS-0004").then().statusCode(201);
        Eventually.await(WAIT, () -> assertThat(stock()).containsEntry("sold", 2L));
        Map<String, Long> before = stock();

        CaseView parcel = service.refundReturnedParcel(merchantOrder, List.of(), "refused at the door")
                .await().atMost(WAIT);
        assertThat(parcel.type()).isEqualTo(AfterSaleType.RETURN_REFUND);
        assertThat(parcel.status()).isEqualTo(AfterSaleStatus.PENDING_REFUND);
        assertThat(parcel.lines()).extracting(CaseView.LineView::quantity).containsExactly(2);
        assertThat(parcel.goodsRefund()).isEqualTo(linePayable(line));
        assertThat(parcel.shippingRefund()).isZero();
        assertThat(events(parcel.id())).containsExactly("OPEN", "AUTO_APPROVE", "RECEIVE_RETURN", "START_REFUND");
        assertThat(stock()).containsEntry("sold", before.get("sold") - 2)
                .containsEntry("available", before.get("available") + 2);
        Reconciliation.assertNoDrift(shop.skuId());
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AFTER_SALE");

        // Nothing is left to claim.
        AfterSales.open(buyer, AfterSales.request(merchantOrder, "REFUND_ONLY", Map.of(line, 1)))
                .then().statusCode(409).body("code", equalTo("line-has-open-case"));
    }
}
