package io.flashorder.payment;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.order.lifecycle.LifecycleTimerJobs;
import io.flashorder.order.lifecycle.OrderLifecycle;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Orders;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 orders past their deadline, each raced by its callback (a success for three in four, a declined payment for
 * the fourth) and a deadline timer run at the same time.
 * Every order must end paid with its units sold or cancelled with its units released, never both, and Redis must
 * agree with PostgreSQL on every SKU.
 */
@QuarkusTest
class PayVersusTimeoutRaceTest {

    private static final int ORDERS = 200;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    TestClock clock;
    @Inject
    LifecycleTimerJobs timers;
    @Inject
    OrderLifecycle lifecycle;
    @Inject
    CircuitBreakerMaintenance breakers;
    @TestHTTPResource(SandboxCallbacks.WEBHOOK)
    URI webhook;

    private UUID north;
    private UUID south;
    private UUID earbuds;
    private UUID cable;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        UUID merchant = Catalog.merchant("Race merchant " + UUID.randomUUID());
        north = Catalog.warehouse(merchant, "NORTH");
        south = Catalog.warehouse(merchant, "SOUTH");
        earbuds = Catalog.sku(merchant, "Earbuds", 12_900);
        cable = Catalog.sku(merchant, "Cable", 900);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(earbuds, north, 250);
        Catalog.loadStock(earbuds, south, 250);
        Catalog.loadStock(cable, north, 150);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private record Placed(String buyer, String orderId, String session, long payable) {
    }

    @Test
    void everyOrderEndsPaidOrCancelledNeverBothAndRedisAgreesWithPostgres() throws Exception {
        // Orders other tests left pending must not soak up the timer runs of this race: expire them first.
        clock.advance(Duration.ofMinutes(31));
        while (timers.expireDue().await().atMost(WAIT) > 0) {
            // until none is due
        }

        // Placed and paid for a few at a time (the race itself is below): the setup takes a fraction of the time.
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Placed> placed;
        List<CompletableFuture<Integer>> callbacks = new ArrayList<>();
        List<CompletableFuture<Integer>> timerRuns = new ArrayList<>();
        try {
            List<String> buyers = IntStream.range(0, ORDERS).mapToObj(i -> "racer-" + i + "-" + UUID.randomUUID())
                    .toList();
            List<JsonPath> orders = inParallel(threads, i -> {
                Map<UUID, Integer> items = new LinkedHashMap<>();
                items.put(earbuds, i % 3 + 1);
                if (i % 2 == 0) {
                    items.put(cable, 1);
                }
                return Orders.place(buyers.get(i), Orders.body(items)).then().statusCode(201).extract().jsonPath();
            });
            // A payment session is opened for an order PostgreSQL has.
            Eventually.await(WAIT, () -> assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = ANY($1)",
                    (Object) orders.stream().map(order -> UUID.fromString(order.getString("id"))).toArray(UUID[]::new)))
                    .isEqualTo(ORDERS));
            // Sessions opened late enough (15 minutes to pay one) to be open still when the 30 minutes to pay are up.
            clock.advance(Duration.ofMinutes(20));
            placed = inParallel(threads, i -> {
                JsonPath order = orders.get(i);
                String session = Payments.open(buyers.get(i), order.getString("id")).then().statusCode(201)
                        .extract().path("sessionId");
                return new Placed(buyers.get(i), order.getString("id"), session, order.getLong("payable"));
            });
            clock.advance(Duration.ofMinutes(11)); // every order is now past its deadline

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < ORDERS; i++) {
                Placed order = placed.get(i);
                SandboxCallbacks.Signed signed = i % 4 == 3
                        ? SandboxCallbacks.failed(order.session(), "tx-" + UUID.randomUUID(), order.payable(), "EUR",
                        clock.instant())
                        : SandboxCallbacks.succeeded(order.session(), "tx-" + UUID.randomUUID(), order.payable(), "EUR",
                        clock.instant());
                HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header(SandboxSignature.TIMESTAMP_HEADER, signed.timestamp())
                        .header(SandboxSignature.SIGNATURE_HEADER, signed.signature())
                        .POST(HttpRequest.BodyPublishers.ofString(signed.body())).build();
                callbacks.add(CompletableFuture.supplyAsync(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .thenApply(HttpResponse::statusCode).join(), threads));
                // One timer run per order, each claiming a single due order, interleaved with the callbacks.
                timerRuns.add(CompletableFuture.supplyAsync(() -> lifecycle.expireDue(1).await().atMost(WAIT), threads));
            }
            CompletableFuture.allOf(callbacks.toArray(CompletableFuture[]::new)).get();
            CompletableFuture.allOf(timerRuns.toArray(CompletableFuture[]::new)).get();
        } finally {
            threads.shutdownNow();
        }
        assertThat(callbacks).allSatisfy(status -> assertThat(status.join()).isEqualTo(200));
        // A single-order run may have found its order already paid; the next tick expires what is still due.
        timers.expireDue().await().atMost(WAIT);

        // Each order's outcome, read a few orders at a time, then checked one by one.
        ExecutorService readers = Executors.newFixedThreadPool(8);
        List<Outcome> outcomes;
        try {
            List<Placed> settled = placed;
            outcomes = inParallel(readers, i -> {
                Placed order = settled.get(i);
                UUID id = UUID.fromString(order.orderId());
                return new Outcome(id, Payments.order(order.buyer(), order.orderId()).then().statusCode(200)
                        .extract().path("status"), redis.hash(String.class).hget(OrderKeys.hold(id), "status"),
                        database.count("SELECT count(*) FROM order_transition WHERE order_id = $1 "
                                + "AND to_status = 'AWAITING_SHIPMENT'", id),
                        database.count("SELECT count(*) FROM customer_order WHERE id = $1 "
                                + "AND stock_settled_at IS NOT NULL", id));
            });
        } finally {
            readers.shutdownNow();
        }
        int paid = 0;
        int cancelled = 0;
        for (Outcome outcome : outcomes) {
            UUID id = outcome.id();
            String status = outcome.status();
            String hold = outcome.hold();
            long intoShipment = outcome.intoShipment();
            assertThat(outcome.settled()).as("order %s settled in Redis", id).isEqualTo(1);
            if (status.equals("AWAITING_SHIPMENT")) {
                paid++;
                assertThat(hold).as("paid order %s", id).isEqualTo("PAID");
                assertThat(intoShipment).isEqualTo(1);
            } else {
                cancelled++;
                assertThat(status).isEqualTo("CANCELLED");
                assertThat(hold).as("cancelled order %s", id).isEqualTo("RELEASED");
                assertThat(intoShipment).isZero();
            }
        }
        assertThat(paid + cancelled).isEqualTo(ORDERS);
        assertThat(cancelled).as("the declined ones").isEqualTo(ORDERS / 4);

        for (UUID sku : List.of(earbuds, cable)) {
            Map<String, String> stock = redis.hash(String.class).hgetall(InventoryKeys.sku(sku));
            long available = units(stock, "available");
            long held = units(stock, "held");
            long sold = units(stock, "sold");
            long inWarehouses = stock.entrySet().stream().filter(e -> e.getKey().startsWith("wh:"))
                    .mapToLong(e -> Long.parseLong(e.getValue())).sum();
            long soldInPostgres = database.count("SELECT coalesce(sum(l.quantity), 0) FROM order_line l "
                    + "JOIN customer_order o ON o.id = l.order_id WHERE l.sku_id = $1 AND o.status = 'AWAITING_SHIPMENT'", sku);
            assertThat(units(stock, "loaded")).as("SKU %s loaded = available + held + sold", sku)
                    .isEqualTo(available + held + sold);
            assertThat(held).as("SKU %s held", sku).isZero();
            assertThat(sold).as("SKU %s sold in Redis vs PostgreSQL", sku).isEqualTo(soldInPostgres);
            assertThat(inWarehouses).as("SKU %s warehouses", sku).isEqualTo(available);
        }

        long paidOnTime = database.count("SELECT count(*) FROM payment_callback c JOIN payment p ON p.id = c.payment_id "
                + "WHERE p.session_id = ANY($1) AND c.outcome = 'PAID'", (Object) sessions(placed));
        long revived = database.count("SELECT count(*) FROM payment_callback c JOIN payment p ON p.id = c.payment_id "
                + "WHERE p.session_id = ANY($1) AND c.outcome = 'LATE_REVIVED'", (Object) sessions(placed));
        assertThat(paidOnTime + revived).isEqualTo(paid);
        System.out.printf("Pay vs timeout race: %d orders, %d paid (%d before the timer, %d revived as late payments), "
                + "%d cancelled%n", ORDERS, paid, paidOnTime, revived, cancelled);
    }

    private record Outcome(UUID id, String status, String hold, long intoShipment, long settled) {
    }

    /** {@code task(i)} for each of the ORDERS, run on {@code threads}; the results in order. */
    private static <T> List<T> inParallel(ExecutorService threads, IntFunction<T> task) {
        List<CompletableFuture<T>> running = IntStream.range(0, ORDERS)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> task.apply(i), threads)).toList();
        return running.stream().map(CompletableFuture::join).toList();
    }

    private static String[] sessions(List<Placed> placed) {
        return placed.stream().map(Placed::session).toArray(String[]::new);
    }

    private static long units(Map<String, String> stock, String field) {
        String value = stock.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }
}
