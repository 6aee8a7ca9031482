package io.flashorder.notification;

import io.flashorder.events.EventStreams;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Orders;
import io.flashorder.support.SentMail;
import io.flashorder.support.SmtpServer;
import io.flashorder.support.TestProfiles;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMTP server goes away: the mailer of this profile sends to a real aiosmtpd server of its own, which the test
 * stops (its port refuses connections) and starts again. An email that fails is retried with growing back-off (the
 * event consumer's: initial × 2^(attempt-1)), only on its channel (the SMS went the first time), and delivered exactly
 * once when the server is back; when it never comes back, it is dead-lettered after the last attempt.
 */
@QuarkusTest
@TestProfile(TestProfiles.QuickRetries.class)
class SmtpOutageTest {

    static final String SERVER = TestProfiles.OUTAGE_SMTP_SERVER;
    static final int MAX_ATTEMPTS = TestProfiles.QUICK_RETRIES_MAX_ATTEMPTS;
    static final Duration RETRY_INITIAL = Duration.parse(TestProfiles.QUICK_RETRIES_INITIAL);

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    RedisDataSource redis;

    private final SmtpServer server = SmtpServer.named(SERVER);

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void anEmailRetriedWithBackOffDuringTheOutageIsDeliveredOnceWhenTheServerIsBack() {
        String email = "buyer-outage-" + UUID.randomUUID() + "@example.com";
        UUID orderId = placedWithEmail("smtp-outage-back", email);

        Map<Integer, Long> failures = watchEmail(orderId, row -> row.status().equals("FAILED") && row.attempts() >= 2);
        assertBackedOff(failures);
        // Analytics reads the same group's entries: the failing email does not hold the rollups back.
        // (Its OrderPlaced is applied: the merchant order's analytics timeline has the placement.)
        assertThat(database.count("SELECT count(*) FROM analytics_order_timeline WHERE order_id = $1"
                + " AND placed_at IS NOT NULL", orderId)).isEqualTo(1);
        server.start();
        Map<Integer, Long> attempts = watchEmail(orderId, row -> row.status().equals("SENT"));
        Delivery sent = email(orderId);
        assertThat(sent.attempts()).isGreaterThan(2).isLessThanOrEqualTo(MAX_ATTEMPTS);
        assertBackedOff(attempts);
        awaitAcknowledged(sent.eventId());
        List<SentMail> mail = mailOf(sent.eventId());
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).header("X-RcptTo")).isEqualTo(email);
        assertThat(mail.get(0).header("X-Flashorder-Notice")).isEqualTo("ORDER_PLACED");
        // The text went the first time and was not sent again by the email's retries.
        assertThat(database.strings("SELECT status || ':' || attempts FROM notification_delivery "
                + "WHERE order_id = $1 AND channel = 'SMS'", orderId)).containsExactly("SENT:1");
        assertThat(database.count("SELECT count(*) FROM sandbox_sms WHERE body LIKE $1", "%" + orderId + "%"))
                .isEqualTo(1);
    }

    @Test
    void anEmailWhoseServerNeverComesBackIsDeadLetteredAfterItsLastAttempt() {
        String email = "buyer-outage-dead-" + UUID.randomUUID() + "@example.com";
        UUID orderId = placedWithEmail("smtp-outage-dead", email);

        Map<Integer, Long> attempts = watchEmail(orderId, row -> row.status().equals("DEAD"));
        assertThat(attempts.keySet()).containsExactly(1, 2, 3, 4, 5);
        assertBackedOff(attempts);
        Delivery dead = email(orderId);
        assertThat(dead.attempts()).isEqualTo(MAX_ATTEMPTS);
        awaitAcknowledged(dead.eventId());
        assertThat(mailOf(dead.eventId())).isEmpty();
        assertThat(database.strings("SELECT status FROM notification_delivery WHERE order_id = $1 AND channel = 'SMS'",
                orderId)).containsExactly("SENT");

        List<Map<String, Object>> letters = given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/notifications/dead-letters?limit=100").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(letters).anySatisfy(row -> {
            assertThat(row.get("orderId")).isEqualTo(orderId.toString());
            assertThat(row.get("channel")).isEqualTo("EMAIL");
            assertThat(row.get("attempts")).isEqualTo(MAX_ATTEMPTS);
            assertThat((String) row.get("lastError")).isNotBlank().doesNotContain(email);
        });
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("flashorder_notifications_dead_letters_total\\{channel=\"email\"[^}]*} [1-9]");
    }

    private List<SentMail> mailOf(String eventId) {
        return SentMail.in(server.maildir()).stream()
                .filter(mail -> eventId.equals(mail.header("X-Flashorder-Event"))).toList();
    }

    private record Delivery(String eventId, String status, int attempts, long updatedAtMillis) {
    }

    /**
     * Polls the order's email delivery until {@code done}; answers when each attempt was recorded (epoch ms, by attempt
     * number), as far as the polling saw them (attempts are half a second apart or more, polls 20 ms).
     */
    private Map<Integer, Long> watchEmail(UUID orderId, Predicate<Delivery> done) {
        Map<Integer, Long> seen = new TreeMap<>();
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            List<Delivery> rows = emails(orderId);
            if (!rows.isEmpty()) {
                Delivery row = rows.get(0);
                seen.putIfAbsent(row.attempts(), row.updatedAtMillis());
                if (done.test(row)) {
                    return seen;
                }
            }
            pause();
        }
        throw new AssertionError("Email of order " + orderId + " still " + emails(orderId) + " after " + DEADLINE);
    }

    /**
     * The retries waited the back-off of the attempts before them. Attempt n+1 is claimed once attempt n's delivery
     * has been idle for initial × 2^(n-1); the rows record when each attempt's failure was written, which may lag
     * its delivery by as much as a loaded machine takes to fail and write (up to {@code SLACK}). So each pause is at
     * least its back-off less that slack, and from the first attempt to the last seen (the lags telescope) at least
     * the sum of the back-offs less that slack once.
     */
    private static void assertBackedOff(Map<Integer, Long> attempts) {
        long slack = 1_000;
        long sum = 0;
        for (Map.Entry<Integer, Long> entry : attempts.entrySet()) {
            Long next = attempts.get(entry.getKey() + 1);
            if (next != null) {
                long backOff = RETRY_INITIAL.toMillis() << (entry.getKey() - 1);
                assertThat(next - entry.getValue()).as("pause after attempt %d", entry.getKey())
                        .isGreaterThanOrEqualTo(backOff - slack);
                sum += backOff;
            }
        }
        long first = attempts.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = attempts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(last - first).as("first to last attempt").isGreaterThanOrEqualTo(sum - slack);
    }

    private Delivery email(UUID orderId) {
        List<Delivery> rows = emails(orderId);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private List<Delivery> emails(UUID orderId) {
        return database.strings("""
                SELECT event_id || ' ' || status || ' ' || attempts || ' '
                       || (extract(epoch FROM updated_at) * 1000)::bigint
                FROM notification_delivery WHERE order_id = $1 AND channel = 'EMAIL' AND kind = 'ORDER_PLACED'""",
                orderId).stream().map(text -> {
                    String[] parts = text.split(" ");
                    return new Delivery(parts[0], parts[1], Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
                }).toList();
    }

    /** The group sending notices (shared with analytics) acknowledged the event's stream entry: nothing more will be sent for it. */
    private void awaitAcknowledged(String eventId) {
        String entry = redis.stream(String.class).xrange(EventStreams.ORDERS, StreamRange.of("-", "+")).stream()
                .filter(message -> eventId.equals(message.payload().get("eventId"))).findFirst().orElseThrow().id();
        Eventually.await(DEADLINE, () -> assertThat(redis.execute("XPENDING", EventStreams.ORDERS,
                EventStreams.ANALYTICS_NOTIFICATIONS_GROUP, entry, entry, "1").size()).isZero());
    }

    /** A buyer who chose to get email at {@code email} places an order (while the server is stopped). */
    private UUID placedWithEmail(String shopName, String email) {
        Shop shop = lifecycle.shop(shopName);
        String buyer = email.substring(0, email.indexOf('@'));
        given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body(Map.of("email", email)).put("/api/v1/notification-preferences").then().statusCode(200);
        return UUID.fromString(Orders.place(buyer, Orders.body(Map.of(shop.skuId(), 1)))
                .then().statusCode(201).extract().path("id"));
    }

    private static void pause() {
        try {
            Thread.sleep(20); // polling the delivery row; the application's own timing is what is measured
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
