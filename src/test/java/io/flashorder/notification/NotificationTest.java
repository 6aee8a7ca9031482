package io.flashorder.notification;

import io.flashorder.events.EventStreams;
import io.flashorder.platform.redis.RedisMaps;
import io.flashorder.security.PiiCipher;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Lifecycle.Shop;
import io.flashorder.support.Orders;
import io.flashorder.support.SentMail;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buyer notices leave through the real SMTP server of scripts/services.sh (read back from its maildir) and the
 * sandbox SMS provider (table sandbox_sms), once per event and channel, in the buyer's language, as its preferences
 * allow; a redelivered event sends nothing again; a refused SMS is retried with back-off and then dead-lettered.
 */
@QuarkusTest
class NotificationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final String ORDER_PHONE = "+44 20 7946 0958";
    private static final String REFUSED_PHONE = "+8613900000000";

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    PiiCipher pii;
    @Inject
    RedisDataSource redis;

    @Test
    void eachNoticeGoesOncePerChannelInEnglishAsTheBuyerChose() {
        Shop shop = lifecycle.shop("notices-en");
        String buyer = "buyer-en-" + UUID.randomUUID();
        String email = buyer + "@example.com";
        preferences(buyer, Map.of("email", email, "locale", "en",
                "optOuts", List.of(Map.of("channel", "SMS", "kind", "ORDER_SHIPPED")))).then().statusCode(200);

        Lifecycle.PlacedOrder order = lifecycle.paid(buyer, shop);
        String orderId = order.orderId().toString();
        SentMail placed = onlyMail("ORDER_PLACED", orderId);
        assertThat(placed.header("X-RcptTo")).isEqualTo(email);
        assertThat(placed.header("Content-Language")).isEqualTo("en");
        assertThat(placed.subject()).isEqualTo("Order placed (order " + orderId + ")");
        assertThat(placed.body()).contains("Hello,").contains("Please pay €30.00 before 20")
                .contains("+08:00").doesNotContain("订单");
        SentMail paid = onlyMail("PAYMENT_SUCCEEDED", orderId);
        assertThat(paid.body()).contains("we received your payment of €30.00 for order " + orderId);
        Eventually.await(DEADLINE, () -> assertThat(sms(orderId)).hasSize(2));
        assertThat(sms(orderId)).allSatisfy(text -> assertThat(text).startsWith("Flashorder: "));
        assertThat(database.strings("SELECT phone_encrypted FROM sandbox_sms WHERE body LIKE $1", "%" + orderId + "%"))
                .allSatisfy(phone -> assertThat(pii.decrypt(phone)).isEqualTo(ORDER_PHONE));

        Lifecycle.ship(shop.merchantId(), order.merchantOrderOf(shop), "SF Express", "SF1234567890")
                .then().statusCode(201);
        SentMail shipped = onlyMail("ORDER_SHIPPED", orderId);
        assertThat(shipped.body()).contains("has shipped with SF Express, tracking number SF1234567890");
        // Turned off by SMS: the shipment notice went by email only, and it stays so.
        // The mail reaches the SMTP sink before the sender records its delivery: wait for the record.
        Eventually.await(DEADLINE, () -> assertThat(deliveries(orderId, "ORDER_SHIPPED")).containsExactly("EMAIL:SENT"));
        assertThat(sms(orderId)).hasSize(2);
        Eventually.await(DEADLINE, () -> assertThat(deliveries(orderId, "ORDER_PLACED"))
                .containsExactlyInAnyOrder("EMAIL:SENT", "SMS:SENT"));
    }

    @Test
    void aBuyerWhoChoseNoLanguageReadsChineseAndTheTokensClaimCounts() {
        Shop shop = lifecycle.shop("notices-zh");
        String buyer = "buyer-zh-" + UUID.randomUUID();
        preferences(buyer, Map.of("email", buyer + "@example.com")).then().statusCode(200).body("locale", equalTo("zh-CN"));

        Lifecycle.PlacedOrder order = lifecycle.placed(buyer, shop);
        String orderId = order.orderId().toString();
        SentMail placed = onlyMail("ORDER_PLACED", orderId);
        assertThat(placed.header("Content-Language")).isEqualTo("zh-CN");
        assertThat(placed.subject()).isEqualTo("订单已提交（订单 " + orderId + "）");
        assertThat(placed.body()).contains("您好，").contains("应付 €30.00，请在 20").contains("逾期订单将自动取消");
        Eventually.await(DEADLINE, () -> assertThat(sms(orderId)).singleElement().asString().startsWith("【Flashorder】"));

        String english = "buyer-claim-" + UUID.randomUUID();
        String token = Jwt.upn(english).groups(Set.of("customer")).claim("locale", "en-GB").sign();
        given().header("Authorization", Tokens.bearer(token)).get("/api/v1/notification-preferences")
                .then().statusCode(200).body("locale", equalTo("en"));
        given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON).body(Map.of())
                .put("/api/v1/notification-preferences").then().statusCode(200).body("locale", equalTo("en"));
    }

    @Test
    void aRedeliveredEventSendsNothingAgain() {
        Shop shop = lifecycle.shop("notices-redelivered");
        String buyer = "buyer-again-" + UUID.randomUUID();
        preferences(buyer, Map.of("email", buyer + "@example.com")).then().statusCode(200);
        Lifecycle.PlacedOrder order = lifecycle.placed(buyer, shop);
        String orderId = order.orderId().toString();
        SentMail placed = onlyMail("ORDER_PLACED", orderId);
        Eventually.await(DEADLINE, () -> assertThat(sms(orderId)).hasSize(1));

        StreamMessage<String, String, String> original = redis.stream(String.class)
                .xrange(EventStreams.ORDERS, io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")).stream()
                .filter(entry -> placed.header("X-Flashorder-Event").equals(entry.payload().get("eventId")))
                .findFirst().orElseThrow();
        String again = redis.stream(String.class).xadd(EventStreams.ORDERS, new HashMap<>(original.payload()));
        Eventually.await(DEADLINE, () -> assertThat(consumed(again)).isTrue());

        assertThat(SentMail.forEvent(placed.header("X-Flashorder-Event"))).hasSize(1);
        assertThat(sms(orderId)).hasSize(1);
    }

    @Test
    void aRefusedTextIsRetriedThenDeadLetteredWhileTheEmailGoesOnce() {
        Shop shop = lifecycle.shop("notices-refused");
        String buyer = "buyer-refused-" + UUID.randomUUID();
        preferences(buyer, Map.of("email", buyer + "@example.com")).then().statusCode(200);
        Map<String, Object> body = Orders.body(Map.of(shop.skuId(), 1));
        Map<String, Object> address = new HashMap<>(Orders.address());
        address.put("phone", REFUSED_PHONE);
        body.put("address", address);
        String orderId = Orders.place(buyer, body).then().statusCode(201).extract().path("id");

        Eventually.await(DEADLINE, () -> assertThat(deliveries(orderId, "ORDER_PLACED"))
                .containsExactlyInAnyOrder("EMAIL:SENT", "SMS:DEAD"));
        assertThat(database.count("SELECT attempts FROM notification_delivery d WHERE order_id = $1 AND channel = 'SMS'",
                UUID.fromString(orderId))).isEqualTo(4);
        assertThat(onlyMail("ORDER_PLACED", orderId).header("X-RcptTo")).isEqualTo(buyer + "@example.com");
        assertThat(sms(orderId)).isEmpty();

        List<Map<String, Object>> dead = given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .get("/api/v1/admin/notifications/dead-letters?limit=100").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(dead).anySatisfy(row -> {
            assertThat(row.get("orderId")).isEqualTo(orderId);
            assertThat(row.get("channel")).isEqualTo("SMS");
            assertThat(row.get("kind")).isEqualTo("ORDER_PLACED");
            assertThat((String) row.get("lastError")).contains("refused").doesNotContain("13900000000");
        });
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("flashorder_notifications_dead_letters_total\\{channel=\"sms\"[^}]*} [1-9]");
    }

    private static io.restassured.response.Response preferences(String buyer, Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(buyer))).contentType(ContentType.JSON)
                .body(body).put("/api/v1/notification-preferences");
    }

    private static SentMail onlyMail(String kind, String orderId) {
        return Eventually.awaitValue(DEADLINE, () -> {
            List<SentMail> mail = SentMail.of(kind, orderId);
            assertThat(mail).hasSize(1);
            return mail.get(0);
        });
    }

    private List<String> sms(String orderId) {
        return database.strings("SELECT body FROM sandbox_sms WHERE body LIKE $1 ORDER BY sent_at", "%" + orderId + "%");
    }

    private List<String> deliveries(String orderId, String kind) {
        return database.strings("""
                SELECT channel || ':' || status FROM notification_delivery WHERE order_id = $1 AND kind = $2
                ORDER BY channel""", UUID.fromString(orderId), kind);
    }

    /** Whether the group sending notices (shared with analytics) has read the entry and acknowledged everything it read. */
    private boolean consumed(String entryId) {
        var groups = redis.execute("XINFO", "GROUPS", EventStreams.ORDERS);
        for (int i = 0; i < groups.size(); i++) {
            Map<String, io.vertx.redis.client.Response> group = RedisMaps.fields(groups.get(i).getDelegate());
            if (EventStreams.ANALYTICS_NOTIFICATIONS_GROUP.equals(String.valueOf(group.get("name")))) {
                String last = String.valueOf(group.get("last-delivered-id"));
                return group.get("pending").toLong() == 0 && compare(last, entryId) >= 0;
            }
        }
        return false;
    }

    private static int compare(String a, String b) {
        String[] left = a.split("-");
        String[] right = b.split("-");
        int byTime = Long.compare(Long.parseLong(left[0]), Long.parseLong(right[0]));
        return byTime != 0 ? byTime : Long.compare(Long.parseLong(left[1]), Long.parseLong(right[1]));
    }

    private static org.hamcrest.Matcher<Object> equalTo(Object value) {
        return org.hamcrest.Matchers.equalTo(value);
    }
}
