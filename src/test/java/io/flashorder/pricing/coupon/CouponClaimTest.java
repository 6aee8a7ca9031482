package io.flashorder.pricing.coupon;

import io.flashorder.inventory.CouponKeys;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Pricing;
import io.flashorder.support.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class CouponClaimTest {

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;

    @Test
    void aClaimIsStoredAndMirroredInRedisOncePerUser() {
        UUID template = Pricing.fixedCouponTemplate(null, 500, 2_000L, 10);
        String user = "claimer-" + UUID.randomUUID();
        String couponId = given().header("Authorization", Tokens.bearer(Tokens.customer(user)))
                .post("/api/v1/coupons/{templateId}/claim", template)
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/coupons/"))
                .body("templateId", equalTo(template.toString()))
                .body("state", equalTo("AVAILABLE"))
                .body("scope", equalTo("PLATFORM"))
                .body("kind", equalTo("FIXED"))
                .body("amount", equalTo(500))
                .body("minSpend", equalTo(2_000))
                .extract().path("id");

        Map<String, String> hash = redis.hash(String.class).hgetall(CouponKeys.coupon(couponId));
        assertThat(hash).containsEntry("owner", user).containsEntry("templateId", template.toString())
                .containsEntry("state", "AVAILABLE");
        assertThat(database.count("SELECT count(*) FROM coupon WHERE id = $1 AND mirrored", UUID.fromString(couponId)))
                .isEqualTo(1);

        given().header("Authorization", Tokens.bearer(Tokens.customer(user)))
                .post("/api/v1/coupons/{templateId}/claim", template)
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("coupon-already-claimed")).body("templateId", equalTo(template.toString()));
        assertThat(database.count("SELECT count(*) FROM coupon WHERE template_id = $1", template)).isEqualTo(1);
        given().header("Authorization", Tokens.bearer(Tokens.admin())).get("/api/v1/admin/coupon-templates/{id}", template)
                .then().statusCode(200).body("issued", equalTo(1)).body("remaining", equalTo(9));
    }

    @Test
    void claimsAreRefusedForUnknownInactiveEndedAndExhaustedTemplates() {
        String token = Tokens.customer("refused-" + UUID.randomUUID());
        given().header("Authorization", Tokens.bearer(token))
                .post("/api/v1/coupons/{templateId}/claim", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("coupon-template-not-found"));
        given().header("Authorization", Tokens.bearer(token)).post("/api/v1/coupons/not-a-uuid/claim")
                .then().statusCode(404);

        Map<String, Object> body = Pricing.couponTemplateBody(null, "PERCENT", 5);
        body.put("percentBp", 1000);
        body.put("active", false);
        UUID inactive = Pricing.couponTemplate(body);
        given().header("Authorization", Tokens.bearer(token)).post("/api/v1/coupons/{templateId}/claim", inactive)
                .then().statusCode(409).body("code", equalTo("coupon-template-unavailable"));

        body.put("active", true);
        body.put("startsAt", Instant.now().minus(3, ChronoUnit.DAYS).toString());
        body.put("endsAt", Instant.now().minus(1, ChronoUnit.DAYS).toString());
        UUID ended = Pricing.couponTemplate(body);
        given().header("Authorization", Tokens.bearer(token)).post("/api/v1/coupons/{templateId}/claim", ended)
                .then().statusCode(409).body("code", equalTo("coupon-template-unavailable"));

        UUID one = Pricing.fixedCouponTemplate(null, 100, null, 1);
        Pricing.claim(one, Tokens.customer("first-" + UUID.randomUUID()));
        given().header("Authorization", Tokens.bearer(token)).post("/api/v1/coupons/{templateId}/claim", one)
                .then().statusCode(409).body("code", equalTo("coupons-exhausted"));
        assertThat(database.count("SELECT count(*) FROM coupon WHERE template_id IN ($1, $2, $3)", inactive, ended, one))
                .isEqualTo(1);

        // Only customers claim.
        given().header("Authorization", Tokens.bearer(Tokens.admin())).post("/api/v1/coupons/{templateId}/claim", one)
                .then().statusCode(403);
    }

    @Test
    void fiveHundredParallelClaimsForAHundredLeftIssueExactlyAHundred() throws Exception {
        UUID template = Pricing.fixedCouponTemplate(null, 100, null, 120);
        for (int i = 0; i < 20; i++) {
            Pricing.claim(template, Tokens.customer("early-" + i + "-" + template));
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            tokens.add(Tokens.customer("rush-" + i + "-" + template));
        }
        AtomicInteger created = new AtomicInteger();
        AtomicInteger exhausted = new AtomicInteger();
        Map<Integer, Integer> others = new ConcurrentHashMap<>();
        List<String> couponIds = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(64);
        long started = System.nanoTime();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (String token : tokens) {
                calls.add(pool.submit(() -> {
                    var response = given().header("Authorization", Tokens.bearer(token))
                            .post("/api/v1/coupons/{templateId}/claim", template);
                    if (response.statusCode() == 201) {
                        created.incrementAndGet();
                        couponIds.add(response.path("id"));
                    } else if (response.statusCode() == 409 && "coupons-exhausted".equals(response.path("code"))) {
                        exhausted.incrementAndGet();
                    } else {
                        others.merge(response.statusCode(), 1, Integer::sum);
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf("[claims] 500 parallel claims for 100 left: %d created, %d exhausted in %d ms%n",
                created.get(), exhausted.get(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

        assertThat(others).isEmpty();
        assertThat(created.get()).isEqualTo(100);
        assertThat(exhausted.get()).isEqualTo(400);
        assertThat(database.count("SELECT count(*) FROM coupon WHERE template_id = $1", template)).isEqualTo(120);
        assertThat(database.count("SELECT issued FROM coupon_template WHERE id = $1", template)).isEqualTo(120);
        long mirrored = couponIds.stream()
                .filter(id -> template.toString().equals(redis.hash(String.class).hget(CouponKeys.coupon(id), "templateId")))
                .count();
        assertThat(mirrored).isEqualTo(100);
    }

    @Test
    void customersListTheirOwnCouponsWithTheirStates() {
        String user = "lister-" + UUID.randomUUID();
        String token = Tokens.customer(user);
        UUID merchant = Catalog.merchant("Coupon lister " + UUID.randomUUID());
        List<String> mine = new ArrayList<>();
        mine.add(Pricing.claim(Pricing.fixedCouponTemplate(null, 100, null, 5), token));
        mine.add(Pricing.claim(Pricing.percentCouponTemplate(merchant, 1000, 500L, 5), token));
        mine.add(Pricing.claim(Pricing.fixedCouponTemplate(merchant, 200, null, 5), token));
        Map<String, Object> body = Pricing.couponTemplateBody(null, "FIXED", 5);
        body.put("amount", 300);
        UUID expiring = Pricing.couponTemplate(body);
        mine.add(Pricing.claim(expiring, token));
        String someoneElses = Pricing.claim(Pricing.fixedCouponTemplate(null, 100, null, 5),
                Tokens.customer("someone-" + UUID.randomUUID()));

        redis.hash(String.class).hset(CouponKeys.coupon(mine.get(1)), Map.of("state", "LOCKED", "orderId", "o-1"));
        redis.hash(String.class).hset(CouponKeys.coupon(mine.get(2)), "state", "USED");
        body.put("startsAt", Instant.now().minus(5, ChronoUnit.DAYS).toString());
        body.put("endsAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON).body(body)
                .put("/api/v1/admin/coupon-templates/{id}", expiring).then().statusCode(200);

        List<String> ids = new ArrayList<>();
        List<String> states = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().header("Authorization", Tokens.bearer(token)).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/coupons").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            states.addAll(page.getList("items.state"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(2);
        assertThat(ids).containsExactlyElementsOf(mine);
        assertThat(states).containsExactly("AVAILABLE", "LOCKED", "USED", "EXPIRED");

        given().header("Authorization", Tokens.bearer(token)).get("/api/v1/coupons/{id}", mine.get(1))
                .then().statusCode(200).body("state", equalTo("LOCKED")).body("percentBp", equalTo(1000))
                .body("merchantId", equalTo(merchant.toString())).body("scope", equalTo("MERCHANT"));
        given().header("Authorization", Tokens.bearer(token)).get("/api/v1/coupons/{id}", someoneElses)
                .then().statusCode(404).body("code", equalTo("coupon-not-found"));
        given().header("Authorization", Tokens.bearer(token)).queryParam("cursor", "garbage").get("/api/v1/coupons")
                .then().statusCode(400).body("code", equalTo("invalid-cursor"));
    }

    @Test
    void aClaimWhoseMirrorWasLostIsWrittenByTheReplayerWithoutTouchingExistingStates() throws Throwable {
        String user = "replayed-" + UUID.randomUUID();
        UUID template = Pricing.fixedCouponTemplate(null, 100, null, 5);
        String lost = Pricing.claim(template, Tokens.customer(user));
        String used = Pricing.claim(Pricing.fixedCouponTemplate(null, 100, null, 5), Tokens.customer(user));
        // Simulate a Redis failure after commit for one, and a replay of the other after checkout used it.
        redis.key().del(CouponKeys.coupon(lost));
        redis.hash(String.class).hset(CouponKeys.coupon(used), "state", "USED");
        database.execute("UPDATE coupon SET mirrored = false, claimed_at = claimed_at - interval '1 minute' "
                + "WHERE id IN ($1, $2)", UUID.fromString(lost), UUID.fromString(used));

        int mirrored = VertxContextSupport.subscribeAndAwait(() -> coupons.replayUnmirrored());
        assertThat(mirrored).isGreaterThanOrEqualTo(1);

        assertThat(redis.hash(String.class).hgetall(CouponKeys.coupon(lost)))
                .containsEntry("owner", user).containsEntry("state", "AVAILABLE");
        assertThat(redis.hash(String.class).hget(CouponKeys.coupon(used), "state")).isEqualTo("USED");
        assertThat(database.count("SELECT count(*) FROM coupon WHERE id IN ($1, $2) AND mirrored",
                UUID.fromString(lost), UUID.fromString(used))).isEqualTo(2);
    }

    @Inject
    CouponService coupons;
}
