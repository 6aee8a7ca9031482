package io.flashorder.logistics.returns;

import io.flashorder.aftersale.AfterSaleService;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.logistics.returns.ReturnRepository.PlannedCase;
import io.flashorder.logistics.warehouse.Parcels;
import io.flashorder.logistics.warehouse.Parcels.Shipped;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.TestClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Return to sender under a kill: the process dies after the parcel's claim (or after some of its cases), leaving the
 * parcel RETURNED without its case ids; the recovery job, after its grace period, opens exactly the missing cases,
 * so the buyer is refunded (and the units restocked) exactly once, however often and on however many pods it runs.
 */
@QuarkusTest
class ReturnRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    RedisDataSource redis;
    @Inject
    ReturnService returns;
    @Inject
    ReturnRecovery recovery;
    @Inject
    AfterSaleService afterSales;
    @Inject
    TestClock clock;

    private Lifecycle.Shop shop;
    private UUID warehouse;

    @BeforeEach
    void shop() {
        shop = lifecycle.shop("Recovery");
        warehouse = UUID.fromString(database.string("SELECT id::text FROM warehouse WHERE merchant_id = $1",
                shop.merchantId()));
        Parcels.carrierRule(shop.merchantId(), "SBX-EXPRESS", 500, 0, false);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Shipped refused(int units) {
        Shipped shipped = Parcels.refused(lifecycle, shop, warehouse, "recovery-" + UUID.randomUUID(), units);
        Eventually.await(WAIT, () -> assertThat(stock().get("sold")).isGreaterThanOrEqualTo(units));
        return shipped;
    }

    /** What a kill right after the claim's commit leaves: RETURNED, its cases planned, none opened. */
    private List<PlannedCase> killedAfterClaim(Shipped parcel) {
        List<PlannedCase> plan = returns.claim(shop.merchantId(), parcel.parcel(),
                clock.instant().truncatedTo(ChronoUnit.MICROS)).await().atMost(WAIT);
        assertThat(database.string("SELECT status FROM parcel WHERE id = $1", parcel.parcel())).isEqualTo("RETURNED");
        assertThat(database.count("SELECT count(*) FROM parcel WHERE id = $1 AND return_case_ids IS NULL",
                parcel.parcel())).isOne();
        return plan;
    }

    private long cases(UUID merchantOrder) {
        return database.count("SELECT count(*) FROM after_sale_case WHERE merchant_order_id = $1", merchantOrder);
    }

    private long refunds(UUID merchantOrder) {
        return database.count("SELECT count(*) FROM after_sale_refund r JOIN after_sale_case c ON c.id = r.case_id "
                + "WHERE c.merchant_order_id = $1", merchantOrder);
    }

    private Map<String, Long> stock() {
        Map<String, Long> fields = new HashMap<>(Map.of("available", 0L, "sold", 0L, "held", 0L));
        redis.hash(String.class).hgetall(InventoryKeys.sku(shop.skuId()))
                .forEach((field, value) -> fields.put(field, Long.parseLong(value)));
        return fields;
    }

    private void runJob() {
        recovery.finishUnfinished().await().atMost(WAIT);
    }

    @Test
    void aKillAfterTheClaimIsFinishedByTheJobWithExactlyOneRefund() {
        Shipped parcel = refused(3);
        Map<String, Long> before = stock();
        List<PlannedCase> plan = killedAfterClaim(parcel);
        assertThat(plan).singleElement().extracting(PlannedCase::merchantOrderId).isEqualTo(parcel.merchantOrder());

        runJob(); // within the grace period: its own request may still be at work
        assertThat(cases(parcel.merchantOrder())).isZero();

        clock.advance(Duration.ofMinutes(6));
        runJob();
        assertThat(cases(parcel.merchantOrder())).isOne();
        assertThat(refunds(parcel.merchantOrder())).isOne();
        assertThat(database.string("SELECT status FROM after_sale_case WHERE merchant_order_id = $1",
                parcel.merchantOrder())).isEqualTo("PENDING_REFUND");
        assertThat(database.string("SELECT return_case_ids[1]::text FROM parcel WHERE id = $1 "
                + "AND cardinality(return_case_ids) = 1", parcel.parcel())).isEqualTo(plan.get(0).caseId().toString());
        Eventually.await(WAIT, () -> assertThat(stock()).containsEntry("sold", before.get("sold") - 3)
                .containsEntry("available", before.get("available") + 3));

        clock.advance(Duration.ofMinutes(10));
        runJob();
        Parcels.as(shop.merchantId()).post("/api/v1/merchant/parcels/{id}/returned", parcel.parcel())
                .then().statusCode(409).body("code", equalTo("parcel-status"));
        assertThat(cases(parcel.merchantOrder())).isOne();
        assertThat(refunds(parcel.merchantOrder())).isOne();
        assertThat(stock()).containsEntry("available", before.get("available") + 3);
    }

    @Test
    void aKillAfterTheCaseOpenedBeforeTheParcelNamedItOpensNoSecondCase() {
        Shipped parcel = refused(2);
        PlannedCase planned = killedAfterClaim(parcel).get(0);
        afterSales.refundReturnedParcel(planned.caseId(), planned.merchantOrderId(), planned.lines(), "opened, then killed")
                .await().atMost(WAIT);
        assertThat(cases(parcel.merchantOrder())).isOne();

        clock.advance(Duration.ofMinutes(6));
        runJob();
        assertThat(cases(parcel.merchantOrder())).isOne();
        assertThat(refunds(parcel.merchantOrder())).isOne();
        assertThat(database.count("SELECT count(*) FROM parcel WHERE id = $1 AND return_case_ids = ARRAY[$2::uuid]",
                parcel.parcel(), planned.caseId())).isOne();
    }

    @Test
    void podsRunningTheJobAtOnceOpenEachMissingCaseOnce() {
        List<Shipped> parcels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Shipped parcel = refused(1);
            killedAfterClaim(parcel);
            parcels.add(parcel);
        }
        clock.advance(Duration.ofMinutes(6));
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(recovery.finishUnfinished().subscribeAsCompletionStage());
        }
        runs.forEach(CompletableFuture::join);
        for (Shipped parcel : parcels) {
            assertThat(cases(parcel.merchantOrder())).isOne();
            assertThat(refunds(parcel.merchantOrder())).isOne();
            assertThat(database.count("SELECT count(*) FROM parcel WHERE id = $1 AND cardinality(return_case_ids) = 1",
                    parcel.parcel())).isOne();
        }
    }
}
