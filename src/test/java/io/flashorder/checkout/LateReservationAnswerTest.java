package io.flashorder.checkout;

import io.flashorder.inventory.InventoryConfig;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.Reservation;
import io.flashorder.inventory.ReservationOutcome;
import io.flashorder.inventory.ReservationService;
import io.flashorder.inventory.SoldOutCache;
import io.flashorder.inventory.StockTrust;
import io.flashorder.platform.redis.CoalescedGets;
import io.flashorder.platform.redis.RedisScripts;
import io.flashorder.risk.RiskConfig;
import io.flashorder.support.Catalog;
import io.flashorder.support.Orders;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A reservation whose answer comes after checkout stopped waiting: when the script ran, the buyer gets the order it
 * placed (not a 503 with its stock held for nobody); when it did not, a 503 and nothing held.
 */
@QuarkusTest
@TestProfile(LateReservationAnswerTest.LateAnswers.class)
class LateReservationAnswerTest {

    public static class LateAnswers implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(AnsweringLate.class);
        }
    }

    /** The real reservation service, but the caller always sees a timeout: after the script ran, or instead of it.
     * A singleton: a normal-scoped subclass would need a no-args constructor its parent does not have. */
    @Alternative
    @Singleton
    public static class AnsweringLate extends ReservationService {

        static volatile boolean scriptRuns;

        public AnsweringLate(RedisScripts scripts, SoldOutCache soldOut, RiskConfig risk, MeterRegistry meters,
                             Clock clock, InventoryConfig inventory, Vertx vertx, StockTrust trust,
                             CoalescedGets gets) {
            super(scripts, soldOut, risk, meters, clock, inventory, vertx, trust, gets);
        }

        @Override
        public Uni<ReservationOutcome> reserve(Reservation reservation) {
            Uni<ReservationOutcome> reserved = scriptRuns ? super.reserve(reservation)
                    : Uni.createFrom().item(new ReservationOutcome.KeyReused());
            return reserved.onItem().failWith(() -> new TimeoutException("answered too late"));
        }
    }

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
        AnsweringLate.scriptRuns = false;
    }

    private Map<String, String> stock() {
        return redis.hash(String.class).hgetall(InventoryKeys.sku(sku));
    }

    @Test
    void whenTheScriptRanTheBuyerGetsTheOrderItPlaced() {
        AnsweringLate.scriptRuns = true;
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
        Orders.place("buyer-" + UUID.randomUUID(), Orders.body(Map.of(sku, 2)))
                .then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("stock-unavailable"));
        assertThat(stock()).containsEntry("available", "10");
        assertThat(stock().getOrDefault("held", "0")).isEqualTo("0");
    }
}
