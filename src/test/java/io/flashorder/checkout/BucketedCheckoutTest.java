package io.flashorder.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.bucket.StockBuckets;
import io.flashorder.order.lifecycle.LifecycleTimerJobs;
import io.flashorder.order.writer.OrderPersistence;
import io.flashorder.support.Catalog;
import io.flashorder.support.Database;
import io.flashorder.support.Eventually;
import io.flashorder.support.Orders;
import io.flashorder.support.Parallel;
import io.flashorder.support.Payments;
import io.flashorder.support.Pricing;
import io.flashorder.support.SandboxCallbacks;
import io.flashorder.support.TestClock;
import io.flashorder.support.Tokens;
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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Orders of a campaign item split over stock buckets, through {@code POST /api/v1/orders}: placed in the buyer's home
 * bucket slot, served by another bucket when home is empty (the limit counted at home first), refused and announced
 * sold out only when every bucket is empty; paid, cancelled and expired in the bucket that holds them.
 */
@QuarkusTest
class BucketedCheckoutTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BUCKETS = 3;

    @Inject
    RedisDataSource redis;
    @Inject
    Database database;
    @Inject
    ObjectMapper json;
    @Inject
    TestClock clock;
    @Inject
    LifecycleTimerJobs timers;
    @Inject
    OrderPersistence persistence;
    @Inject
    CircuitBreakerMaintenance breakers;
    @Inject
    PendingFallbackSweeper sweeper;
    @TestHTTPResource("/api/v1/orders")
    URI orders;

    private UUID merchant;
    private UUID warehouse;
    private UUID sku;

    @BeforeEach
    void setUp() {
        breakers.resetAll();
        merchant = Catalog.merchant("Bucket merchant " + UUID.randomUUID());
        warehouse = Catalog.warehouse(merchant, "NORTH");
        sku = Catalog.sku(merchant, "Hot drop", 9_900);
        Pricing.defaultShippingTemplate(merchant);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String campaign(int units, int perUserLimit) {
        Catalog.loadStock(sku, warehouse, units);
        return Catalog.liveCampaign(clock.instant(), sku, 6_900, units, perUserLimit, BUCKETS);
    }

    private Map<String, Object> body(String campaignId) {
        Map<String, Object> body = Orders.body(Map.of(sku, 1));
        body.put("campaignId", campaignId);
        return body;
    }

    private long campaignCount(int bucket, String campaignId, String counter) {
        String value = redis.hash(String.class).hget(InventoryKeys.campaign(OrderSlot.of(bucket), campaignId),
                InventoryKeys.campaignField(sku, counter));
        return value == null ? 0 : Long.parseLong(value);
    }

    private long skuCount(int bucket, String counter) {
        String value = redis.hash(String.class).hget(InventoryKeys.sku(OrderSlot.of(bucket), sku), counter);
        return value == null ? 0 : Long.parseLong(value);
    }

    private long buyerUnits(int bucket, String campaignId, String buyer) {
        String value = redis.hash(String.class).hget(InventoryKeys.campaignBuyers(OrderSlot.of(bucket), campaignId),
                buyer);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** A buyer id whose home bucket is {@code bucket}. */
    private static String buyerIn(int bucket, String prefix) {
        return IntStream.iterate(0, i -> i + 1).mapToObj(i -> prefix + "-" + i)
                .filter(buyer -> StockBuckets.homeOf(buyer, BUCKETS) == bucket).findFirst().orElseThrow();
    }

    private int stockSlot(String orderId) {
        Eventually.await(WAIT, () -> assertThat(database.count("SELECT count(*) FROM customer_order WHERE id = $1",
                UUID.fromString(orderId))).isEqualTo(1));
        return (int) database.count("SELECT stock_slot FROM customer_order WHERE id = $1", UUID.fromString(orderId));
    }

    @Test
    void twoThousandBuyersForFiveHundredUnitsInThreeBuckets() throws Exception {
        int stock = 500;
        String campaignId = campaign(stock, 1);
        List<Long> split = StockBuckets.split(stock, BUCKETS);
        // The bucket slots' warehouse units were moved out of {p}: each slot holds its share, {p} bucket 0's.
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            assertThat(campaignCount(bucket, campaignId, "loaded")).isEqualTo(split.get(bucket));
            assertThat(skuCount(bucket, "loaded")).isEqualTo(split.get(bucket));
        }
        String body = json.writeValueAsString(body(campaignId));
        String run = UUID.randomUUID().toString().substring(0, 8);
        int buyers = 2_000;
        int twice = 300; // the first 300 buyers post twice at once (two keys)
        IntFunction buyerOf = i -> "bucketed-" + run + "-" + (i < 2 * twice ? i / 2 : i - twice);
        // A 503 (a reservation past its timeout on a loaded machine) is retried with the same key, as a client does.
        List<HttpResponse<String>> responses = Parallel.postRetryingUnavailable(orders, buyers + twice, 400, 5,
                i -> new Parallel.Call(Tokens.customer(buyerOf.apply(i)), UUID.randomUUID().toString(), body));

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(byStatus).containsOnlyKeys(201, 409);
        assertThat(byStatus.get(201)).isEqualTo(stock);
        Set<String> winners = new HashSet<>();
        List<String> accepted = new ArrayList<>();
        List<Instant> refusedAt = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            JsonNode answer = json.readTree(responses.get(i).body());
            if (responses.get(i).statusCode() == 201) {
                assertThat(winners.add(buyerOf.apply(i))).as("a buyer over its limit").isTrue();
                accepted.add(answer.get("id").asText());
            } else {
                assertThat(answer.get("code").asText()).isIn("sold-out", "purchase-limit-exceeded");
                if (answer.has("decidedAt")) {
                    refusedAt.add(Instant.parse(answer.get("decidedAt").asText()));
                }
            }
        }
        // No refusal was decided (Redis time) before the last acceptance: no buyer was refused while a unit remained.
        long lastAcceptance = accepted.stream().mapToLong(this::decidedAtMicros).max().orElseThrow();
        assertThat(refusedAt).isNotEmpty();
        assertThat(refusedAt).allSatisfy(at -> assertThat(at.getEpochSecond() * 1_000_000 + at.getNano() / 1000)
                .isGreaterThan(lastAcceptance));

        long held = 0;
        long counted = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            assertThat(campaignCount(bucket, campaignId, "available")).isZero();
            assertThat(campaignCount(bucket, campaignId, "loaded")).isEqualTo(split.get(bucket));
            held += campaignCount(bucket, campaignId, "held");
            Map<String, String> units = redis.hash(String.class)
                    .hgetall(InventoryKeys.campaignBuyers(OrderSlot.of(bucket), campaignId));
            assertThat(units.values()).allSatisfy(value -> assertThat(value).isEqualTo("1"));
            counted += units.size();
        }
        assertThat(held).isEqualTo(stock);
        assertThat(counted).as("every winner counted once at home, no pending fallback left").isEqualTo(stock);
        Eventually.await(WAIT, () -> assertThat(database.count(
                "SELECT count(*) FROM customer_order WHERE campaign_id = $1", UUID.fromString(campaignId)))
                .isEqualTo(stock));
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            assertThat(database.count("SELECT count(*) FROM customer_order WHERE campaign_id = $1 AND stock_slot = $2",
                    UUID.fromString(campaignId), (short) bucket)).isEqualTo(campaignCount(bucket, campaignId, "held"));
        }
    }

    private interface IntFunction {
        String apply(int i);
    }

    private long decidedAtMicros(String orderId) {
        for (OrderSlot slot : OrderSlot.all()) {
            String at = redis.hash(String.class).hget(OrderKeys.hold(slot, UUID.fromString(orderId)), "decidedAt");
            if (at != null) {
                return Long.parseLong(at);
            }
        }
        throw new AssertionError("No hold of order " + orderId);
    }

    @Test
    void anEmptyHomeBucketFallsBackReplaysCountsTheLimitAtHomeAndGetsItBackOnCancellation() {
        String campaignId = campaign(BUCKETS, 1); // one unit per bucket
        String first = buyerIn(0, "home-" + UUID.randomUUID());
        Orders.place(first, body(campaignId)).then().statusCode(201);
        assertThat(campaignCount(0, campaignId, "available")).isZero();

        // Bucket 0 is empty: the next buyer living there is served by bucket 1 (the next in the ring).
        String buyer = buyerIn(0, "fallback-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String id = Orders.place(buyer, key, body(campaignId)).then().statusCode(201).extract().path("id");
        assertThat(campaignCount(1, campaignId, "held")).isEqualTo(1);
        assertThat(buyerUnits(0, campaignId, buyer)).isEqualTo(1);
        assertThat(buyerUnits(1, campaignId, buyer)).isZero();
        assertThat(stockSlot(id)).isEqualTo(1);
        // The same request again: the same order, nothing taken twice.
        Orders.place(buyer, key, body(campaignId)).then().statusCode(201).body("id", equalTo(id));
        assertThat(campaignCount(1, campaignId, "held")).isEqualTo(1);
        assertThat(campaignCount(2, campaignId, "available")).isEqualTo(1);
        // The limit was counted at home: a second order of the buyer is refused though bucket 2 has a unit.
        Orders.place(buyer, body(campaignId)).then().statusCode(409).body("code", equalTo("purchase-limit-exceeded"));
        assertThat(campaignCount(2, campaignId, "available")).isEqualTo(1);

        // Cancelled: the unit goes back to bucket 1, the buyer's count at home goes.
        Payments.cancel(buyer, id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        Eventually.await(WAIT, () -> assertThat(campaignCount(1, campaignId, "available")).isEqualTo(1));
        assertThat(campaignCount(1, campaignId, "held")).isZero();
        assertThat(skuCount(1, "available")).isEqualTo(1);
        assertThat(buyerUnits(0, campaignId, buyer)).isZero();
        String again = Orders.place(buyer, body(campaignId)).then().statusCode(201).extract().path("id");
        assertThat(stockSlot(again)).isEqualTo(1);
    }

    @Test
    void aRetryFinishesAFallbackCutShortAndSoldOutComesOnlyWhenEveryBucketIsEmpty() {
        String campaignId = campaign(BUCKETS, 1);
        String buyer = buyerIn(2, "cut-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = body(campaignId);
        // Bucket 2 empties; then the buyer's request is cut short after its home call (pending, units counted).
        Orders.place(buyerIn(2, "other-" + UUID.randomUUID()), body).then().statusCode(201);
        String requestHash = pendingAtHome(2, buyer, key, body, campaignId);
        assertThat(requestHash).isNotNull();
        Orders.place(buyer, key, body).then().statusCode(201);
        assertThat(buyerUnits(2, campaignId, buyer)).isEqualTo(1);
        assertThat(campaignCount(0, campaignId, "held") + campaignCount(1, campaignId, "held")).isEqualTo(1);

        // One unit left somewhere: a buyer of any bucket gets it; then everything is refused and announced.
        Orders.place(buyerIn(2, "last-" + UUID.randomUUID()), body).then().statusCode(201);
        Orders.place(buyerIn(1, "late-" + UUID.randomUUID()), body).then().statusCode(409)
                .body("code", equalTo("sold-out")).body("decidedAt", startsWith("20"));
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            assertThat(campaignCount(bucket, campaignId, "available")).isZero();
        }
    }

    /**
     * Places the request of a buyer living in bucket {@code home} while its first donor bucket cannot answer (its SKU
     * hash is briefly not a hash, so its script fails), as a pod that died mid-fallback would leave it: the home bucket
     * has counted the buyer's units and recorded the key as pending. Emits that record.
     */
    private String pendingAtHome(int home, String buyer, String key, Map<String, Object> body, String campaignId) {
        String donorStock = InventoryKeys.sku(OrderSlot.of((home + 1) % BUCKETS), sku);
        String aside = donorStock + ":aside";
        redis.key().rename(donorStock, aside);
        redis.value(String.class).set(donorStock, "not a hash");
        try {
            Orders.place(buyer, key, body).then().statusCode(503);
        } finally {
            redis.key().del(donorStock);
            redis.key().rename(aside, donorStock);
        }
        assertThat(buyerUnits(home, campaignId, buyer)).isEqualTo(1);
        String record = idempotencyRecord(home, buyer, key);
        assertThat(record).endsWith("|P");
        return record;
    }

    private String idempotencyRecord(int bucket, String buyer, String key) {
        return redis.value(String.class).get(OrderKeys.idempotency(OrderSlot.of(bucket), buyer,
                io.flashorder.risk.Fingerprints.sha256(key)));
    }

    /** Whether the order is on its home slot's pending fallbacks (the sweeper's list). */
    private boolean listedPending(int home, String buyer, String key, String orderId, String campaignId) {
        return redis.sortedSet(String.class).zscore(OrderKeys.pendingFallbacks(OrderSlot.of(home)),
                pendingMember(home, buyer, key, orderId, campaignId)).isPresent();
    }

    private String pendingMember(int home, String buyer, String key, String orderId, String campaignId) {
        return new io.flashorder.inventory.PendingFallback(UUID.fromString(orderId), UUID.fromString(campaignId),
                sku, 1, OrderKeys.idempotency(OrderSlot.of(home), buyer, io.flashorder.risk.Fingerprints.sha256(key)))
                .member();
    }

    private int sweep(Duration age) {
        return sweeper.sweep(age).await().atMost(WAIT);
    }

    /**
     * A fallback cut short before any donor took the order (its pod died): after the age, the sweeper records every
     * donor's refusal of the order and settles home REFUSED: the counted unit goes back, the key is forgotten, no
     * unit moved anywhere. A retry with the same key is then a new request.
     */
    @Test
    void aFallbackCutShortBeforeAnyDonorTookItIsSweptRefusedAndFreesTheLimit() {
        String campaignId = campaign(BUCKETS, 1);
        String buyer = buyerIn(2, "swept-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = body(campaignId);
        Orders.place(buyerIn(2, "first-" + UUID.randomUUID()), body).then().statusCode(201);
        String record = pendingAtHome(2, buyer, key, body, campaignId);
        String pendingId = record.split("\\|")[1];
        assertThat(listedPending(2, buyer, key, pendingId, campaignId)).isTrue();

        sweep(Duration.ofHours(1));
        assertThat(idempotencyRecord(2, buyer, key)).as("not pending long enough").isEqualTo(record);
        assertThat(listedPending(2, buyer, key, pendingId, campaignId)).isTrue();
        assertThat(sweep(Duration.ZERO)).isPositive();
        assertThat(idempotencyRecord(2, buyer, key)).isNull();
        assertThat(buyerUnits(2, campaignId, buyer)).isZero();
        assertThat(listedPending(2, buyer, key, pendingId, campaignId)).isFalse();
        String refusedHere = record.substring(0, record.length() - "P".length()) + "X";
        assertThat(idempotencyRecord(0, buyer, key)).isEqualTo(refusedHere);
        assertThat(idempotencyRecord(1, buyer, key)).isEqualTo(refusedHere);
        assertThat(campaignCount(0, campaignId, "available") + campaignCount(1, campaignId, "available")).isEqualTo(2);
        sweep(Duration.ZERO);
        assertThat(buyerUnits(2, campaignId, buyer)).as("swept once").isZero();
        assertThat(idempotencyRecord(0, buyer, key)).isEqualTo(refusedHere);

        // Forgotten: the same key again is a new request, served by a donor and counted once at home.
        String id = Orders.place(buyer, key, body).then().statusCode(201).extract().path("id");
        assertThat(stockSlot(id)).isIn(0, 1);
        assertThat(buyerUnits(2, campaignId, buyer)).isEqualTo(1);
        assertThat(listedPending(2, buyer, key, id, campaignId)).as("settled by its own walk").isFalse();
    }

    /**
     * A fallback cut short after a donor took the order, before home was settled: the sweeper finds the order held
     * there and settles home HELD, so the key replays that order; nothing else is asked or changed.
     */
    @Test
    void aFallbackCutShortAfterADonorTookItIsSweptHeldAndTheKeyReplaysTheOrder() {
        String campaignId = campaign(BUCKETS, 1);
        Orders.place(buyerIn(0, "first-" + UUID.randomUUID()), body(campaignId)).then().statusCode(201);
        String buyer = buyerIn(0, "held-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String id = Orders.place(buyer, key, body(campaignId)).then().statusCode(201).extract().path("id");
        assertThat(stockSlot(id)).isEqualTo(1);
        String accepted = cutShortBeforeSettlement(0, buyer, key, id, campaignId);

        assertThat(sweep(Duration.ZERO)).isPositive();
        assertThat(idempotencyRecord(0, buyer, key)).isEqualTo(accepted);
        assertThat(buyerUnits(0, campaignId, buyer)).isEqualTo(1);
        assertThat(listedPending(0, buyer, key, id, campaignId)).isFalse();
        assertThat(idempotencyRecord(2, buyer, key)).as("the walk stopped at the donor holding it").isNull();
        assertThat(campaignCount(1, campaignId, "held")).isEqualTo(1);
        assertThat(campaignCount(2, campaignId, "available")).isEqualTo(1);
        Orders.place(buyer, key, body(campaignId)).then().statusCode(201).body("id", equalTo(id));
        assertThat(campaignCount(1, campaignId, "held")).isEqualTo(1);
    }

    /** A sweep and a late live walk of the same request at once: one answer, the unit counted and held once. */
    @Test
    void aSweepRacingTheLiveWalkLeavesOneConsistentAnswer() throws Exception {
        String campaignId = campaign(BUCKETS * 2, 1);
        Orders.place(buyerIn(0, "first-" + UUID.randomUUID()), body(campaignId)).then().statusCode(201);
        Orders.place(buyerIn(0, "second-" + UUID.randomUUID()), body(campaignId)).then().statusCode(201);
        String buyer = buyerIn(0, "raced-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String id = Orders.place(buyer, key, body(campaignId)).then().statusCode(201).extract().path("id");
        String accepted = cutShortBeforeSettlement(0, buyer, key, id, campaignId);

        java.util.concurrent.CompletableFuture<Integer> swept = sweeper.sweep(Duration.ZERO)
                .subscribeAsCompletionStage();
        Orders.place(buyer, key, body(campaignId)).then().statusCode(201).body("id", equalTo(id));
        swept.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(idempotencyRecord(0, buyer, key)).isEqualTo(accepted);
        assertThat(buyerUnits(0, campaignId, buyer)).isEqualTo(1);
        assertThat(listedPending(0, buyer, key, id, campaignId)).isFalse();
        long held = IntStream.range(0, BUCKETS).mapToLong(bucket -> campaignCount(bucket, campaignId, "held")).sum();
        assertThat(held).isEqualTo(3);

        // Cut short before any donor: whichever of the sweep and the retry settles first, the other changes nothing.
        String late = buyerIn(0, "late-" + UUID.randomUUID());
        String lateKey = UUID.randomUUID().toString();
        String latePending = pendingAtHome(0, late, lateKey, body(campaignId), campaignId);
        java.util.concurrent.CompletableFuture<Integer> racing = sweeper.sweep(Duration.ZERO)
                .subscribeAsCompletionStage();
        int status = Orders.place(late, lateKey, body(campaignId)).then().extract().statusCode();
        racing.get(60, java.util.concurrent.TimeUnit.SECONDS);
        sweep(Duration.ZERO);
        assertThat(status).isIn(201, 409);
        long placed = status == 201 ? 1 : 0;
        assertThat(buyerUnits(0, campaignId, late)).isEqualTo(placed);
        assertThat(IntStream.range(0, BUCKETS).mapToLong(bucket -> campaignCount(bucket, campaignId, "held")).sum())
                .isEqualTo(3 + placed);
        String lateRecord = idempotencyRecord(0, late, lateKey);
        if (placed == 1) {
            assertThat(lateRecord).doesNotEndWith("|P").doesNotEndWith("|X");
        } else {
            assertThat(lateRecord).isNull();
        }
        assertThat(listedPending(0, late, lateKey, latePending.split("\\|")[1], campaignId)).isFalse();
    }

    /**
     * The state a pod dying between a donor's acceptance and the home settlement leaves: the home record pending for
     * the order and the order on the home slot's pending fallbacks. Emits the accepted record it replaced.
     */
    private String cutShortBeforeSettlement(int home, String buyer, String key, String orderId, String campaignId) {
        String accepted = idempotencyRecord(home, buyer, key);
        String recordKey = OrderKeys.idempotency(OrderSlot.of(home), buyer, io.flashorder.risk.Fingerprints.sha256(key));
        redis.value(String.class).set(recordKey, accepted + "|P", new io.quarkus.redis.datasource.value.SetArgs()
                .keepttl());
        redis.sortedSet(String.class).zadd(OrderKeys.pendingFallbacks(OrderSlot.of(home)), 0,
                pendingMember(home, buyer, key, orderId, campaignId));
        return accepted;
    }

    @Test
    void aBucketedOrderIsPaidInItsBucketAndExpiresThereAtItsDeadline() {
        String campaignId = campaign(BUCKETS * 2, 1);
        String payer = buyerIn(1, "payer-" + UUID.randomUUID());
        String paid = Orders.place(payer, body(campaignId)).then().statusCode(201).extract().path("id");
        assertThat(stockSlot(paid)).isEqualTo(1);
        JsonPath session = Payments.open(payer, paid).then().statusCode(201).extract().jsonPath();
        SandboxCallbacks.post(SandboxCallbacks.succeeded(session.getString("sessionId"), "tx-" + UUID.randomUUID(),
                session.getLong("amount"), session.getString("currency"), clock.instant())).then().statusCode(200);
        Eventually.await(WAIT, () -> assertThat(campaignCount(1, campaignId, "sold")).isEqualTo(1));
        assertThat(skuCount(1, "sold")).isEqualTo(1);

        String late = buyerIn(2, "late-payer-" + UUID.randomUUID());
        String expiring = Orders.place(late, body(campaignId)).then().statusCode(201).extract().path("id");
        assertThat(stockSlot(expiring)).isEqualTo(2);
        assertThat(campaignCount(2, campaignId, "held")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(6));
        assertThat(timers.expireDue().await().atMost(WAIT)).isPositive();
        Payments.order(late, expiring).then().body("status", equalTo("CANCELLED"));
        Eventually.await(WAIT, () -> assertThat(campaignCount(2, campaignId, "available")).isEqualTo(2));
        assertThat(campaignCount(2, campaignId, "held")).isZero();
        assertThat(buyerUnits(2, campaignId, late)).isZero();
    }

    /**
     * A late payment revives a cancelled order another bucket held: its units are sold in that bucket again, and the
     * buyer's units counted again at home (where the release gave them back), under the per-buyer limit like any
     * revived order: a buyer who used them for another order since is refunded instead.
     */
    @Test
    void aLatePaymentRevivesADonorServedOrderCountingTheBuyerAtHomeOrRefusesItAtTheLimit() {
        String campaignId = campaign(BUCKETS, 1); // one unit per bucket
        Orders.place(buyerIn(0, "filler-" + UUID.randomUUID()), body(campaignId)).then().statusCode(201);
        String buyer = buyerIn(0, "revived-" + UUID.randomUUID());
        JsonPath first = Orders.place(buyer, body(campaignId)).then().statusCode(201).extract().jsonPath();
        assertThat(stockSlot(first.getString("id"))).isEqualTo(1);
        String session = Payments.open(buyer, first.getString("id")).then().statusCode(201).extract().path("sessionId");
        expireUnpaid(campaignId);
        assertThat(buyerUnits(0, campaignId, buyer)).isZero();

        SandboxCallbacks.post(SandboxCallbacks.succeeded(session, "tx-" + UUID.randomUUID(), first.getLong("payable"),
                "EUR", clock.instant())).then().statusCode(200).body("outcome", equalTo("LATE_REVIVED"));
        assertThat(campaignCount(1, campaignId, "sold")).isEqualTo(1);
        assertThat(campaignCount(1, campaignId, "available")).isZero();
        assertThat(buyerUnits(0, campaignId, buyer)).isEqualTo(1);
        assertThat(buyerUnits(1, campaignId, buyer)).isZero();
        Orders.place(buyer, body(campaignId)).then().statusCode(409).body("code", equalTo("purchase-limit-exceeded"));

        // Bucket 0 empties again, bucket 1 is sold: the next buyer of bucket 0 is served by bucket 2.
        Orders.place(buyerIn(0, "filler-" + UUID.randomUUID()), body(campaignId)).then().statusCode(201);
        String limited = buyerIn(0, "limited-" + UUID.randomUUID());
        JsonPath cancelled = Orders.place(limited, body(campaignId)).then().statusCode(201).extract().jsonPath();
        assertThat(stockSlot(cancelled.getString("id"))).isEqualTo(2);
        String late = Payments.open(limited, cancelled.getString("id")).then().statusCode(201).extract()
                .path("sessionId");
        expireUnpaid(campaignId);
        // The release gave the unit back at home, and the buyer used it for another order (served at home now).
        String second = Orders.place(limited, body(campaignId)).then().statusCode(201).extract().path("id");
        assertThat(stockSlot(second)).isZero();

        SandboxCallbacks.post(SandboxCallbacks.succeeded(late, "tx-" + UUID.randomUUID(), cancelled.getLong("payable"),
                "EUR", clock.instant())).then().statusCode(200).body("outcome", equalTo("LATE_REFUNDED"));
        Payments.order(limited, cancelled.getString("id")).then().body("status", equalTo("CANCELLED"));
        assertThat(buyerUnits(0, campaignId, limited)).isEqualTo(1);
        assertThat(campaignCount(2, campaignId, "available")).isEqualTo(1);
        assertThat(campaignCount(2, campaignId, "sold")).isZero();
        assertThat(redis.key().exists(InventoryKeys.buyerUnitsRevived(OrderSlot.of(0),
                UUID.fromString(cancelled.getString("id"))))).isFalse();
    }

    /** Lets every unpaid order's deadline pass and waits until the campaign holds none of them. */
    private void expireUnpaid(String campaignId) {
        clock.advance(Duration.ofMinutes(6));
        timers.expireDue().await().atMost(WAIT);
        Eventually.await(WAIT, () -> assertThat(IntStream.range(0, BUCKETS)
                .mapToLong(bucket -> campaignCount(bucket, campaignId, "held")).sum()).isZero());
    }

    /**
     * Once the SKU is sold out (cached and announced), a retry of an accepted bucketed order still gets its order back:
     * the sold-out fast path finds the key's record in the buyer's home slot, for an order held there and for one a
     * donor bucket held.
     */
    @Test
    void aRetryAfterSellOutReplaysTheBucketedOrderFromTheBuyersHomeSlot() {
        String campaignId = campaign(BUCKETS, 1);
        String atHome = buyerIn(2, "home-replay-" + UUID.randomUUID());
        String homeKey = UUID.randomUUID().toString();
        String homeOrder = Orders.place(atHome, homeKey, body(campaignId)).then().statusCode(201).extract().path("id");
        Orders.place(buyerIn(0, "zero-" + UUID.randomUUID()), body(campaignId)).then().statusCode(201);
        String fellBack = buyerIn(0, "donor-replay-" + UUID.randomUUID());
        String donorKey = UUID.randomUUID().toString();
        String donorOrder = Orders.place(fellBack, donorKey, body(campaignId)).then().statusCode(201).extract()
                .path("id");
        assertThat(stockSlot(homeOrder)).isEqualTo(2);
        assertThat(stockSlot(donorOrder)).isEqualTo(1);
        Orders.place(buyerIn(1, "late-" + UUID.randomUUID()), body(campaignId)).then().statusCode(409)
                .body("code", equalTo("sold-out"));
        Orders.place(buyerIn(2, "later-" + UUID.randomUUID()), body(campaignId)).then().statusCode(409)
                .body("code", equalTo("sold-out"));

        Orders.place(atHome, homeKey, body(campaignId)).then().statusCode(201).body("id", equalTo(homeOrder));
        Orders.place(fellBack, donorKey, body(campaignId)).then().statusCode(201).body("id", equalTo(donorOrder));
        Orders.place(fellBack, UUID.randomUUID().toString(), body(campaignId)).then().statusCode(409);
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            assertThat(campaignCount(bucket, campaignId, "held")).isEqualTo(1);
        }
    }

    @Test
    void aBucketedOrderHoldsNothingWhoseKeysLiveInThePartition() {
        String campaignId = campaign(BUCKETS, 2);
        UUID other = Catalog.sku(merchant, "Cable", 900);
        Catalog.loadStock(other, warehouse, 5);
        String buyer = "restricted-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        Map<String, Object> mixed = Orders.body(Map.of(sku, 1, other, 1));
        mixed.put("campaignId", campaignId);
        Map<String, Object> coupons = body(campaignId);
        coupons.put("couponIds", List.of(UUID.randomUUID().toString()));
        Map<String, Object> points = body(campaignId);
        points.put("pointsToUse", 100);
        Map<String, Map<String, Object>> cases = new HashMap<>(Map.of("bucketed-order-mixed", mixed,
                "bucketed-order-coupons", coupons, "bucketed-order-points", points));
        cases.forEach((code, refused) -> Orders.place(buyer, key, refused).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo(code))
                .body("type", startsWith("https://")).body("detail", startsWith("")));

        // Nothing written: no key, no count, no unit taken anywhere.
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            assertThat(campaignCount(bucket, campaignId, "available")).isEqualTo(1);
            assertThat(buyerUnits(bucket, campaignId, buyer)).isZero();
            assertThat(redis.key().exists(OrderKeys.idempotency(OrderSlot.of(bucket), buyer,
                    io.flashorder.risk.Fingerprints.sha256(key)))).isFalse();
        }
        assertThat(database.count("SELECT count(*) FROM customer_order WHERE buyer_id = $1", buyer)).isZero();
        // Zero and negative quantities stay the validation's 400s, as for every order.
        Map<String, Object> zero = body(campaignId);
        zero.put("items", List.of(Map.of("skuId", sku, "quantity", 0)));
        Orders.place(buyer, zero).then().statusCode(400).contentType("application/problem+json");
    }
}
