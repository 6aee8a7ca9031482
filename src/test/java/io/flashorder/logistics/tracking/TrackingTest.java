package io.flashorder.logistics.tracking;

import io.flashorder.fulfilment.ReceiptService;
import io.flashorder.logistics.warehouse.Parcels;
import io.flashorder.logistics.warehouse.Parcels.Shipped;
import io.flashorder.support.CarrierCallbacks;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * Carriers on real PostgreSQL and Redis: the waybill's carrier chosen by the merchant's rules and insured exactly,
 * signed tracking callbacks (forged, stale, replayed, duplicated, out of order), delivery restarting the
 * auto-confirm timer, claims on lost insured parcels, the buyer's timeline.
 */
@QuarkusTest
class TrackingTest {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    ReceiptService receipts;

    private Lifecycle.Shop shop;
    private UUID warehouse;

    @BeforeEach
    void shop() {
        shop = lifecycle.shop("Track");
        warehouse = UUID.fromString(database.string("SELECT id::text FROM warehouse WHERE merchant_id = $1",
                shop.merchantId()));
        rule("SBX-EXPRESS", 900, 0, false);
        rule("SBX-ECONOMY", 400, 100, false);
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON)
                .body(Map.of("insuranceThreshold", 2_000, "insuranceBasisPoints", 100, "insuranceMinimumFee", 60))
                .put("/api/v1/merchant/logistics-settings").then().statusCode(200).body("configured", equalTo(true));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void rule(String carrier, long base, long perKg, boolean preferred) {
        Parcels.carrierRule(shop.merchantId(), carrier, base, perKg, preferred);
    }

    /** A paid order of {@code units}, packed, booked and handed over. */
    private Shipped shipped(String buyer, int units) {
        return Parcels.shipped(lifecycle, shop, warehouse, buyer, units);
    }

    private static CarrierCallbacks.Signed event(String eventId, String tracking, String status, Instant at,
                                                 Instant signedAt) {
        String signer = status.equals("DELIVERED") ? "A. Lovelace" : null;
        String reason = status.equals("EXCEPTION") ? "LOST" : null;
        return CarrierCallbacks.sign(CarrierCallbacks.body(eventId, tracking, status, at, signer, reason), signedAt);
    }

    @Test
    void theWaybillGoesToTheCheapestEligibleCarrierAndIsInsuredExactly() {
        Lifecycle.PlacedOrder order = lifecycle.paid("book-" + UUID.randomUUID(), Map.of(shop.skuId(), 4));
        UUID parcel = Parcels.ready(shop.merchantId(), warehouse, order.merchantOrderOf(shop), shop.skuId(), 4, 1_000);
        Parcels.as(shop.merchantId()).post("/api/v1/merchant/parcels/{id}/waybill", parcel).then().statusCode(200)
                .body("carrier", equalTo("SBX-ECONOMY"))
                .body("trackingNumber", startsWith("SBX"))
                .body("shippingCost", equalTo(500))
                .body("declaredValue", equalTo(10_000))
                .body("insured", equalTo(true))
                .body("insurancePremium", equalTo(100))
                .body("carrierReason", startsWith("lowest quote: SBX-ECONOMY at 500 EUR"));
        Parcels.as(shop.merchantId()).post("/api/v1/merchant/parcels/{id}/waybill", parcel).then().statusCode(409)
                .body("code", equalTo("waybill-booked"));
        Parcels.handOver(shop.merchantId(), parcel, "DHL", "OTHER-0001").then().statusCode(409)
                .body("code", equalTo("waybill-booked"));

        // One unit: 2500 > 2000 is insured, 1 % is 25, below the minimum fee of 60.
        Lifecycle.PlacedOrder small = lifecycle.paid("book-" + UUID.randomUUID(), Map.of(shop.skuId(), 1));
        UUID smallParcel = Parcels.ready(shop.merchantId(), warehouse, small.merchantOrderOf(shop), shop.skuId(), 1,
                250);
        rule("SBX-EXPRESS", 950, 0, true);
        Parcels.as(shop.merchantId()).post("/api/v1/merchant/parcels/{id}/waybill", smallParcel).then()
                .statusCode(200).body("carrier", equalTo("SBX-EXPRESS")).body("insurancePremium", equalTo(60))
                .body("carrierReason", startsWith("merchant's preferred carrier: SBX-EXPRESS at 950 EUR"));
    }

    @Test
    void withoutAnEligibleCarrierNothingIsBooked() {
        Lifecycle.PlacedOrder order = lifecycle.paid("heavy-" + UUID.randomUUID(), Map.of(shop.skuId(), 2));
        UUID parcel = Parcels.ready(shop.merchantId(), warehouse, order.merchantOrderOf(shop), shop.skuId(), 2,
                40_000); // weighed far beyond every rule's band (and flagged)
        Parcels.as(shop.merchantId()).post("/api/v1/merchant/parcels/{id}/waybill", parcel).then().statusCode(422)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("no-eligible-carrier"));
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/merchant/parcels/{id}/handover", parcel).then().statusCode(422)
                .body("code", equalTo("waybill-missing"));
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON).body("{\"carrier\":\"DHL\"}")
                .post("/api/v1/merchant/parcels/{id}/handover", parcel).then().statusCode(400)
                .body("code", equalTo("validation-failed"));
        assertThat(database.string("SELECT coalesce(tracking_number, 'none') FROM parcel WHERE id = $1", parcel))
                .isEqualTo("none");
        UUID stranger = lifecycle.shop("Track stranger").merchantId();
        Parcels.as(stranger).post("/api/v1/merchant/parcels/{id}/waybill", parcel).then().statusCode(404);
    }

    @Test
    void forgedStaleFutureReplayedDuplicateAndOlderCallbacksChangeNothing() {
        Shipped shipped = shipped("track-" + UUID.randomUUID(), 1);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String tracking = shipped.trackingNumber();

        CarrierCallbacks.Signed forged = CarrierCallbacks.sign(CarrierCallbacks.body("ev-1", tracking, "DELIVERED",
                base, "Mallory", null), base, "not-the-carrier-secret-0123456789abcdef".getBytes());
        CarrierCallbacks.post(forged).then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("webhook-signature-invalid"));
        CarrierCallbacks.post(event("ev-1", tracking, "DELIVERED", base, base.minus(Duration.ofMinutes(6))))
                .then().statusCode(401).body("code", equalTo("webhook-timestamp-stale"));
        CarrierCallbacks.post(event("ev-1", tracking, "DELIVERED", base, base.plus(Duration.ofMinutes(2))))
                .then().statusCode(401).body("code", equalTo("webhook-timestamp-in-future"));
        given().contentType(ContentType.JSON).body("{}").post(CarrierCallbacks.WEBHOOK).then().statusCode(401)
                .body("code", equalTo("webhook-signature-missing"));
        CarrierCallbacks.post(event("ev-1", "UNKNOWN-0001", "DELIVERED", base, Instant.now())).then().statusCode(422)
                .body("code", equalTo("tracking-number-unknown"));
        CarrierCallbacks.post(CarrierCallbacks.sign("{\"eventId\":\"ev-x\",\"trackingNumber\":\"" + tracking
                + "\",\"status\":\"TELEPORTED\",\"occurredAt\":\"" + base + "\"}", Instant.now())).then()
                .statusCode(400).body("code", equalTo("webhook-malformed"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/webhooks/carriers/nobody").then()
                .statusCode(404);
        assertThat(database.count("SELECT count(*) FROM tracking_event WHERE parcel_id = $1", shipped.parcel()))
                .isZero();

        CarrierCallbacks.Signed outForDelivery = event("ev-3", tracking, "OUT_FOR_DELIVERY", base.plusSeconds(180),
                Instant.now());
        CarrierCallbacks.post(outForDelivery).then().statusCode(200)
                .body("parcels[0].outcome", equalTo("APPLIED")).body("parcels[0].status", equalTo("SHIPPED"));
        CarrierCallbacks.post(outForDelivery).then().statusCode(409).body("code", equalTo("webhook-replayed"));
        CarrierCallbacks.post(event("ev-3", tracking, "OUT_FOR_DELIVERY", base.plusSeconds(180),
                        Instant.now().plusSeconds(1)))
                .then().statusCode(200).body("parcels[0].outcome", equalTo("DUPLICATE"));
        CarrierCallbacks.post(event("ev-2", tracking, "IN_TRANSIT", base.plusSeconds(120), Instant.now()))
                .then().statusCode(200).body("parcels[0].outcome", equalTo("KEPT_NOT_APPLIED"));

        Parcels.as(shop.merchantId()).get("/api/v1/merchant/parcels/{id}", shipped.parcel()).then().statusCode(200)
                .body("status", equalTo("SHIPPED")).body("trackingStatus", equalTo("OUT_FOR_DELIVERY"))
                .body("lastEventAt", equalTo(base.plusSeconds(180).toString()));
        assertThat(database.count("SELECT count(*) FROM tracking_event WHERE parcel_id = $1", shipped.parcel()))
                .isEqualTo(2);

        // The buyer sees both events in the order they happened; nobody else sees them.
        given().header("Authorization", Tokens.bearer(Tokens.customer(shipped.order().buyerId())))
                .get("/api/v1/orders/{id}/tracking", shipped.order().orderId()).then().statusCode(200)
                .body("shipments", hasSize(1))
                .body("shipments[0].trackingNumber", equalTo(tracking))
                .body("shipments[0].events.status", org.hamcrest.Matchers.contains("IN_TRANSIT", "OUT_FOR_DELIVERY"));
        given().header("Authorization", Tokens.bearer(Tokens.customer("someone-" + UUID.randomUUID())))
                .get("/api/v1/orders/{id}/tracking", shipped.order().orderId()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", Tokens.bearer(Tokens.merchant(shop.merchantId())))
                .get("/api/v1/orders/{id}/tracking", shipped.order().orderId()).then().statusCode(403);
    }

    @Test
    void deliveryRestartsTheAutoConfirmTimerFromTheDeliveryTime() {
        Shipped shipped = shipped("deliver-" + UUID.randomUUID(), 1);
        Instant shippedAt = Instant.parse(database.string(
                "SELECT to_char(shipped_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM merchant_order"
                        + " WHERE id = $1", shipped.merchantOrder()));

        clock.advance(Duration.ofDays(3));
        Instant deliveredAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        CarrierCallbacks.post(event("ev-d", shipped.trackingNumber(), "DELIVERED", deliveredAt, clock.instant()))
                .then().statusCode(200).body("parcels[0].status", equalTo("DELIVERED"));
        assertThat(database.string("SELECT to_char(auto_confirm_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM merchant_order WHERE id = $1", shipped.merchantOrder()))
                .isEqualTo(deliveredAt.plus(Duration.ofDays(7)).toString());
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'SHIPMENT_DELIVERED'"
                + " AND order_id = $1", shipped.order().orderId())).isOne();

        // Seven days after the hand-off receipt is not confirmed any more: it counts from the delivery.
        clock.advance(Duration.between(clock.instant(), shippedAt.plus(Duration.ofDays(7)).plusSeconds(60)));
        receipts.confirmDue().await().atMost(Duration.ofSeconds(30));
        assertThat(lifecycle.status(shipped.merchantOrder())).isEqualTo("AWAITING_RECEIPT");
        clock.advance(Duration.between(clock.instant(), deliveredAt.plus(Duration.ofDays(7)).plusSeconds(60)));
        receipts.confirmDue().await().atMost(Duration.ofSeconds(30));
        assertThat(lifecycle.status(shipped.merchantOrder())).isEqualTo("COMPLETED");

        // A late, older event never moves a delivered parcel back.
        CarrierCallbacks.post(event("ev-late", shipped.trackingNumber(), "IN_TRANSIT", deliveredAt.minusSeconds(60),
                clock.instant())).then().statusCode(200).body("parcels[0].outcome", equalTo("KEPT_NOT_APPLIED"))
                .body("parcels[0].status", equalTo("DELIVERED"));
    }

    @Test
    void aLostInsuredParcelOpensOneClaimAndARefusalIsReported() {
        Shipped lost = shipped("lost-" + UUID.randomUUID(), 4);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CarrierCallbacks.post(event("ev-lost", lost.trackingNumber(), "EXCEPTION", base, Instant.now()))
                .then().statusCode(200).body("parcels[0].status", equalTo("EXCEPTION"));
        CarrierCallbacks.post(event("ev-lost", lost.trackingNumber(), "EXCEPTION", base, Instant.now().plusSeconds(1)))
                .then().statusCode(200).body("parcels[0].outcome", equalTo("DUPLICATE"));
        assertThat(database.count("SELECT count(*) FROM insurance_claim WHERE parcel_id = $1 AND reason = 'LOST'"
                + " AND declared_value = 10000 AND premium = 100 AND status = 'OPEN'", lost.parcel())).isOne();
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'SHIPMENT_EXCEPTION'"
                + " AND order_id = $1", lost.order().orderId())).isOne();
        Parcels.as(shop.merchantId()).queryParam("status", "EXCEPTION").get("/api/v1/merchant/parcels")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(lost.parcel().toString()));

        Shipped delayed = shipped("delayed-" + UUID.randomUUID(), 4);
        CarrierCallbacks.post(CarrierCallbacks.sign(CarrierCallbacks.body("ev-late", delayed.trackingNumber(),
                "EXCEPTION", base, null, "DELAYED"), Instant.now())).then().statusCode(200);
        assertThat(database.count("SELECT count(*) FROM insurance_claim WHERE parcel_id = $1", delayed.parcel()))
                .isZero();
        CarrierCallbacks.post(event("ev-moving", delayed.trackingNumber(), "IN_TRANSIT", base.plusSeconds(5),
                Instant.now())).then().statusCode(200).body("parcels[0].status", equalTo("SHIPPED"));

        Shipped refused = shipped("refuse-" + UUID.randomUUID(), 1);
        CarrierCallbacks.post(event("ev-no", refused.trackingNumber(), "REFUSED", base, Instant.now()))
                .then().statusCode(200).body("parcels[0].status", equalTo("REFUSED"));
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'SHIPMENT_REFUSED'"
                + " AND order_id = $1", refused.order().orderId())).isOne();
    }
}
