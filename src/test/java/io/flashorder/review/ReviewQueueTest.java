package io.flashorder.review;

import io.flashorder.aftersale.Reconciliation;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.logistics.warehouse.Parcels;
import io.flashorder.risk.Fingerprints;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.TestClock;
import io.flashorder.support.TestProfiles;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Paid orders whose risk score reaches the threshold are held: shipping them is refused until an operator approves;
 * a rejection refunds and releases the stock through after-sales; a review that waits too long is approved. Here the
 * threshold is the shared-address weight, so the third buyer shipping to one address within the window is held.
 */
@QuarkusTest
@TestProfile(TestProfiles.ReviewOn.class)
class ReviewQueueTest {

    private static final String REVIEWS = "/api/v1/admin/reviews";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    RedisDataSource redis;
    @Inject
    TestClock clock;
    @Inject
    ReviewService reviews;
    @Inject
    RiskCounters counters;

    @Test
    void aHeldOrderCannotShipUntilApprovedAndTheDecisionsAreInItsHistory() {
        Shop shop = lifecycle.shop("review-approve");
        Lifecycle.PlacedOrder held = thirdBuyerOnOneAddress(shop);
        UUID merchantOrder = held.merchantOrderOf(shop);

        as(Tokens.admin()).get(REVIEWS + "/{id}", held.orderId()).then().statusCode(200)
                .body("status", equalTo("UNDER_REVIEW")).body("score", equalTo(40))
                .body("reasons[0].rule", equalTo("SHARED_ADDRESS")).body("buyerId", equalTo(held.buyerId()));
        List<String> queue = as(Tokens.admin()).get(REVIEWS + "?limit=100").then().statusCode(200)
                .extract().jsonPath().getList("items.orderId");
        assertThat(queue).contains(held.orderId().toString());

        problem(Lifecycle.ship(shop.merchantId(), merchantOrder, "SF Express", "SF0000000001"), 409)
                .body("code", equalTo("order-under-review"));
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_SHIPMENT");
        // Nor does the warehouse start on it: no pick wave takes its parcel.
        Map<String, Object> parcel = Parcels.ofMerchantOrder(shop.merchantId(), merchantOrder).getFirst();
        UUID parcelId = UUID.fromString((String) parcel.get("id"));
        UUID warehouseId = UUID.fromString((String) parcel.get("warehouseId"));
        problem(Parcels.wave(shop.merchantId(), warehouseId, List.of(parcelId)), 409)
                .body("code", equalTo("order-under-review"))
                .body("merchantOrderId", equalTo(merchantOrder.toString()));
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", parcelId)).isEqualTo("AWAITING_PICK");

        as(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", "address checked by phone"))
                .post(REVIEWS + "/{id}/approval", held.orderId()).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("decidedBy", equalTo("admin:test-admin"));
        problem(as(Tokens.admin()).contentType(ContentType.JSON).body("{}")
                .post(REVIEWS + "/{id}/rejection", held.orderId()), 400);
        problem(as(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", "too late"))
                .post(REVIEWS + "/{id}/rejection", held.orderId()), 409).body("code", equalTo("review-decided"));
        problem(as(Tokens.admin()).post(REVIEWS + "/{id}/approval", held.orderId()), 409);

        Parcels.wave(shop.merchantId(), warehouseId, List.of(parcelId)).then().statusCode(201);
        Lifecycle.ship(shop.merchantId(), merchantOrder, "SF Express", "SF0000000001").then().statusCode(201);
        List<Map<String, Object>> history = as(Tokens.customer(held.buyerId()))
                .get("/api/v1/orders/{id}/history", held.orderId()).then().statusCode(200)
                .extract().jsonPath().getList("transitions");
        assertThat(history).anySatisfy(t -> {
            assertThat(t.get("actor")).isEqualTo("system:review");
            assertThat(t.get("reason")).isEqualTo("held for risk review: score 40 (SHARED_ADDRESS +40)");
        }).anySatisfy(t -> {
            assertThat(t.get("actor")).isEqualTo("admin:test-admin");
            assertThat(t.get("reason")).isEqualTo("risk review approved: address checked by phone");
        });
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("flashorder_review_score_count(\\{[^}]*})? [1-9]")
                .containsPattern("flashorder_review_rules_fired_total\\{[^}]*rule=\"SHARED_ADDRESS\"[^}]*} [1-9]")
                .containsPattern("flashorder_review_decisions_total\\{[^}]*verdict=\"APPROVED\"[^}]*} [1-9]");
    }

    @Test
    void aRejectionRefundsAndReleasesTheStockThroughAfterSales() {
        Shop shop = lifecycle.shop("review-reject");
        Lifecycle.PlacedOrder held = thirdBuyerOnOneAddress(shop);
        UUID merchantOrder = held.merchantOrderOf(shop);
        Eventually.await(WAIT, () -> assertThat(stock(shop)).containsEntry("sold", 3L));
        Map<String, Long> before = stock(shop);

        as(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", "reseller ring"))
                .post(REVIEWS + "/{id}/rejection", held.orderId()).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("decisionReason", equalTo("reseller ring"));

        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AFTER_SALE");
        assertThat(database.count("""
                SELECT count(*) FROM after_sale_refund r JOIN after_sale_case c ON c.id = r.case_id
                WHERE c.merchant_order_id = $1 AND c.type = 'REFUND_ONLY'""", merchantOrder)).isEqualTo(1);
        Eventually.await(WAIT, () -> assertThat(stock(shop)).containsEntry("sold", before.get("sold") - 1)
                .containsEntry("available", before.get("available") + 1));
        Reconciliation.assertNoDrift(shop.skuId());
        // Under after-sales now: refused by the order's state machine before the review hold is asked.
        problem(Lifecycle.ship(shop.merchantId(), merchantOrder, "SF Express", "SF0000000002"), 409);

        // Driving the rejection again refunds nothing twice.
        as(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", "reseller ring"))
                .post(REVIEWS + "/{id}/rejection", held.orderId()).then().statusCode(200);
        assertThat(database.count("SELECT count(*) FROM after_sale_case WHERE merchant_order_id = $1", merchantOrder))
                .isEqualTo(1);
    }

    @Test
    void aReviewThatWaitsTooLongIsApproved() {
        Shop shop = lifecycle.shop("review-timeout");
        Lifecycle.PlacedOrder held = thirdBuyerOnOneAddress(shop);
        try {
            clock.advance(Duration.ofHours(23));
            reviews.approveOverdue().await().atMost(WAIT);
            as(Tokens.admin()).get(REVIEWS + "/{id}", held.orderId()).then().body("status", equalTo("UNDER_REVIEW"));
            clock.advance(Duration.ofHours(1).plusSeconds(1));
            assertThat(reviews.approveOverdue().await().atMost(WAIT)).isPositive();
        } finally {
            clock.reset();
        }
        as(Tokens.admin()).get(REVIEWS + "/{id}", held.orderId()).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("decidedBy", equalTo("system:review-timeout"));
        Lifecycle.ship(shop.merchantId(), held.merchantOrderOf(shop), "SF Express", "SF0000000003")
                .then().statusCode(201);
    }

    @Test
    void theAddressCounterKeepsItsWindowAndExpires() {
        String fingerprint = "test-" + UUID.randomUUID();
        Duration window = Duration.ofMinutes(10);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(count(fingerprint, "a", start, window)).isEqualTo(1);
        assertThat(count(fingerprint, "a", start.plusSeconds(1), window)).isEqualTo(1); // the same buyer again
        assertThat(count(fingerprint, "b", start.plus(window).plusSeconds(1), window)).isEqualTo(2); // a: exactly a window ago
        assertThat(count(fingerprint, "c", start.plus(window).plusSeconds(1).plusMillis(1), window)).isEqualTo(2); // a left
        assertThat(redis.key(String.class).pttl(RiskCounters.addressKey(fingerprint)))
                .isPositive().isLessThanOrEqualTo(window.toMillis());
    }

    @Test
    void threeBuyersOnOneDeviceHoldTheThirdAndOnlyTheDevicesHashIsStored() {
        Shop shop = lifecycle.shop("review-device");
        String device = "ios-" + UUID.randomUUID();
        Lifecycle.PlacedOrder last = null;
        for (int i = 1; i <= 3; i++) {
            String buyer = "review-device-buyer-" + i + "-" + UUID.randomUUID();
            Map<String, Object> body = bodyTo(shop, "Device Street " + UUID.randomUUID(), Orders.address().get("phone"));
            last = lifecycle.pay(lifecycle.placedBy(buyer, Orders.placeFromDevice(buyer, device, body)));
            assertThat(database.count("SELECT count(*) FROM order_review WHERE order_id = $1", last.orderId()))
                    .as("buyer %d held", i).isEqualTo(i == 3 ? 1 : 0);
        }
        as(Tokens.admin()).get(REVIEWS + "/{id}", last.orderId()).then().statusCode(200)
                .body("reasons.rule", contains("SHARED_DEVICE"))
                .body("reasons[0].detail", equalTo("3 buyers used this device within PT24H"));
        String stored = database.string("SELECT device_hash FROM customer_order WHERE id = $1", last.orderId());
        assertThat(stored).isEqualTo(Fingerprints.device(device)).doesNotContain(device).hasSize(64);
        assertThat(redis.key(String.class).pttl(RiskCounters.deviceKey(stored)))
                .isPositive().isLessThanOrEqualTo(Duration.ofHours(24).toMillis());
        // An order placed without the header has no device and does not count on any.
        Lifecycle.PlacedOrder without = lifecycle.placedWith("review-no-device-" + UUID.randomUUID(),
                bodyTo(shop, "Device Street " + UUID.randomUUID(), Orders.address().get("phone")));
        assertThat(database.string("SELECT device_hash FROM customer_order WHERE id = $1", without.orderId())).isNull();
    }

    @Test
    void aPhoneOutsideTheAddressCountryOrItsRegionsNumberSegmentHoldsThePaidOrder() {
        Shop shop = lifecycle.shop("review-phone");
        // London (20) to a NORTH address: the configured country and segment fit.
        Lifecycle.PlacedOrder fits = lifecycle.pay(lifecycle.placedWith("review-phone-" + UUID.randomUUID(),
                bodyTo(shop, "Phone Street " + UUID.randomUUID(), "+44 20 7946 0001")));
        assertThat(database.count("SELECT count(*) FROM order_review WHERE order_id = $1", fits.orderId())).isZero();
        // Manchester (161) is WEST's segment.
        Lifecycle.PlacedOrder segment = lifecycle.pay(lifecycle.placedWith("review-phone-" + UUID.randomUUID(),
                bodyTo(shop, "Phone Street " + UUID.randomUUID(), "+44 161 496 0001")));
        as(Tokens.admin()).get(REVIEWS + "/{id}", segment.orderId()).then().statusCode(200)
                .body("reasons.rule", contains("PHONE_REGION_MISMATCH"))
                .body("reasons[0].detail", equalTo("phone number segment of region WEST, address region NORTH"));
        // A Chinese mobile number for an address in the UK.
        Lifecycle.PlacedOrder country = lifecycle.pay(lifecycle.placedWith("review-phone-" + UUID.randomUUID(),
                bodyTo(shop, "Phone Street " + UUID.randomUUID(), "+86 139 0000 0001")));
        as(Tokens.admin()).get(REVIEWS + "/{id}", country.orderId()).then().statusCode(200)
                .body("reasons.rule", contains("PHONE_REGION_MISMATCH"))
                .body("reasons[0].detail", equalTo("phone outside calling code +44 of address region NORTH"));
    }

    @Test
    void theBuyersCancellationsAreCountedInRedisAndHoldTheOrderFromTheThird() {
        Shop shop = lifecycle.shop("review-cancellations");
        String buyer = "review-canceller-" + UUID.randomUUID();
        Map<String, Object> body = bodyTo(shop, "Cancel Street " + UUID.randomUUID(), Orders.address().get("phone"));
        for (int i = 1; i <= 2; i++) {
            Payments.cancel(buyer, lifecycle.placedWith(buyer, body).orderId().toString()).then().statusCode(200);
        }
        assertThat(cancellations(buyer)).isEqualTo(2);
        Lifecycle.PlacedOrder afterTwo = lifecycle.pay(lifecycle.placedWith(buyer, body));
        assertThat(database.count("SELECT count(*) FROM order_review WHERE order_id = $1", afterTwo.orderId()))
                .isZero();

        Payments.cancel(buyer, lifecycle.placedWith(buyer, body).orderId().toString()).then().statusCode(200);
        assertThat(cancellations(buyer)).isEqualTo(3);
        assertThat(redis.key(String.class).pttl(RiskCounters.cancellationsKey(buyer)))
                .isPositive().isLessThanOrEqualTo(Duration.ofDays(7).toMillis());
        Lifecycle.PlacedOrder afterThree = lifecycle.pay(lifecycle.placedWith(buyer, body));
        as(Tokens.admin()).get(REVIEWS + "/{id}", afterThree.orderId()).then().statusCode(200)
                .body("status", equalTo("UNDER_REVIEW")).body("reasons.rule", contains("MANY_CANCELLATIONS"))
                .body("reasons[0].detail", equalTo("3 cancellations within PT168H"));
        // A paid order is not the buyer's cancellation: the count stays.
        assertThat(cancellations(buyer)).isEqualTo(3);
    }

    @Test
    void theCancellationCounterKeepsItsWindowAndExpires() {
        String buyer = "window-" + UUID.randomUUID();
        Duration window = Duration.ofMinutes(10);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        counters.recordCancellation(buyer, UUID.randomUUID(), start, window).await().atMost(WAIT);
        counters.recordCancellation(buyer, UUID.randomUUID(), start.plusSeconds(60), window).await().atMost(WAIT);
        assertThat(counters.cancellations(buyer, start.plus(window), window).await().atMost(WAIT)).isEqualTo(2);
        assertThat(counters.cancellations(buyer, start.plus(window).plusMillis(1), window).await().atMost(WAIT))
                .isEqualTo(1);
        assertThat(counters.cancellations(buyer, start.plus(window).plusSeconds(61), window).await().atMost(WAIT))
                .isZero();
        assertThat(redis.key(String.class).pttl(RiskCounters.cancellationsKey(buyer)))
                .isPositive().isLessThanOrEqualTo(window.toMillis());
    }

    @Test
    void badInputAndOtherRolesAreRefusedWithNothingDecided() {
        Shop shop = lifecycle.shop("review-bad");
        Lifecycle.PlacedOrder held = thirdBuyerOnOneAddress(shop);
        problem(as(Tokens.admin()).get(REVIEWS + "/not-a-uuid"), 404).body("code", equalTo("resource-not-found"));
        problem(as(Tokens.admin()).get(REVIEWS + "/{id}", UUID.randomUUID()), 404);
        problem(as(Tokens.admin()).get(REVIEWS + "?status=BOGUS"), 400);
        problem(as(Tokens.admin()).get(REVIEWS + "?limit=0"), 400);
        problem(as(Tokens.admin()).post(REVIEWS + "/{id}/approval", UUID.randomUUID()), 404);
        problem(as(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post(REVIEWS + "/{id}/rejection", UUID.randomUUID()), 404);
        problem(as(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post(REVIEWS + "/{id}/rejection", held.orderId()), 400);
        problem(as(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("reason", "x".repeat(501)))
                .post(REVIEWS + "/{id}/rejection", held.orderId()), 400);
        problem(as(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": ")
                .post(REVIEWS + "/{id}/rejection", held.orderId()), 400);
        problem(as(Tokens.customer(held.buyerId())).post(REVIEWS + "/{id}/approval", held.orderId()), 403);
        problem(as(Tokens.merchant(shop.merchantId())).post(REVIEWS + "/{id}/approval", held.orderId()), 403);
        problem(as(Tokens.merchant(shop.merchantId())).get(REVIEWS), 403);
        problem(given().contentType(ContentType.JSON).post(REVIEWS + "/{id}/approval", held.orderId()), 401);
        assertThat(database.string("SELECT status FROM order_review WHERE order_id = $1", held.orderId()))
                .isEqualTo("UNDER_REVIEW");
        assertThat(lifecycle.status(held.merchantOrderOf(shop))).isEqualTo("AWAITING_SHIPMENT");
    }

    /** Three buyers pay an order to one new address: the first two go through, the third is held. */
    private Lifecycle.PlacedOrder thirdBuyerOnOneAddress(Shop shop) {
        Map<String, Object> address = new HashMap<>(Orders.address());
        address.put("detail", "Review Street " + UUID.randomUUID());
        Lifecycle.PlacedOrder last = null;
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> body = Orders.body(Map.of(shop.skuId(), 1));
            body.put("address", address);
            last = lifecycle.pay(lifecycle.placedWith("review-buyer-" + i + "-" + UUID.randomUUID(), body));
            long held = database.count("SELECT count(*) FROM order_review WHERE order_id = $1", last.orderId());
            assertThat(held).as("buyer %d held", i).isEqualTo(i == 3 ? 1 : 0);
        }
        return last;
    }

    private long count(String fingerprint, String buyer, Instant at, Duration window) {
        return counters.buyersOnAddress(fingerprint, buyer, at, window).await().atMost(WAIT);
    }

    /** One unit to a new street in NORTH (no other buyer shares it), reached at this phone. */
    private static Map<String, Object> bodyTo(Shop shop, String detail, Object phone) {
        Map<String, Object> body = Orders.body(Map.of(shop.skuId(), 1));
        Map<String, Object> address = new HashMap<>(Orders.address());
        address.put("detail", detail);
        address.put("phone", phone);
        body.put("address", address);
        return body;
    }

    private long cancellations(String buyer) {
        return counters.cancellations(buyer, clock.instant(), Duration.ofDays(7)).await().atMost(WAIT);
    }

    private Map<String, Long> stock(Shop shop) {
        Map<String, Long> fields = new HashMap<>(Map.of("available", 0L, "sold", 0L, "held", 0L));
        redis.hash(String.class).hgetall(InventoryKeys.sku(shop.skuId()))
                .forEach((field, value) -> fields.put(field, Long.parseLong(value)));
        return fields;
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON);
    }

    private static io.restassured.response.ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status).contentType(startsWith("application/problem+json"));
    }
}
