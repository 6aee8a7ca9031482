package io.flashorder.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.ReservationOutcome;
import io.flashorder.inventory.ReservationService;
import io.flashorder.platform.redis.SlotTags;
import io.flashorder.security.PiiCipher;
import io.flashorder.support.PlacedOrders;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The blacklist admin API: entries round-trip, and bad input or the wrong caller gets a 4xx problem. Entries reach
 * every slot's copy, also those written to {@code {p}} alone before the copies existed.
 */
@QuarkusTest
class BlacklistResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RedisDataSource redis;
    @Inject
    BlacklistCopies copies;
    @Inject
    ReservationService reservations;
    @Inject
    PiiCipher pii;
    @Inject
    ObjectMapper json;

    private io.restassured.specification.RequestSpecification asAdmin() {
        return given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON);
    }

    @Test
    void anAddressEntryIsListedUntilRemoved() {
        Map<String, Object> entry = Map.of("kind", "ADDRESS", "value", "  7 Fraud Lane, Flat " + UUID.randomUUID(),
                "regionCode", "south");
        asAdmin().body(entry).post("/api/v1/admin/blacklist/entries").then().statusCode(201);
        asAdmin().body(entry).post("/api/v1/admin/blacklist/entries").then().statusCode(200);
        asAdmin().body(entry).post("/api/v1/admin/blacklist/lookups").then().statusCode(200).body("listed", equalTo(true));
        asAdmin().body(entry).post("/api/v1/admin/blacklist/removals").then().statusCode(200).body("existed", equalTo(true));
        asAdmin().body(entry).post("/api/v1/admin/blacklist/lookups").then().statusCode(200).body("listed", equalTo(false));
    }

    @Test
    void anEntryIsKeptInTheSlotOfEveryReservationScript() {
        String user = "fraudster-" + UUID.randomUUID();
        Map<String, Object> entry = Map.of("kind", "USER", "value", user);
        asAdmin().body(entry).post("/api/v1/admin/blacklist/entries").then().statusCode(201);
        // A bucketed order's script reads only its own slot's copy: every slot has the entry.
        String member = RiskKeys.blacklistMember(BlacklistKind.USER, user);
        assertThat(RiskKeys.blacklistCopies()).hasSize(16)
                .allSatisfy(copy -> assertThat(redis.set(String.class).sismember(copy, member)).as(copy).isTrue());
        asAdmin().body(entry).post("/api/v1/admin/blacklist/removals").then().statusCode(200).body("existed", equalTo(true));
        assertThat(RiskKeys.blacklistCopies())
                .allSatisfy(copy -> assertThat(redis.set(String.class).sismember(copy, member)).as(copy).isFalse());
    }

    @Test
    void anEntryWrittenBeforeTheCopiesExistedReachesEverySlotOnceCopied() throws Exception {
        String user = "early-fraudster-" + UUID.randomUUID();
        String member = RiskKeys.blacklistMember(BlacklistKind.USER, user);
        redis.set(String.class).sadd(RiskKeys.blacklist(), member); // {p}'s list only, as it used to be
        OrderSlot bucket = OrderSlot.of(5);
        assertThat(reserveIn(bucket, user)).isNotInstanceOf(ReservationOutcome.Blacklisted.class);

        assertThat(copies.copyToEverySlot().await().atMost(WAIT)).isPositive();

        assertThat(RiskKeys.blacklistCopies())
                .allSatisfy(copy -> assertThat(redis.set(String.class).sismember(copy, member)).as(copy).isTrue());
        assertThat(reserveIn(bucket, user)).isInstanceOf(ReservationOutcome.Blacklisted.class);
        assertThat(copies.copyToEverySlot().await().atMost(WAIT)).as("nothing left to copy").isZero();
        asAdmin().body(Map.of("kind", "USER", "value", user)).post("/api/v1/admin/blacklist/removals").then()
                .statusCode(200);
    }

    @Test
    void entriesOfThePerKindSetsAreMergedIntoTheOneSetOfTheirSlot() throws Exception {
        // The layout before the kinds shared a set: one set per kind and slot, members without a kind prefix.
        String user = "per-kind-fraudster-" + UUID.randomUUID();
        String phone = Fingerprints.phone("+49 30 " + Math.floorMod(user.hashCode(), 10_000_000));
        OrderSlot bucket = OrderSlot.of(8);
        for (String tag : SlotTags.ALL) {
            redis.set(String.class).sadd(RiskKeys.perKindBlacklist(tag, BlacklistKind.USER), user);
        }
        redis.set(String.class).sadd(RiskKeys.perKindBlacklist(bucket.tag(), BlacklistKind.PHONE), phone);
        assertThat(reserveIn(bucket, user)).as("not merged yet").isNotInstanceOf(ReservationOutcome.Blacklisted.class);

        copies.copyToEverySlot().await().atMost(WAIT);

        assertThat(reserveIn(bucket, user)).isEqualTo(new ReservationOutcome.Blacklisted("user"));
        assertThat(reserveIn(OrderSlot.of(0), user)).isEqualTo(new ReservationOutcome.Blacklisted("user"));
        assertThat(redis.set(String.class).sismember(RiskKeys.blacklist(bucket.tag()),
                RiskKeys.blacklistMember(BlacklistKind.PHONE, phone))).isTrue();
        assertThat(SlotTags.ALL).allSatisfy(tag -> assertThat(redis.key(String.class).exists(
                RiskKeys.perKindBlacklist(tag, BlacklistKind.USER), RiskKeys.perKindBlacklist(tag, BlacklistKind.PHONE)))
                .as("per-kind sets of " + tag + " left").isZero());
        asAdmin().body(Map.of("kind", "USER", "value", user)).post("/api/v1/admin/blacklist/removals").then()
                .statusCode(200).body("existed", equalTo(true));
        assertThat(reserveIn(bucket, user)).isNotInstanceOf(ReservationOutcome.Blacklisted.class);
        redis.set(String.class).srem(RiskKeys.blacklist(bucket.tag()), RiskKeys.blacklistMember(BlacklistKind.PHONE, phone));
    }

    /** A one-line order of a SKU without stock, reserved in {@code slot}: the blacklist is checked before stock. */
    private ReservationOutcome reserveIn(OrderSlot slot, String user) throws Exception {
        PlacedOrders.Sample sample = PlacedOrders.ofSku(pii, user, UUID.randomUUID(), UUID.randomUUID());
        return reservations.reserve(PlacedOrders.reservation(slot, sample, json.writeValueAsString(sample.order()), 0))
                .await().atMost(WAIT);
    }

    @Test
    void badEntriesAreRefused() {
        asAdmin().body("{\"kind\":").post("/api/v1/admin/blacklist/entries")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("malformed-json"));
        asAdmin().body(Map.of("kind", "IP", "value", "1.2.3.4")).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("kind"));
        asAdmin().body(Map.of("kind", "USER")).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value"));
        asAdmin().body(Map.of("kind", "USER", "value", "x".repeat(301))).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("value"));
        asAdmin().body(Map.of("kind", "ADDRESS", "value", "1 Main Street")).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("regionCode"));
    }

    @Test
    void onlyAdminsManageBlacklists() {
        Map<String, Object> entry = Map.of("kind", "USER", "value", "someone");
        given().contentType(ContentType.JSON).body(entry).post("/api/v1/admin/blacklist/entries")
                .then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer(Tokens.customer("someone"))).contentType(ContentType.JSON)
                .body(entry).post("/api/v1/admin/blacklist/removals").then().statusCode(403).contentType(PROBLEM);
    }
}
