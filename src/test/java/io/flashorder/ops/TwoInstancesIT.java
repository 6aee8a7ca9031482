package io.flashorder.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Eventually;
import io.flashorder.support.FreshRedis;
import io.flashorder.support.Orders;
import io.flashorder.support.Parallel;
import io.flashorder.support.Pricing;
import io.flashorder.support.RedisServer;
import io.flashorder.support.TcpProxy;
import io.flashorder.support.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the packaged service (separate JVMs, as two pods) on one PostgreSQL and one Redis: a stampede
 * through both sells exactly the stock and every order reaches PostgreSQL once (the writers share one consumer group),
 * each payment deadline is acted on by one of them (the timers claim rows with SKIP LOCKED), a sold-out learned by
 * one is known to the other (pub/sub), and killing one with SIGKILL in the middle of a stampede loses no accepted
 * order (the survivor claims the entries the dead one had read but not written). Runs in {@code verify} after the
 * application is packaged, against the servers of scripts/services.sh (the Redis Cluster too, with
 * {@code FLASHORDER_REDIS_MODE=cluster}); its own database {@code flashorder_it} and, on a single Redis, database
 * 8 above the tests' own (9 by default).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Times a buyer answered 503 sends its order again (same Idempotency-Key) before its answer counts. */
    private static final int RETRIES = 3;
    private static final String DATABASE = "flashorder_it";
    /** Beside the tests' own database (FreshRedis), eight further: runs on databases 1 to 7 never meet here. */
    private static final String REDIS_DATABASE = Integer.toString(Integer.parseInt(FreshRedis.database()) + 8);
    private static final Pattern CANCELLED_LOG = Pattern.compile("Cancelled (\\d+) order\\(s\\) past their payment deadline");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TcpProxy databaseOfB;
    private static ServiceInstance a;
    private static ServiceInstance b;
    private static UUID merchant;
    private static UUID warehouse;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        System.setProperty("smallrye.jwt.sign.key.location", "build/keys/privateKey.pem");
        System.setProperty("smallrye.jwt.new-token.issuer", "https://flashorder.io");
        freshDatabase();
        freshRedis();
        databaseOfB = TcpProxy.cutTo("127.0.0.1", pgPort());
        databaseOfB.open();
        a = ServiceInstance.start("flashorder-it-a", ServiceInstance.freePort(), environment(pgPort()), properties());
        b = ServiceInstance.start("flashorder-it-b", ServiceInstance.freePort(), environment(databaseOfB.port()),
                properties());
        a.awaitReady(Duration.ofSeconds(120));
        b.awaitReady(Duration.ofSeconds(120));
        RestAssured.port = a.port();
        merchant = Catalog.merchant("Two instances merchant " + UUID.randomUUID());
        warehouse = Catalog.warehouse(merchant, "NORTH");
        Pricing.defaultShippingTemplate(merchant);
    }

    @AfterAll
    static void stop() {
        RestAssured.reset();
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (databaseOfB != null) {
            databaseOfB.close();
        }
    }

    @Test
    @Order(1)
    void aStampedeThroughBothSellsExactlyTheStockAndEachPaymentDeadlineIsActedOnOnce() throws Exception {
        int stock = 200;
        UUID sku = skuWithStock("Two-instance phone", stock);
        // A 503 (an instance that could not answer in time on a loaded machine) is retried with its key, as clients do.
        List<HttpResponse<String>> responses = Parallel.spreadRetryingUnavailable(alternately(), 800, 100,
                RETRIES + 1, buyer("stampede", sku));

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(byStatus).containsOnlyKeys(201, 409);
        assertThat(byStatus.get(201)).isEqualTo(stock);
        assertThat(responses.stream().filter(r -> r.statusCode() == 409))
                .allSatisfy(r -> assertThat(r.body()).contains("\"code\":\"sold-out\""));
        Map<String, List<String>> acceptedBy = acceptedOrdersByInstance(responses);
        assertThat(acceptedBy.get(a.name())).as("orders accepted by A").isNotEmpty();
        assertThat(acceptedBy.get(b.name())).as("orders accepted by B").isNotEmpty();
        assertThat(stockCounters(sku)).containsEntry("available", "0").containsEntry("held", Integer.toString(stock));

        // Every accepted order in PostgreSQL once, written by writers of one group that both instances joined.
        Set<String> accepted = acceptedBy.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        Eventually.await(WAIT, () -> assertThat(ordersOf(sku)).containsExactlyInAnyOrderElementsOf(accepted));
        assertThat(sql("SELECT coalesce(sum(quantity), 0) FROM order_line WHERE sku_id = ?", sku)).isEqualTo(stock);
        assertThat(redisLines("XINFO", "GROUPS", OrderKeys.PLACED_STREAM)).containsOnlyOnce(OrderKeys.WRITER_GROUP);
        assertThat(consumers().keySet()).anyMatch(name -> name.startsWith(a.name()))
                .anyMatch(name -> name.startsWith(b.name()));
        Eventually.await(WAIT, () -> assertThat(pendingEntries()).isZero());

        // Their payment deadlines pass: both pods' timers run every second; each order is cancelled by one of them.
        long cancelledBefore = cancelledLogged();
        try (Connection db = connect(DATABASE); PreparedStatement due = db.prepareStatement(
                "UPDATE customer_order SET payment_deadline = now() - interval '1 second' WHERE id IN "
                        + "(SELECT order_id FROM order_line WHERE sku_id = ?)")) {
            due.setObject(1, sku);
            assertThat(due.executeUpdate()).isEqualTo(stock);
        }
        Eventually.await(WAIT, () -> assertThat(sql("SELECT count(*) FROM customer_order WHERE status = 'CANCELLED' "
                + "AND id IN (SELECT order_id FROM order_line WHERE sku_id = ?)", sku)).isEqualTo(stock));
        assertThat(sql("SELECT count(*) FROM order_transition WHERE to_status = 'CANCELLED' AND merchant_order_id IS NULL "
                + "AND order_id IN (SELECT order_id FROM order_line WHERE sku_id = ?)", sku)).isEqualTo(stock);
        Eventually.await(WAIT, () -> assertThat(cancelledLogged() - cancelledBefore).isEqualTo(stock));
        System.out.printf("[two instances] accepted by A %d, by B %d; deadlines acted on by A %d, by B %d%n",
                acceptedBy.get(a.name()).size(), acceptedBy.get(b.name()).size(), a.sumLogged(CANCELLED_LOG),
                b.sumLogged(CANCELLED_LOG));
        Eventually.await(WAIT, () -> assertThat(stockCounters(sku))
                .containsEntry("available", Integer.toString(stock)).containsEntry("held", "0"));
    }

    @Test
    @Order(2)
    void aSoldOutLearnedByOneInstanceIsKnownToTheOther() {
        UUID sku = skuWithStock("Two-instance lamp", 2);
        Map<String, Object> body = Orders.body(Map.of(sku, 2));
        place(a, "first-" + UUID.randomUUID(), body).then().statusCode(201);
        // A asks Redis, which announces the SKU sold out to every instance.
        place(a, "late-" + UUID.randomUUID(), Orders.body(Map.of(sku, 1))).then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("sold-out"));

        // B never asked Redis about this SKU, yet refuses it at its edge (the refusal counter counts only those).
        double edgeRefusalsBefore = b.metric("flashorder_sold_out_fast_refusals_total", "");
        Eventually.await(Duration.ofSeconds(10), () -> {
            place(b, "told-" + UUID.randomUUID(), Orders.body(Map.of(sku, 1))).then().statusCode(409)
                    .body("code", org.hamcrest.Matchers.equalTo("sold-out"));
            assertThat(b.metric("flashorder_sold_out_fast_refusals_total", "")).isGreaterThan(edgeRefusalsBefore);
        });
    }

    @Test
    @Order(3)
    void killingOneInstanceMidStampedeLosesNoAcceptedOrder() throws Exception {
        int stock = 300;
        UUID sku = skuWithStock("Two-instance console", stock);
        // B's PostgreSQL goes away: B keeps taking orders (they only need Redis), its writer reads entries it cannot
        // write, so they wait in B's pending list, and B dies with them.
        databaseOfB.cut();
        double acceptedBefore = b.metric("flashorder_placements_total", "outcome=\"accepted\"");
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        List<Parallel.Call> buyers = IntStream.range(0, 1_200).mapToObj(buyer("crash", sku)).toList();
        Thread stampede = Thread.ofPlatform().start(() -> answers.addAll(
                Parallel.spread(alternately(), buyers.size(), 100, buyers::get)));
        Map<String, Long> atKill = new HashMap<>();
        String consumerOfB = Eventually.awaitValue(WAIT, () -> {
            assertThat(b.metric("flashorder_placements_total", "outcome=\"accepted\"")).as("B's accepted orders")
                    .isGreaterThanOrEqualTo(acceptedBefore + 30);
            Map.Entry<String, Long> pending = consumers().entrySet().stream()
                    .filter(consumer -> consumer.getKey().startsWith(b.name()) && consumer.getValue() > 0)
                    .findFirst().orElseThrow(() -> new AssertionError("B's writer holds no unwritten order yet"));
            atKill.put(pending.getKey(), pending.getValue());
            return pending.getKey();
        });
        b.kill();
        stampede.join();

        List<HttpResponse<String>> byCall = new ArrayList<>();
        int failedOnB = 0;
        for (int i = 0; i < answers.size(); i++) {
            try {
                byCall.add(answers.get(i).join());
            } catch (CompletionException lostConnection) {
                assertThat(i % 2).as("only B's requests fail").isEqualTo(1);
                failedOnB++;
                byCall.add(null);
            }
        }
        assertThat(failedOnB).as("requests B did not answer: it died mid-load").isPositive();
        // A 503 is retried with its key at the instance still alive, as a client behind a load balancer would.
        long unavailable = byCall.stream().filter(r -> r != null && r.statusCode() == 503).count();
        URI toA = a.uri("/api/v1/orders");
        Parallel.retryUnavailable(byCall, i -> toA, 100, RETRIES, buyers);
        List<HttpResponse<String>> answered = byCall.stream().filter(Objects::nonNull).toList();
        assertThat(answered).extracting(HttpResponse::statusCode).containsOnly(201, 409);
        Set<String> accepted = acceptedOrdersByInstance(answered).values().stream().flatMap(List::stream)
                .collect(Collectors.toSet());

        // A claims what B had read and not written: every accepted order reaches PostgreSQL, and every unit Redis
        // holds for this SKU belongs to an order PostgreSQL has (an order B accepted but could not answer included).
        Eventually.await(WAIT, () -> assertThat(consumers().getOrDefault(consumerOfB, 0L)).isZero());
        Eventually.await(WAIT, () -> assertThat(pendingEntries()).isZero());
        Eventually.await(WAIT, () -> assertThat(ordersOf(sku)).containsAll(accepted));
        Map<String, String> counters = stockCounters(sku);
        long held = Long.parseLong(counters.get("held"));
        assertThat(Long.parseLong(counters.get("available")) + held + Long.parseLong(counters.getOrDefault("sold", "0")))
                .isEqualTo(stock);
        assertThat(sql("SELECT coalesce(sum(quantity), 0) FROM order_line WHERE sku_id = ?", sku)).isEqualTo(held);
        assertThat(held).isGreaterThanOrEqualTo(accepted.size());
        System.out.printf("[two instances] B killed holding %d unwritten entries; %d requests to B unanswered; "
                + "%d answered 503 and retried; %d orders answered 201, %d units held, all in PostgreSQL%n",
                atKill.get(consumerOfB), failedOnB, unavailable, accepted.size(), held);
    }

    // --- the stampede --------------------------------------------------------------------------------------------

    /** Even requests to A, odd ones to B. */
    private static IntFunction<URI> alternately() {
        URI toA = a.uri("/api/v1/orders");
        URI toB = b.uri("/api/v1/orders");
        return i -> i % 2 == 0 ? toA : toB;
    }

    private static IntFunction<Parallel.Call> buyer(String prefix, UUID sku) throws Exception {
        String body = JSON.writeValueAsString(Orders.body(Map.of(sku, 1)));
        String run = UUID.randomUUID().toString();
        return i -> new Parallel.Call(Tokens.customer(prefix + "-" + run + "-" + i), UUID.randomUUID().toString(), body);
    }

    /** The ids of the created orders, by the instance that answered (the answers are in request order). */
    private static Map<String, List<String>> acceptedOrdersByInstance(List<HttpResponse<String>> responses) {
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        accepted.put(a.name(), new ArrayList<>());
        accepted.put(b.name(), new ArrayList<>());
        for (HttpResponse<String> response : responses) {
            if (response.statusCode() == 201) {
                String instance = response.uri().getPort() == a.port() ? a.name() : b.name();
                accepted.get(instance).add(id(response.body()));
            }
        }
        return accepted;
    }

    private static String id(String orderJson) {
        try {
            return JSON.readTree(orderJson).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError("Not an order: " + orderJson, e);
        }
    }

    private static io.restassured.response.Response place(ServiceInstance instance, String buyer, Map<String, Object> body) {
        return given().port(instance.port()).header("Authorization", Tokens.bearer(Tokens.customer(buyer)))
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/orders");
    }

    /** A SKU of the test merchant with stock in Redis, known to both instances (B hears of it through pub/sub). */
    private static UUID skuWithStock(String title, int units) {
        UUID sku = Catalog.sku(merchant, title + " " + UUID.randomUUID(), 10_000);
        Catalog.loadStock(sku, warehouse, units);
        Eventually.await(WAIT, () -> given().port(b.port())
                .header("Authorization", Tokens.bearer(Tokens.customer("previewer-" + UUID.randomUUID())))
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)), "regionCode", "NORTH"))
                .post("/api/v1/carts/price").then().statusCode(200));
        return sku;
    }

    private long cancelledLogged() {
        return a.sumLogged(CANCELLED_LOG) + b.sumLogged(CANCELLED_LOG);
    }

    // --- the instances' environment --------------------------------------------------------------------------------

    private static int pgPort() {
        String port = System.getenv("FLASHORDER_PG_PORT");
        return port == null || port.isBlank() ? 55432 : Integer.parseInt(port.strip());
    }

    private static Map<String, String> environment(int postgresPort) {
        Map<String, String> environment = new HashMap<>();
        environment.put("FLASHORDER_DB_REACTIVE_URL", "postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE);
        environment.put("FLASHORDER_DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE);
        if (!RedisServer.cluster()) {
            // On the cluster, scripts/prepare.sh has set the hosts and the client type for every JVM it starts.
            environment.put("FLASHORDER_REDIS_URL", "redis://127.0.0.1:" + RedisServer.port() + "/" + REDIS_DATABASE);
        }
        return environment;
    }

    private static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.log.console.json.enabled", "false");
        properties.put("quarkus.shutdown.delay-enabled", "false");
        properties.put("flashorder.lifecycle.deadline-every", "1s");
        // Small timer batches (one transaction each), so both pods' timers work through the same due orders at once.
        properties.put("flashorder.lifecycle.batch-size", "20");
        // Patience (1 s in production, 5 s in the test profile): here two service JVMs, the test JVM that drives them and
        // the servers share a 2-core machine, often with other builds; an answer later than this is a 503.
        properties.put("flashorder.inventory.reservation-timeout", "10S");
        // A dead consumer's entries are taken over after 5 s instead of 30 s (a live one acknowledges well before).
        properties.put("flashorder.order-writer.claim-idle", "5s");
        properties.put("flashorder.order-writer.claim-every", "1s");
        properties.put("flashorder.redis.subscriptions-watch-every", "1s");
        return properties;
    }

    // --- PostgreSQL and Redis, as an operator looks at them --------------------------------------------------------

    private static void freshDatabase() throws SQLException {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static void freshRedis() {
        for (int port : RedisServer.nodePorts()) {
            String reply = RedisServer.cluster() ? RedisServer.cliOn(port, "FLUSHDB")
                    : RedisServer.cliOn(port, "-n", REDIS_DATABASE, "FLUSHDB");
            assertThat(reply.strip()).as("FLUSHDB on " + port).isEqualTo("OK");
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort() + "/" + database, "flashorder",
                "flashorder");
    }

    private static long sql(String query, Object parameter) {
        try (Connection db = connect(DATABASE); PreparedStatement statement = db.prepareStatement(query)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> ordersOf(UUID sku) {
        try (Connection db = connect(DATABASE); PreparedStatement statement = db.prepareStatement(
                "SELECT DISTINCT order_id FROM order_line WHERE sku_id = ?")) {
            statement.setObject(1, sku);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** redis-cli against the server holding the application's keys (the {p} partition's node on a cluster). */
    private static List<String> redisLines(String... command) {
        List<String> args = new ArrayList<>();
        if (!RedisServer.cluster()) {
            args.addAll(List.of("-n", REDIS_DATABASE));
        }
        args.addAll(List.of(command));
        return RedisServer.cliOn(RedisServer.port(), args.toArray(String[]::new)).lines().map(String::strip).toList();
    }

    /** The SKU's stock hash: available, held, sold, loaded and its warehouses. */
    private static Map<String, String> stockCounters(UUID sku) {
        List<String> lines = redisLines("HGETALL", InventoryKeys.sku(sku));
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            hash.put(lines.get(i), lines.get(i + 1));
        }
        return hash;
    }

    /** The order writers' consumers and how many entries each has read and not acknowledged. */
    private static Map<String, Long> consumers() {
        List<String> lines = redisLines("XINFO", "CONSUMERS", OrderKeys.PLACED_STREAM, OrderKeys.WRITER_GROUP);
        Map<String, Long> pending = new HashMap<>();
        String name = null;
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals("name")) {
                name = lines.get(i + 1);
            } else if (lines.get(i).equals("pending") && name != null) {
                pending.put(name, Long.parseLong(lines.get(i + 1)));
            }
        }
        return pending;
    }

    private static long pendingEntries() {
        return Long.parseLong(redisLines("XPENDING", OrderKeys.PLACED_STREAM, OrderKeys.WRITER_GROUP).get(0));
    }
}
