package io.flashorder.logistics.warehouse;

import io.flashorder.security.PiiCipher;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Pricing;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * Warehouse work on real PostgreSQL and Redis: split at payment, merge, pick waves and their pick lists, packing
 * review, address re-check, hand-over, and the merchant order following its last parcel.
 */
@QuarkusTest
class ParcelFlowTest {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    PiiCipher pii;

    /** A merchant with two warehouses; SKU a lies only in the first, SKU b only in the second (250 g each). */
    private record Shop(UUID merchantId, UUID first, UUID second, UUID a, UUID b) {
    }

    private Shop shop;

    @BeforeEach
    void shop() {
        UUID merchant = Catalog.merchant("Parcels " + UUID.randomUUID());
        UUID first = Catalog.warehouse(merchant, "NORTH");
        UUID second = Catalog.warehouse(merchant, "SOUTH");
        UUID a = Catalog.sku(merchant, "Kettle", 3_000);
        UUID b = Catalog.sku(merchant, "Toaster", 4_000);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(a, first, 500);
        Catalog.loadStock(b, second, 500);
        shop = new Shop(merchant, first, second, a, b);
    }

    private Lifecycle.PlacedOrder paid(String buyer, UUID sku, int quantity) {
        return lifecycle.paid(buyer, Map.of(sku, quantity));
    }

    private UUID merchantOrder(Lifecycle.PlacedOrder order) {
        return order.merchantOrderByMerchant().get(shop.merchantId());
    }

    @Test
    void aPaidMerchantOrderYieldsOneParcelPerWarehouseAndShipsWithItsLastParcel() {
        Map<UUID, Integer> items = new LinkedHashMap<>();
        items.put(shop.a(), 2);
        items.put(shop.b(), 1);
        Lifecycle.PlacedOrder order = lifecycle.paid("split-" + UUID.randomUUID(), items);
        UUID merchantOrder = merchantOrder(order);

        List<Map<String, Object>> parcels = Parcels.ofMerchantOrder(shop.merchantId(), merchantOrder);
        assertThat(parcels).hasSize(2);
        assertThat(parcels).extracting(p -> p.get("status")).containsOnly("AWAITING_PICK");
        Map<String, Object> fromFirst = parcels.stream()
                .filter(p -> p.get("warehouseId").equals(shop.first().toString())).findFirst().orElseThrow();
        Map<String, Object> fromSecond = parcels.stream()
                .filter(p -> p.get("warehouseId").equals(shop.second().toString())).findFirst().orElseThrow();
        assertThat(lines(fromFirst)).extracting(l -> l.get("skuId"), l -> l.get("quantity"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(shop.a().toString(), 2));
        assertThat(lines(fromSecond)).extracting(l -> l.get("skuId"), l -> l.get("quantity"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(shop.b().toString(), 1));

        UUID first = UUID.fromString((String) fromFirst.get("id"));
        UUID second = UUID.fromString((String) fromSecond.get("id"));
        packAndMakeReady(shop.first(), first, Map.of(shop.a(), 2), 500);
        Parcels.handOver(shop.merchantId(), first, "DHL", "SPLIT-0001").then().statusCode(200)
                .body("status", equalTo("SHIPPED")).body("trackingNumber", equalTo("SPLIT-0001"));
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_SHIPMENT");
        assertThat(database.count("SELECT count(*) FROM shipment WHERE merchant_order_id = $1", merchantOrder)).isZero();

        packAndMakeReady(shop.second(), second, Map.of(shop.b(), 1), 250);
        Parcels.handOver(shop.merchantId(), second, "DHL", "SPLIT-0002").then().statusCode(200)
                .body("status", equalTo("SHIPPED"));
        assertThat(lifecycle.status(merchantOrder)).isEqualTo("AWAITING_RECEIPT");
        assertThat(lifecycle.orderStatus(order.orderId())).isEqualTo("AWAITING_RECEIPT");
        assertThat(database.count("SELECT count(*) FROM shipment WHERE merchant_order_id = $1", merchantOrder)).isOne();
        assertThat(database.count("SELECT count(*) FROM outbox_event WHERE type = 'ORDER_SHIPPED' AND order_id = $1",
                order.orderId())).isOne();

        Parcels.handOver(shop.merchantId(), second, "DHL", "SPLIT-0003").then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("parcel-status"))
                .body("currentStatus", equalTo("SHIPPED"));
    }

    @Test
    void twoOrdersOfOneBuyerToOneAddressMergeIntoOneParcel() {
        String buyer = "merge-" + UUID.randomUUID();
        Lifecycle.PlacedOrder one = paid(buyer, shop.a(), 1);
        Lifecycle.PlacedOrder two = paid(buyer, shop.a(), 3);
        Lifecycle.PlacedOrder stranger = paid("stranger-" + UUID.randomUUID(), shop.a(), 1);
        UUID first = Parcels.onlyParcelOf(shop.merchantId(), merchantOrder(one));
        UUID second = Parcels.onlyParcelOf(shop.merchantId(), merchantOrder(two));
        UUID other = Parcels.onlyParcelOf(shop.merchantId(), merchantOrder(stranger));

        Parcels.merge(shop.merchantId(), List.of(first, other)).then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("parcels-not-mergeable"));
        UUID foreignMerchant = Catalog.merchant("Foreign " + UUID.randomUUID());
        Parcels.merge(foreignMerchant, List.of(first, second)).then().statusCode(404)
                .body("code", equalTo("parcel-not-found"));
        assertThat(database.count("SELECT count(*) FROM parcel WHERE id = ANY($1) AND status = 'AWAITING_PICK'",
                (Object) new UUID[] {first, second, other})).isEqualTo(3);

        Parcels.merge(shop.merchantId(), List.of(second, first)).then().statusCode(200)
                .body("id", equalTo(first.toString()))
                .body("lines", hasSize(2))
                .body("lines.quantity.sum()", equalTo(4));
        Parcels.as(shop.merchantId()).get("/api/v1/merchant/parcels/{id}", second).then().statusCode(200)
                .body("status", equalTo("MERGED")).body("mergedInto", equalTo(first.toString()))
                .body("lines", hasSize(0));

        // The merged parcel carries both merchant orders: each ships with it, not alone.
        Lifecycle.ship(shop.merchantId(), merchantOrder(two), "UPS", "ALONE-0001").then().statusCode(409)
                .body("code", equalTo("parcel-merged"));
        packAndMakeReady(shop.first(), first, Map.of(shop.a(), 4), 1_000);
        Parcels.handOver(shop.merchantId(), first, "UPS", "MERGED-0001").then().statusCode(200);
        assertThat(lifecycle.status(merchantOrder(one))).isEqualTo("AWAITING_RECEIPT");
        assertThat(lifecycle.status(merchantOrder(two))).isEqualTo("AWAITING_RECEIPT");
    }

    @Test
    void aWavePickListSumsUnitsPerSkuInBinOrder() {
        UUID c = Catalog.sku(shop.merchantId(), "Blender", 5_000);
        Catalog.loadStock(c, shop.first(), 500);
        Parcels.bin(shop.merchantId(), shop.first(), shop.a(), "B-02-01").then().statusCode(200)
                .body("bin", equalTo("B-02-01"));
        Parcels.bin(shop.merchantId(), shop.first(), c, "A-01-07").then().statusCode(200);

        Map<UUID, Integer> mixed = new LinkedHashMap<>();
        mixed.put(shop.a(), 3);
        mixed.put(c, 1);
        UUID p1 = Parcels.onlyParcelOf(shop.merchantId(), merchantOrder(paid("wave-" + UUID.randomUUID(), shop.a(), 2)));
        UUID p2 = Parcels.onlyParcelOf(shop.merchantId(),
                merchantOrder(lifecycle.paid("wave-" + UUID.randomUUID(), mixed)));
        UUID p3 = Parcels.onlyParcelOf(shop.merchantId(), merchantOrder(paid("wave-" + UUID.randomUUID(), c, 4)));
        UUID outside = Parcels.onlyParcelOf(shop.merchantId(),
                merchantOrder(paid("wave-" + UUID.randomUUID(), shop.a(), 9)));

        String wave = Parcels.wave(shop.merchantId(), shop.first(), List.of(p1, p2, p3)).then().statusCode(201)
                .body("parcelCount", equalTo(3)).body("status", equalTo("PICKING")).extract().path("id");
        Parcels.as(shop.merchantId()).get("/api/v1/merchant/waves/{id}/pick-list", wave).then().statusCode(200)
                .body("totalUnits", equalTo(10))
                .body("items.skuId", org.hamcrest.Matchers.contains(c.toString(), shop.a().toString()))
                .body("items.bin", org.hamcrest.Matchers.contains("A-01-07", "B-02-01"))
                .body("items.quantity", org.hamcrest.Matchers.contains(5, 5))
                .body("items[0].title", equalTo("Blender"));
        assertThat(database.count("SELECT count(*) FROM parcel WHERE wave_id = $1 AND status = 'PICKING'",
                UUID.fromString(wave))).isEqualTo(3);
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", outside)).isEqualTo("AWAITING_PICK");

        // A parcel already in a wave cannot join another; nothing of the refused wave is written.
        long waves = database.countAll("pick_wave");
        Parcels.wave(shop.merchantId(), shop.first(), List.of(outside, p1)).then().statusCode(409)
                .body("code", equalTo("parcel-status")).body("parcelId", equalTo(p1.toString()));
        Parcels.wave(shop.merchantId(), shop.second(), List.of(outside)).then().statusCode(422)
                .body("code", equalTo("parcel-in-other-warehouse"));
        assertThat(database.countAll("pick_wave")).isEqualTo(waves);
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", outside)).isEqualTo("AWAITING_PICK");

        Parcels.as(shop.merchantId()).get("/api/v1/merchant/waves").then().statusCode(200)
                .body("items[0].id", equalTo(wave));
        Parcels.picked(shop.merchantId(), UUID.fromString(wave)).then().statusCode(200)
                .body("packing", equalTo(3)).body("held", equalTo(0));
        Parcels.as(shop.merchantId()).get("/api/v1/merchant/parcels/counts").then().statusCode(200)
                .body("byStatus.PACKING", equalTo(3)).body("byStatus.AWAITING_PICK", equalTo(1))
                .body("total", equalTo(4));
        Parcels.as(shop.merchantId()).queryParam("status", "PACKING").get("/api/v1/merchant/parcels")
                .then().statusCode(200).body("items", hasSize(3));
    }

    @Test
    void aPackingScanThatDiffersIsRefusedWithTheDifferenceAndCounted() {
        UUID parcel = Parcels.onlyParcelOf(shop.merchantId(),
                merchantOrder(paid("pack-" + UUID.randomUUID(), shop.a(), 2)));
        UUID wave = UUID.fromString(Parcels.wave(shop.merchantId(), shop.first(), List.of(parcel))
                .then().statusCode(201).extract().path("id"));
        Parcels.review(shop.merchantId(), parcel, Map.of(shop.a(), 2), 500).then().statusCode(409)
                .body("code", equalTo("parcel-status")).body("currentStatus", equalTo("PICKING"));
        Parcels.picked(shop.merchantId(), wave).then().statusCode(200).body("packing", equalTo(1));

        Parcels.review(shop.merchantId(), parcel, Map.of(shop.a(), 1, shop.b(), 1), 500).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("packing-mismatch"))
                .body("differences", hasSize(2))
                .body("differences.find { it.skuId == '" + shop.a() + "' }.difference", equalTo(-1))
                .body("differences.find { it.skuId == '" + shop.b() + "' }.scanned", equalTo(1));
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", parcel)).isEqualTo("PACKING");
        assertThat(database.count("SELECT mismatch_count FROM parcel WHERE id = $1", parcel)).isOne();
        assertThat(database.count("SELECT count(*) FROM packing_review WHERE parcel_id = $1 AND NOT matched", parcel))
                .isOne();

        // Matching units (scanned one by one) but 900 g instead of 500 g: ready, weight flagged.
        Parcels.as(shop.merchantId()).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("weightGrams", 900, "items", List.of(Map.of("skuId", shop.a(), "quantity", 1),
                        Map.of("skuId", shop.a(), "quantity", 1))))
                .post("/api/v1/merchant/parcels/{id}/packing-review", parcel).then().statusCode(200)
                .body("parcel.status", equalTo("READY"))
                .body("expectedWeightGrams", equalTo(500))
                .body("weightFlagged", equalTo(true))
                .body("parcel.mismatchCount", equalTo(1));
        assertThat(database.count("SELECT count(*) FROM packing_review WHERE parcel_id = $1 AND matched", parcel))
                .isOne();
    }

    @Test
    void aWeightWithinTheToleranceIsNotFlagged() {
        UUID parcel = Parcels.onlyParcelOf(shop.merchantId(),
                merchantOrder(paid("weight-" + UUID.randomUUID(), shop.a(), 4)));
        packAndMakeReady(shop.first(), parcel, Map.of(shop.a(), 4), 1_090);
        assertThat(database.string("SELECT weight_flagged::text FROM parcel WHERE id = $1", parcel)).isEqualTo("false");
    }

    @Test
    void anAddressThatNoLongerPassesTheRecheckHoldsItsParcelBeforePacking() {
        Lifecycle.PlacedOrder bad = paid("address-" + UUID.randomUUID(), shop.a(), 1);
        Lifecycle.PlacedOrder good = paid("address-" + UUID.randomUUID(), shop.a(), 1);
        database.execute("UPDATE customer_order SET phone_encrypted = $2 WHERE id = $1", bad.orderId(),
                pii.encrypt("call me maybe"));
        UUID badParcel = Parcels.onlyParcelOf(shop.merchantId(), merchantOrder(bad));
        UUID goodParcel = Parcels.onlyParcelOf(shop.merchantId(), merchantOrder(good));
        UUID wave = UUID.fromString(Parcels.wave(shop.merchantId(), shop.first(), List.of(badParcel, goodParcel))
                .then().statusCode(201).extract().path("id"));

        Parcels.picked(shop.merchantId(), wave).then().statusCode(200)
                .body("packing", equalTo(1)).body("held", equalTo(1))
                .body("results.find { it.parcelId == '" + badParcel + "' }.outcome", equalTo("ADDRESS_PROBLEM"))
                .body("results.find { it.parcelId == '" + badParcel + "' }.problem", containsString("phone"));
        Parcels.as(shop.merchantId()).get("/api/v1/merchant/parcels/{id}", badParcel).then().statusCode(200)
                .body("status", equalTo("PICKING")).body("addressProblem", containsString("phone"));
        Parcels.as(shop.merchantId()).post("/api/v1/merchant/parcels/{id}/packing", badParcel).then().statusCode(422)
                .body("code", equalTo("address-not-shippable"));

        database.execute("UPDATE customer_order SET phone_encrypted = $2 WHERE id = $1", bad.orderId(),
                pii.encrypt("+44 20 7946 0000"));
        Parcels.as(shop.merchantId()).post("/api/v1/merchant/parcels/{id}/packing", badParcel).then().statusCode(200)
                .body("status", equalTo("PACKING")).body("addressProblem", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void handingAMerchantOrderOverInOneCallTakesItsParcelsAlong() {
        Lifecycle.PlacedOrder order = paid("legacy-" + UUID.randomUUID(), shop.a(), 1);
        UUID parcel = Parcels.onlyParcelOf(shop.merchantId(), merchantOrder(order));
        Lifecycle.ship(shop.merchantId(), merchantOrder(order), "GLS", "LEGACY-0001").then().statusCode(201);
        Parcels.as(shop.merchantId()).get("/api/v1/merchant/parcels/{id}", parcel).then().statusCode(200)
                .body("status", equalTo("SHIPPED")).body("trackingNumber", equalTo("LEGACY-0001"));
    }

    @Test
    void twoWavesRacingForTheSameParcelsLeaveThemInExactlyOne() {
        List<UUID> parcels = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            parcels.add(Parcels.onlyParcelOf(shop.merchantId(),
                    merchantOrder(paid("race-" + UUID.randomUUID(), shop.a(), 1))));
        }
        // Threads of its own, made here: they inherit this test's class loader. The common pool's threads may carry
        // an earlier application's, and RestAssured's JSON mapper then fails to load its modules.
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Integer> statuses;
        try {
            List<CompletableFuture<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(() ->
                        Parcels.wave(shop.merchantId(), shop.first(), parcels).statusCode(), threads));
            }
            statuses = calls.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(database.count("SELECT count(DISTINCT wave_id) FROM parcel WHERE id = ANY($1)",
                (Object) parcels.toArray(UUID[]::new))).isOne();
        assertThat(database.count("SELECT count(*) FROM pick_wave WHERE merchant_id = $1", shop.merchantId())).isOne();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> parcel) {
        return (List<Map<String, Object>>) parcel.get("lines");
    }

    /** Wave of one, picked, reviewed with the right units at {@code grams}: READY. */
    private void packAndMakeReady(UUID warehouse, UUID parcel, Map<UUID, Integer> units, long grams) {
        UUID wave = UUID.fromString(Parcels.wave(shop.merchantId(), warehouse, List.of(parcel)).then().statusCode(201)
                .extract().path("id"));
        Parcels.picked(shop.merchantId(), wave).then().statusCode(200).body("packing", equalTo(1));
        Parcels.review(shop.merchantId(), parcel, units, grams).then().statusCode(200)
                .body("parcel.status", equalTo("READY"));
    }
}
