package io.flashorder.feedback;

import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.PlacedOrder;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Parallel;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Rating a completed merchant order once, the merchant's reply, the window, tenancy and the rollups. */
@QuarkusTest
class FeedbackTest {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    FeedbackConfig config;

    @TestHTTPResource("/")
    URI base;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRatingIsStoredMaskedCountedInTheRollupsAndAnsweredOnceByTheMerchant() {
        Shop shop = lifecycle.shop("Feedback rating");
        String buyer = "fb-buyer-" + UUID.randomUUID();
        PlacedOrder order = Feedbacks.completed(lifecycle, buyer, shop);
        UUID merchantOrder = order.merchantOrderOf(shop);

        String id = Feedbacks.rate(buyer, order.orderId(), merchantOrder, Feedbacks.rating(5, 4, 3,
                        List.of("FAST_DELIVERY", "GOOD_QUALITY"), "  Great! Call 13812345678 or mail ann@example.com "))
                .then().statusCode(201)
                .header("Location", endsWith("/merchant-orders/" + merchantOrder + "/feedback"))
                .body("goods", equalTo(5)).body("service", equalTo(4)).body("delivery", equalTo(3))
                .body("comment", equalTo("Great! Call *******5678 or mail a***@example.com"))
                .body("merchantId", equalTo(shop.merchantId().toString()))
                .body("skuIds[0]", equalTo(shop.skuId().toString()))
                .extract().path("id");
        // Stored masked: the raw number and address are nowhere in the database.
        assertThat(database.string("SELECT comment FROM merchant_order_feedback WHERE id = $1::uuid", id))
                .doesNotContain("13812345678").doesNotContain("ann@");

        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer)))
                .get(Feedbacks.BUYER_PATH, order.orderId(), merchantOrder)
                .then().statusCode(200).body("id", equalTo(id)).body("reply", nullValue());

        JsonPath summary = Feedbacks.merchantGet(shop.merchantId(), "/summary").then().statusCode(200)
                .extract().jsonPath();
        assertThat(summary.getLong("ratings")).isEqualTo(1);
        assertThat(summary.getObject("goods.average", BigDecimal.class)).isEqualByComparingTo("5");
        assertThat(summary.getInt("service.distribution.4")).isEqualTo(1);
        assertThat(summary.getInt("delivery.distribution.3")).isEqualTo(1);
        assertThat(summary.getInt("tags.FAST_DELIVERY")).isEqualTo(1);
        assertThat(summary.getInt("tags.SLOW_DELIVERY")).isZero();
        Feedbacks.merchantGet(shop.merchantId(), "/skus/{sku}/summary", shop.skuId()).then().statusCode(200)
                .body("skuId", equalTo(shop.skuId().toString())).body("ratings", equalTo(1));
        given().header("Authorization", Tokens.bearer(Tokens.customer("shopper-" + UUID.randomUUID())))
                .get("/api/v1/skus/{sku}/feedback-summary", shop.skuId())
                .then().statusCode(200).body("ratings", equalTo(1)).body("goods.distribution.5", equalTo(1));

        Feedbacks.merchantGet(shop.merchantId(), "").then().statusCode(200).body("items.id", equalTo(List.of(id)));
        Feedbacks.reply(shop.merchantId(), id, Map.of("text", "Thank you! Reach us at 0211234567"))
                .then().statusCode(200).body("reply", equalTo("Thank you! Reach us at ******4567"));
        Feedbacks.reply(shop.merchantId(), id, Map.of("text", "Again")).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("reply-already-given"));
        assertThat(database.string("SELECT reply FROM merchant_order_feedback WHERE id = $1::uuid", id))
                .endsWith("4567").doesNotContain("Again");
    }

    @Test
    void concurrentSubmitsOfOneMerchantOrderStoreOneRatingAndCountItOnce() {
        Shop shop = lifecycle.shop("Feedback race");
        String buyer = "fb-race-" + UUID.randomUUID();
        PlacedOrder order = Feedbacks.completed(lifecycle, buyer, shop);
        UUID merchantOrder = order.merchantOrderOf(shop);
        URI uri = base.resolve("/api/v1/orders/" + order.orderId() + "/merchant-orders/" + merchantOrder
                + "/feedback");
        String token = Tokens.customer(buyer);

        List<HttpResponse<String>> answers = Parallel.post(uri, 100, 50, i -> new Parallel.Call(token,
                UUID.randomUUID().toString(),
                new JsonObject(Feedbacks.rating(1 + i % 5, 3, 3, List.of(), "try " + i)).encode()));

        Parallel.assertOneCreatedOthersConflict(answers, "feedback-already-given");
        assertThat(database.count("SELECT count(*) FROM merchant_order_feedback WHERE merchant_order_id = $1",
                merchantOrder)).isEqualTo(1);
        assertThat(database.count("SELECT sum(ratings) FROM feedback_star_rollup WHERE merchant_id = $1 "
                + "AND sku_id = $2 AND dimension = 'GOODS'", shop.merchantId(), shop.skuId())).isEqualTo(1);
        assertThat(database.count("SELECT sum(ratings) FROM feedback_star_rollup WHERE merchant_id = $1 "
                + "AND dimension = 'SERVICE'", shop.merchantId())).isEqualTo(2); // merchant scope + SKU scope
    }

    @Test
    void ratingsOfOneMerchantInParallelAreAllCounted() {
        Shop shop = lifecycle.shop("Feedback rollup race");
        int orders = 8;
        List<Map.Entry<String, PlacedOrder>> rated = new java.util.ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String buyer = "fb-many-" + UUID.randomUUID();
            rated.add(Map.entry(buyer, Feedbacks.completed(lifecycle, buyer, shop)));
        }
        rated.parallelStream().forEach(entry -> Feedbacks.rate(entry.getKey(), entry.getValue().orderId(),
                entry.getValue().merchantOrderOf(shop), Feedbacks.rating(4, 5, 2, List.of("GOOD_VALUE"), null))
                .then().statusCode(201));

        JsonPath summary = Feedbacks.merchantGet(shop.merchantId(), "/summary").then().statusCode(200)
                .extract().jsonPath();
        assertThat(summary.getLong("ratings")).isEqualTo(orders);
        assertThat(summary.getInt("goods.distribution.4")).isEqualTo(orders);
        assertThat(summary.getObject("delivery.average", BigDecimal.class)).isEqualByComparingTo("2");
        assertThat(summary.getInt("tags.GOOD_VALUE")).isEqualTo(orders);
    }

    @Test
    void aMerchantOrderCanBeRatedOnlyOnceCompletedAndWithinTheWindow() {
        Shop shop = lifecycle.shop("Feedback window");
        String buyer = "fb-window-" + UUID.randomUUID();
        PlacedOrder paid = lifecycle.paid(buyer, shop);
        Feedbacks.rate(buyer, paid.orderId(), paid.merchantOrderOf(shop), Feedbacks.rating(5, 5, 5, List.of(), null))
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("feedback-not-open"));

        PlacedOrder early = Feedbacks.completed(lifecycle, buyer, shop);
        PlacedOrder late = Feedbacks.completed(lifecycle, buyer, shop);
        clock.advance(config.window().minusMinutes(1));
        Feedbacks.rate(buyer, early.orderId(), early.merchantOrderOf(shop),
                Feedbacks.rating(5, 5, 5, List.of(), null)).then().statusCode(201);
        clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        Feedbacks.rate(buyer, late.orderId(), late.merchantOrderOf(shop),
                Feedbacks.rating(5, 5, 5, List.of(), null))
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("feedback-window-closed"));

        assertThat(database.count("SELECT count(*) FROM merchant_order_feedback WHERE merchant_id = $1",
                shop.merchantId())).isEqualTo(1);
    }

    @Test
    void nobodyRatesOrReadsOrRepliesAcrossBuyersOrMerchants() {
        Shop shop = lifecycle.shop("Feedback tenancy");
        Shop other = lifecycle.shop("Feedback other shop");
        String buyer = "fb-owner-" + UUID.randomUUID();
        PlacedOrder order = Feedbacks.completed(lifecycle, buyer, shop);
        UUID merchantOrder = order.merchantOrderOf(shop);
        String intruder = "fb-intruder-" + UUID.randomUUID();

        Feedbacks.rate(intruder, order.orderId(), merchantOrder, Feedbacks.rating(1, 1, 1, List.of(), "bad"))
                .then().statusCode(404).contentType("application/problem+json");
        // A merchant order of another order of the same buyer is not this order's.
        PlacedOrder second = Feedbacks.completed(lifecycle, buyer, other);
        Feedbacks.rate(buyer, order.orderId(), second.merchantOrderOf(other), Feedbacks.rating(1, 1, 1, List.of(),
                null)).then().statusCode(404).contentType("application/problem+json");
        assertThat(database.count("SELECT count(*) FROM merchant_order_feedback WHERE buyer_id IN ($1, $2)",
                buyer, intruder)).isZero();

        String id = Feedbacks.rate(buyer, order.orderId(), merchantOrder, Feedbacks.rating(2, 2, 2, List.of(), null))
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", Tokens.bearer(Tokens.customer(intruder)))
                .get(Feedbacks.BUYER_PATH, order.orderId(), merchantOrder).then().statusCode(404);
        Feedbacks.merchantGet(other.merchantId(), "/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");
        Feedbacks.reply(other.merchantId(), id, Map.of("text", "Not mine")).then().statusCode(404)
                .contentType("application/problem+json");
        Feedbacks.merchantGet(other.merchantId(), "/skus/{sku}/summary", shop.skuId()).then().statusCode(404);
        Feedbacks.merchantGet(other.merchantId(), "").then().statusCode(200).body("items", equalTo(List.of()));
        Feedbacks.merchantGet(other.merchantId(), "/summary").then().statusCode(200).body("ratings", equalTo(0));
        assertThat(database.string("SELECT reply FROM merchant_order_feedback WHERE id = $1::uuid", id)).isNull();
    }
}
