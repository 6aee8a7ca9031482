package io.flashorder.platform.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Orders;
import io.flashorder.support.Parallel;
import io.flashorder.support.Pricing;
import io.flashorder.support.RedisServer;
import io.flashorder.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis drops the service's connections again and again in the middle of a stampede (as when a pod's peer dies, a
 * proxy resets or Redis restarts): every answer is still a clear 201, 409 or 503, every accepted order reaches
 * PostgreSQL, and no promise of the Redis client is completed twice (once seen as {@code IllegalStateException:
 * Result is already complete} in TwoInstancesIT's logs).
 */
@QuarkusTest
class RedisConnectionsCutTest {

    private static final int STOCK = 300;

    @Inject
    ObjectMapper json;
    @Inject
    Database database;
    @TestHTTPResource("/api/v1/orders")
    URI orders;

    @Test
    void cutConnectionsMidStampedeLoseNothingAndCompleteNoPromiseTwice() throws Exception {
        UUID merchant = Catalog.merchant("Connections cut " + UUID.randomUUID());
        UUID sku = Catalog.sku(merchant, "Cut cable", 1_000);
        Pricing.defaultShippingTemplate(merchant);
        Catalog.loadStock(sku, Catalog.warehouse(merchant, "NORTH"), STOCK);
        String body = json.writeValueAsString(Orders.body(Map.of(sku, 1)));
        // Taking orders (the stock verified) before the cuts begin.
        Eventually.await(Duration.ofSeconds(30), () -> assertThat(Orders.place("cut-warm-up",
                Orders.body(Map.of(sku, 1))).statusCode()).isEqualTo(201)); // refused ones place nothing
        Problems problems = Problems.watch();
        AtomicBoolean stampeding = new AtomicBoolean(true);
        Thread cutter = Thread.ofPlatform().start(() -> {
            while (stampeding.get()) {
                RedisServer.cli("CLIENT", "KILL", "TYPE", "normal"); // not this redis-cli itself (SKIPME)
                RedisServer.cli("CLIENT", "KILL", "TYPE", "pubsub");
                pause();
            }
        });
        List<HttpResponse<String>> answers;
        try {
            answers = Parallel.post(orders, 1_200, 200, i -> new Parallel.Call(Tokens.customer("cut-" + i),
                    UUID.randomUUID().toString(), body));
        } finally {
            stampeding.set(false);
            cutter.join();
        }

        assertThat(answers).extracting(HttpResponse::statusCode).allSatisfy(status ->
                assertThat(status).isIn(201, 409, 503));
        long accepted = answers.stream().filter(answer -> answer.statusCode() == 201).count() + 1;
        Eventually.await(Duration.ofSeconds(60), () -> assertThat(database.count(
                "SELECT count(DISTINCT order_id) FROM order_line WHERE sku_id = $1", sku)).isGreaterThanOrEqualTo(accepted));
        problems.stop();
        assertThat(problems.seen).as("promises completed twice").isEmpty();
    }

    private static void pause() {
        try {
            Thread.sleep(200); // often enough to hit commands in flight, rarely enough that orders still go through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Log records (any logger) that tell of a promise completed twice, with their stack traces. */
    private static final class Problems extends Handler {

        private final List<String> seen = new CopyOnWriteArrayList<>();

        static Problems watch() {
            Problems problems = new Problems();
            Logger.getLogger("").addHandler(problems);
            return problems;
        }

        void stop() {
            Logger.getLogger("").removeHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            String text = record.getLoggerName() + ": " + record.getMessage();
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text += "\n" + trace;
            }
            if (text.contains("already complete")) {
                seen.add(text);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
