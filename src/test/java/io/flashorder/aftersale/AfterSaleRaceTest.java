package io.flashorder.aftersale;

import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Parallel;
import io.flashorder.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.flashorder.aftersale.timers.AfterSaleTimers;
import io.flashorder.support.TestClock;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Racing actors: one open case per line whatever arrives at once; approve vs. withdraw (vs. the review timeout) leave
 * one outcome.
 */
@QuarkusTest
class AfterSaleRaceTest {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    AfterSaleTimers timers;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @TestHTTPResource("/api/v1/after-sales")
    URI openUri;

    @Test
    void casesOpenedInParallelForTheSameLineNeverExceedItsUnits() {
        Shop shop = lifecycle.shop("After-sale race");
        String buyer = "as-race-" + UUID.randomUUID();
        UUID merchantOrder = lifecycle.paid(buyer, Map.of(shop.skuId(), 3)).merchantOrderOf(shop);
        UUID line = UUID.fromString(database.string("SELECT id::text FROM order_line WHERE merchant_order_id = $1",
                merchantOrder));
        Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "AS-RACE").then().statusCode(201);
        String token = Tokens.customer(buyer);

        List<HttpResponse<String>> answers = Parallel.post(openUri, 100, 50, i -> new Parallel.Call(token,
                UUID.randomUUID().toString(), new JsonObject(AfterSales.request(merchantOrder,
                i % 2 == 0 ? "RETURN_REFUND" : "REFUND_ONLY", Map.of(line, 1 + i % 3))).encode()));

        Parallel.assertOneCreatedOthersConflict(answers, "line-has-open-case");
        assertThat(database.count("SELECT count(*) FROM after_sale_case WHERE merchant_order_id = $1", merchantOrder))
                .isEqualTo(1);
        assertThat(database.count("SELECT coalesce(sum(cl.quantity), 0) FROM after_sale_case_line cl "
                + "WHERE cl.line_id = $1 AND cl.open", line)).isBetween(1L, 3L);
        assertThat(database.count("SELECT count(*) FROM order_transition WHERE merchant_order_id = $1 "
                + "AND to_status = 'AFTER_SALE'", merchantOrder)).isEqualTo(1);
    }

    @Test
    void approveAndWithdrawInParallelLeaveExactlyOneOutcome() throws Exception {
        Shop shop = lifecycle.shop("After-sale duel");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String buyer = "as-duel-" + UUID.randomUUID();
                UUID merchantOrder = lifecycle.paid(buyer, Map.of(shop.skuId(), 1)).merchantOrderOf(shop);
                UUID line = UUID.fromString(database.string(
                        "SELECT id::text FROM order_line WHERE merchant_order_id = $1", merchantOrder));
                Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "AS-DUEL-" + round).then().statusCode(201);
                String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "RETURN_REFUND",
                        Map.of(line, 1))).then().statusCode(201).extract().path("id");

                CompletableFuture<Response> approve = CompletableFuture.supplyAsync(
                        () -> AfterSales.approve(shop.merchantId(), caseId), threads);
                CompletableFuture<Response> withdraw = CompletableFuture.supplyAsync(
                        () -> AfterSales.buyerPost(buyer, "/{id}/withdrawal", caseId), threads);
                int approved = approve.get().statusCode();
                int withdrawn = withdraw.get().statusCode();

                String status = database.string("SELECT status FROM after_sale_case WHERE id = $1::uuid", caseId);
                List<String> events = database.strings(
                        "SELECT event FROM after_sale_transition WHERE case_id = $1::uuid ORDER BY id", caseId);
                if (approved == 200 && withdrawn == 200) {
                    // Approval first, then the buyer withdrew before shipping anything back: both legal in turn.
                    assertThat(status).isEqualTo("CANCELLED");
                    assertThat(events).containsExactly("OPEN", "APPROVE", "WITHDRAW");
                } else if (approved == 200) {
                    assertThat(withdrawn).isEqualTo(409);
                    assertThat(status).isEqualTo("AWAITING_RETURN");
                    assertThat(events).containsExactly("OPEN", "APPROVE");
                } else {
                    assertThat(approved).isEqualTo(409);
                    assertThat(withdrawn).isEqualTo(200);
                    assertThat(status).isEqualTo("CANCELLED");
                    assertThat(events).containsExactly("OPEN", "WITHDRAW");
                }
                assertThat(lifecycle.status(merchantOrder)).isEqualTo(status.equals("CANCELLED")
                        ? "AWAITING_RECEIPT" : "AFTER_SALE");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void approveWithdrawAndTheReviewTimeoutInParallelLeaveOneDecision() throws Exception {
        Shop shop = lifecycle.shop("After-sale three-way");
        given().header("Authorization", Tokens.bearer(Tokens.merchant(shop.merchantId())))
                .contentType(ContentType.JSON).body(Map.of("reviewHours", 1))
                .put("/api/v1/merchant/after-sale-settings").then().statusCode(200);
        try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
            for (int round = 0; round < 6; round++) {
                String buyer = "as-three-" + UUID.randomUUID();
                UUID merchantOrder = lifecycle.paid(buyer, Map.of(shop.skuId(), 1)).merchantOrderOf(shop);
                UUID line = UUID.fromString(database.string(
                        "SELECT id::text FROM order_line WHERE merchant_order_id = $1", merchantOrder));
                Lifecycle.ship(shop.merchantId(), merchantOrder, "UPS", "AS-THREE-" + round).then().statusCode(201);
                String caseId = AfterSales.open(buyer, AfterSales.request(merchantOrder, "RETURN_REFUND",
                        Map.of(line, 1))).then().statusCode(201).extract().path("id");
                clock.advance(Duration.ofHours(1).plusMinutes(1)); // the merchant's review time is over

                CompletableFuture<Integer> approve = CompletableFuture.supplyAsync(
                        () -> AfterSales.approve(shop.merchantId(), caseId).statusCode(), threads);
                CompletableFuture<Integer> withdraw = CompletableFuture.supplyAsync(
                        () -> AfterSales.buyerPost(buyer, "/{id}/withdrawal", caseId).statusCode(), threads);
                CompletableFuture<Integer> timeout = CompletableFuture.supplyAsync(
                        () -> timers.runDeadlines().await().atMost(Duration.ofSeconds(30)), threads);
                assertThat(approve.get()).isIn(200, 409);
                assertThat(withdraw.get()).isIn(200, 409);
                timeout.get();

                List<String> events = database.strings(
                        "SELECT event FROM after_sale_transition WHERE case_id = $1::uuid ORDER BY id", caseId);
                String status = database.string("SELECT status FROM after_sale_case WHERE id = $1::uuid", caseId);
                // One decision, by whoever came first; a withdrawal may follow an approval (nothing shipped back yet).
                assertThat(events).isIn(List.of("OPEN", "APPROVE"), List.of("OPEN", "AUTO_APPROVE"),
                        List.of("OPEN", "WITHDRAW"), List.of("OPEN", "APPROVE", "WITHDRAW"),
                        List.of("OPEN", "AUTO_APPROVE", "WITHDRAW"));
                assertThat(status).isEqualTo(events.getLast().equals("WITHDRAW") ? "CANCELLED" : "AWAITING_RETURN");
                assertThat(lifecycle.status(merchantOrder)).isEqualTo(status.equals("CANCELLED")
                        ? "AWAITING_RECEIPT" : "AFTER_SALE");
            }
        }
    }
}
