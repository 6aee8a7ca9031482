package io.flashorder.logistics.tracking;

import io.flashorder.logistics.carrier.SandboxCarrier;
import io.flashorder.support.CarrierCallbacks;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import static org.assertj.core.api.Assertions.assertThat;

/** 200 tracking callbacks at once over 50 parcels, in random order: each parcel ends in its latest state. */
@QuarkusTest
class ParallelCallbacksTest {

    private static final List<String> JOURNEY = List.of("PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @TestHTTPResource(CarrierCallbacks.WEBHOOK)
    URI webhook;

    @Test
    void everyParcelEndsInItsLatestStateWhateverTheOrderOfArrival() throws Exception {
        Lifecycle.Shop shop = lifecycle.shop("Parallel track");
        Lifecycle.PlacedOrder order = lifecycle.paid("parallel-" + UUID.randomUUID(), shop);
        UUID merchantOrder = order.merchantOrderOf(shop);
        UUID warehouse = UUID.fromString(database.string("SELECT id::text FROM warehouse WHERE merchant_id = $1",
                shop.merchantId()));
        // 50 shipped parcels of the sandbox carrier (their lines do not matter to tracking).
        Instant shipped = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        List<UUID> parcels = new ArrayList<>();
        List<String> trackingNumbers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID parcel = UUID.randomUUID();
            String tracking = "PAR" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            database.execute("""
                    INSERT INTO parcel (id, merchant_id, warehouse_id, order_id, merchant_order_id, buyer_id, status,
                                        carrier, tracking_number, created_at, updated_at, shipped_at)
                    VALUES ($1, $2, $3, $4, $5, $6, 'SHIPPED', 'SBX-EXPRESS', $7, now(), now(), now())""",
                    parcel, shop.merchantId(), warehouse, order.orderId(), merchantOrder, order.buyerId(), tracking);
            parcels.add(parcel);
            trackingNumbers.add(tracking);
        }

        List<HttpRequest> requests = new ArrayList<>();
        for (String tracking : trackingNumbers) {
            for (int step = 0; step < JOURNEY.size(); step++) {
                String status = JOURNEY.get(step);
                CarrierCallbacks.Signed signed = CarrierCallbacks.sign(CarrierCallbacks.body(tracking + "-" + step,
                        tracking, status, shipped.plusSeconds(60L * (step + 1)),
                        status.equals("DELIVERED") ? "Signer " + step : null, null), Instant.now());
                requests.add(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header(SandboxCarrier.TIMESTAMP_HEADER, signed.timestamp())
                        .header(SandboxCarrier.SIGNATURE_HEADER, signed.signature())
                        .POST(HttpRequest.BodyPublishers.ofString(signed.body())).build());
            }
        }
        Collections.shuffle(requests, new Random(11));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        Semaphore inFlight = new Semaphore(100);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (HttpRequest request : requests) {
            inFlight.acquire();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> inFlight.release())
                    .thenApply(HttpResponse::statusCode));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).hasSize(200).containsOnly(200);

        Instant latest = shipped.plusSeconds(60L * JOURNEY.size());
        for (UUID parcel : parcels) {
            assertThat(database.string("SELECT status || ' ' || tracking_status || ' ' || signer FROM parcel"
                    + " WHERE id = $1", parcel)).isEqualTo("DELIVERED DELIVERED Signer 3");
            assertThat(database.count("SELECT count(*) FROM parcel WHERE id = $1 AND last_event_at = $2"
                    + " AND delivered_at = $2", parcel, latest.atOffset(java.time.ZoneOffset.UTC))).isOne();
            assertThat(database.count("SELECT count(*) FROM tracking_event WHERE parcel_id = $1", parcel)).isEqualTo(4);
            assertThat(database.count("SELECT count(*) FROM tracking_event WHERE parcel_id = $1 AND applied"
                    + " AND status = 'DELIVERED'", parcel)).isOne();
        }
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'SHIPMENT_DELIVERED'"
                + " AND order_id = $1", order.orderId())).isEqualTo(50);
    }
}
