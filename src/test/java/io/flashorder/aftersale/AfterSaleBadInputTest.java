package io.flashorder.aftersale;

import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Every field of a case request refused clearly (4xx problem+json naming it), and nothing written. */
@QuarkusTest
class AfterSaleBadInputTest {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;

    private String buyer;
    private UUID merchantOrder;
    private UUID line;
    private Shop shop;

    @BeforeEach
    void shippedOrder() {
        shop = lifecycle.shop("After-sale input");
        buyer = "as-input-" + UUID.randomUUID();
        merchantOrder = lifecycle.paid(buyer, Map.of(shop.skuId(), 2)).merchantOrderOf(shop);
        line = UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrder));
        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "AS-INPUT").then().statusCode(201);
    }

    private Map<String, Object> valid() {
        return AfterSales.request(merchantOrder, "RETURN_REFUND", Map.of(line, 1));
    }

    private Map<String, Object> with(Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new HashMap<>(valid());
        change.accept(body);
        return body;
    }

    private void refused(Object body, int status, String field) {
        var answer = AfterSales.open(buyer, body).then().statusCode(status).contentType("application/problem+json");
        if (field != null) {
            answer.body("errors.field", hasItem(field));
        }
        assertThat(database.count("SELECT count(*) FROM after_sale_case WHERE merchant_order_id = $1", merchantOrder))
                .isZero();
    }

    @Test
    void eachBadFieldIsA400NamingItAndNothingIsWritten() {
        refused(with(b -> b.remove("merchantOrderId")), 400, "merchantOrderId");
        refused(with(b -> b.remove("type")), 400, "type");
        refused(with(b -> b.put("type", "REFUND_TWICE")), 400, "type");
        refused(with(b -> b.remove("reasonCode")), 400, "reasonCode");
        refused(with(b -> b.put("reasonCode", "BORED")), 400, "reasonCode");
        refused(with(b -> b.remove("description")), 400, "description");
        refused(with(b -> b.put("description", "x".repeat(501))), 400, "description");
        refused(with(b -> b.put("evidenceUrls", Collections.nCopies(10, "https://img.example.com/a.jpg"))), 400,
                "evidenceUrls");
        refused(with(b -> b.put("evidenceUrls", List.of("http://img.example.com/a.jpg"))), 400, "evidenceUrls[0]");
        refused(with(b -> b.put("evidenceUrls", List.of("https://img.example.com/a.jpg", "javascript:alert(1)//x"))),
                400, "evidenceUrls[1]");
        refused(with(b -> b.put("evidenceUrls", List.of("https://user:pw@img.example.com/a.jpg"))), 400,
                "evidenceUrls[0]");
        refused(with(b -> b.put("evidenceUrls", List.of("https://img.example.com/" + "a".repeat(2100)))), 400, null);
        refused(with(b -> b.remove("lines")), 400, "lines");
        refused(with(b -> b.put("lines", List.of())), 400, "lines");
        refused(with(b -> b.put("lines", List.of(Map.of("lineId", line, "quantity", 0)))), 400, null);
        refused(with(b -> b.put("lines", List.of(Map.of("lineId", line, "quantity", -1)))), 400, null);
        refused(with(b -> b.put("lines", List.of(Map.of("quantity", 1)))), 400, null);
        refused(with(b -> b.put("lines", List.of(Map.of("lineId", line, "quantity", 1),
                Map.of("lineId", line, "quantity", 1)))), 400, "lines[1].lineId");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(Map.of("lineId", UUID.randomUUID(), "quantity", 1));
        }
        refused(with(b -> b.put("lines", many)), 400, "lines");
        refused("{\"merchantOrderId\":", 400, null);
        refused("{\"lines\":[{\"lineId\":\"" + line + "\",\"quantity\":1.5}]}", 400, null);
        refused(with(b -> b.put("description", "bad\u0000text")), 400, "description");
    }

    @Test
    void unknownLinesAndMerchantOrdersAreRefusedWithTheirOwnProblem() {
        AfterSales.open(buyer, with(b -> b.put("lines", List.of(Map.of("lineId", UUID.randomUUID(), "quantity", 1)))))
                .then().statusCode(422).body("code", equalTo("unknown-line"));
        AfterSales.open(buyer, with(b -> b.put("merchantOrderId", UUID.randomUUID())))
                .then().statusCode(404).body("code", equalTo("merchant-order-not-found"));
        AfterSales.open(buyer, with(b -> b.put("lines", List.of(Map.of("lineId", line, "quantity", 3)))))
                .then().statusCode(422).body("code", equalTo("quantity-not-available"));
        assertThat(database.count("SELECT count(*) FROM after_sale_case WHERE merchant_order_id = $1", merchantOrder))
                .isZero();
    }

    @Test
    void listsRefuseABadStatusLimitOrCursor() {
        AfterSales.buyerGet(buyer, "?status=SOMETHING").then().statusCode(400).body("errors[0].field",
                equalTo("status"));
        AfterSales.buyerGet(buyer, "?limit=0").then().statusCode(400);
        AfterSales.buyerGet(buyer, "?limit=abc").then().statusCode(400);
        AfterSales.buyerGet(buyer, "?cursor=nonsense").then().statusCode(400).body("code", equalTo("invalid-cursor"));
        AfterSales.merchantGet(shop.merchantId(), "?status=nope").then().statusCode(400);
    }

    @Test
    void aRejectionNeedsAReasonOfAtMost500Characters() {
        String caseId = AfterSales.open(buyer, valid()).then().statusCode(201).extract().path("id");
        AfterSales.reject(shop.merchantId(), caseId, Map.of("reason", "x".repeat(501))).then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        given().header("Authorization", Tokens.bearer(Tokens.merchant(shop.merchantId())))
                .contentType(ContentType.JSON).body("{\"reason\":")
                .post(AfterSales.MERCHANT_PATH + "/{id}/rejection", caseId).then().statusCode(400);
        AfterSales.buyerGet(buyer, "/{id}", caseId).then().statusCode(200).body("status", equalTo("PENDING_REVIEW"))
                .body("version", equalTo(0));
    }
}
