package io.flashorder.order.query;

import io.flashorder.order.OrderStatus;
import io.flashorder.security.PiiCipher;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.OrderStreamFeeder;
import io.flashorder.support.PlacedOrders;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** GET /api/v1/orders/{id}: the buyer's own order, from its hold at once and from PostgreSQL once written. */
@QuarkusTest
class OrderResourceTest {

    @Inject
    OrderStreamFeeder stream;
    @Inject
    Database database;
    @Inject
    PiiCipher pii;
    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void resetBreakers() {
        breakers.resetAll();
    }

    @Test
    void anOrderIsReadFromItsHoldBeforeTheWriterHasItAndFromPostgresAfter() {
        String buyer = "reader-" + UUID.randomUUID();
        PlacedOrders.Sample sample = PlacedOrders.sample(pii, buyer, 2, 2);
        UUID id = sample.order().id();
        // Only the hold: the reservation happened, the stream entry is not written yet.
        stream.hold(sample, OrderStatus.PENDING_PAYMENT);

        JsonPath fromHold = get(buyer, id).then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("status", equalTo("PENDING_PAYMENT"))
                .body("payable", equalTo((int) sample.order().payable()))
                .body("address.recipient", equalTo(PlacedOrders.RECIPIENT))
                .body("address.phone", equalTo(PlacedOrders.PHONE))
                .body("merchantOrders.size()", equalTo(2))
                .body("merchantOrders[0].lines[0].warehouses.quantity", org.hamcrest.Matchers.contains(2, 1))
                .extract().jsonPath();
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1", id)).isZero();

        stream.add(sample);
        Eventually.await(Duration.ofSeconds(30), () ->
                assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1", id)).isEqualTo(1));
        stream.deleteHold(sample); // from now on only PostgreSQL has it

        JsonPath fromPostgres = get(buyer, id).then().statusCode(200).extract().jsonPath();
        Map<String, Object> expected = fromHold.getMap("");
        assertThat(fromPostgres.getMap("")).isEqualTo(expected);
    }

    @Test
    void anOrderIsReadFromTheStreamEntryItsHoldNamesUntilTheWriterHasIt() {
        String buyer = "entry-" + UUID.randomUUID();
        PlacedOrders.Sample sample = PlacedOrders.sample(pii, buyer, 2, 2);
        UUID id = sample.order().id();
        // Read by a consumer that died: the writer leaves the entry alone for now, so only Redis has the order.
        String entry = stream.addReadByDeadConsumer(List.of(sample), "dead-" + UUID.randomUUID()).get(0).id();
        stream.holdNaming(entry, sample, OrderStatus.PENDING_PAYMENT);

        get(buyer, id).then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("status", equalTo("PENDING_PAYMENT"))
                .body("payable", equalTo((int) sample.order().payable()))
                .body("address.recipient", equalTo(PlacedOrders.RECIPIENT))
                .body("merchantOrders[0].lines[0].warehouses.quantity", org.hamcrest.Matchers.contains(2, 1));
        assertOrderNotFound("intruder-" + UUID.randomUUID(), id.toString());
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1", id)).isZero();

        // The entry gone and PostgreSQL without the order (set aside): the hold alone is no order.
        stream.deleteEntry(entry);
        assertOrderNotFound(buyer, id.toString());
    }

    @Test
    void theHoldStatusIsTheOrdersStatusUntilPostgresHasIt() {
        String buyer = "paid-" + UUID.randomUUID();
        PlacedOrders.Sample sample = PlacedOrders.sample(pii, buyer, 1, 1);
        stream.hold(sample, OrderStatus.AWAITING_SHIPMENT);
        get(buyer, sample.order().id()).then().statusCode(200)
                .body("status", equalTo("AWAITING_SHIPMENT"))
                .body("merchantOrders[0].status", equalTo("AWAITING_SHIPMENT"));
    }

    @Test
    void anotherCustomersOrderIsNotFoundWhereverItIs() {
        String owner = "owner-" + UUID.randomUUID();
        PlacedOrders.Sample sample = PlacedOrders.sample(pii, owner, 1, 1);
        UUID id = sample.order().id();
        stream.hold(sample, OrderStatus.PENDING_PAYMENT);
        assertOrderNotFound("intruder-" + UUID.randomUUID(), id.toString());

        stream.add(sample);
        Eventually.await(Duration.ofSeconds(30), () ->
                assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1", id)).isEqualTo(1));
        assertOrderNotFound("intruder-" + UUID.randomUUID(), id.toString());
        get(owner, id).then().statusCode(200);
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        assertOrderNotFound("someone-" + UUID.randomUUID(), UUID.randomUUID().toString());
        // A malformed id names nothing: the 404 of any malformed path id (PathIdTest).
        given().header("Authorization", Tokens.bearer(Tokens.customer("someone-" + UUID.randomUUID())))
                .get("/api/v1/orders/{id}", "not-a-uuid").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("resource-not-found"));
    }

    @Test
    void aTokenOfACustomerIsRequired() {
        given().get("/api/v1/orders/{id}", UUID.randomUUID()).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthenticated"));
        given().header("Authorization", Tokens.bearer(Tokens.merchant(UUID.randomUUID())))
                .get("/api/v1/orders/{id}", UUID.randomUUID()).then().statusCode(403);
    }

    private static void assertOrderNotFound(String buyer, String id) {
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer)))
                .get("/api/v1/orders/{id}", id).then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("order-not-found"))
                .body("type", equalTo("https://flashorder.io/problems/order-not-found"));
    }

    private static io.restassured.response.Response get(String buyer, UUID id) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).get("/api/v1/orders/{id}", id);
    }
}
