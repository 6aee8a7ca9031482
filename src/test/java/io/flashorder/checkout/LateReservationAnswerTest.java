package io.flashorder.checkout;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Orders;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A reservation whose answer comes after checkout stopped waiting: when the script ran, the buyer gets the order it
 * placed (not a 503 with its stock held for nobody); when it did not, a 503 and nothing held.
 */
@QuarkusTest
@TestProfile(LateAnswers.Profile.class)
class LateReservationAnswerTest {

    @Inject
    RedisDataSource redis;

    private UUID sku;

    @BeforeEach
    void setUp() {
        UUID merchant = Catalog.merchant("Late answers " + UUID.randomUUID());
        UUID warehouse = Catalog.warehouse(merchant, "NORTH");
        sku = Catalog.sku(merchant, "Lamp", 4_900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, warehouse, 10);
    }

    @AfterEach
    void reset() {
        LateAnswers.answer(LateAnswers.Mode.IN_TIME);
    }

    private Map<String, String> stock() {
        return redis.hash(String.class).hgetall(InventoryKeys.sku(sku));
    }

    @Test
    void whenTheScriptRanTheBuyerGetsTheOrderItPlaced() {
        LateAnswers.answer(LateAnswers.Mode.LATE_AFTER_THE_SCRIPT);
        String buyer = "buyer-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String id = Orders.place(buyer, key, Orders.body(Map.of(sku, 2))).then().statusCode(201)
                .body("status", equalTo("PENDING_PAYMENT")).extract().path("id");
        assertThat(stock()).containsEntry("available", "8").containsEntry("held", "2");
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).get("/api/v1/orders/{id}", id)
                .then().statusCode(200).body("id", equalTo(id));
        // The retry the buyer would send finds the same order; nothing more is held.
        Orders.place(buyer, key, Orders.body(Map.of(sku, 2))).then().statusCode(201).body("id", equalTo(id));
        assertThat(stock()).containsEntry("available", "8").containsEntry("held", "2");
    }

    @Test
    void whenTheScriptDidNotRunItIsA503AndNothingIsHeld() {
        LateAnswers.answer(LateAnswers.Mode.LATE_WITHOUT_THE_SCRIPT);
        Orders.place("buyer-" + UUID.randomUUID(), Orders.body(Map.of(sku, 2)))
                .then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("stock-unavailable"));
        assertThat(stock()).containsEntry("available", "10");
        assertThat(stock().getOrDefault("held", "0")).isEqualTo("0");
    }
}
