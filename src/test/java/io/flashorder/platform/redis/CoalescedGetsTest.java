package io.flashorder.platform.redis;

import io.flashorder.support.RedisServer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class CoalescedGetsTest {

    private static final Pattern MGET_CALLS = Pattern.compile("cmdstat_mget:calls=(\\d+)");

    @Inject
    CoalescedGets gets;
    @Inject
    RedisDataSource redis;
    @Inject
    Vertx vertx;

    @Test
    void readsAskedForInOneEventLoopTurnGoOutAsOneMgetAndEachCallerGetsItsOwnKey() throws InterruptedException {
        String prefix = "coalesced-test:{p}:" + UUID.randomUUID() + ":";
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String key = prefix + i;
            if (i % 2 == 0) {
                redis.value(String.class).setex(key, 60, "value-" + i);
                expected.put(key, "value-" + i);
            } else {
                expected.put(key, null); // never written: null
            }
        }
        long mgetsBefore = mgetCalls();
        Map<String, Optional<String>> answers = new ConcurrentHashMap<>();
        Map<String, Boolean> onItsContext = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(expected.size());
        Context context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> expected.keySet().forEach(key -> gets.get(key).subscribe().with(value -> {
            answers.put(key, Optional.ofNullable(value));
            onItsContext.put(key, Vertx.currentContext() == context);
            done.countDown();
        }, failure -> done.countDown())));

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        expected.forEach((key, value) -> assertThat(answers.get(key)).as(key).isEqualTo(Optional.ofNullable(value)));
        assertThat(onItsContext.values()).containsOnly(true);
        assertThat(mgetCalls() - mgetsBefore).isEqualTo(1);
    }

    /**
     * Keys of every order slot asked for in one turn: each caller still gets its own key's value, and one MGET goes out
     * per slot. A Redis Cluster client splits an MGET across slots and joins the parts in no particular order, so one
     * MGET spanning slots gave callers each other's values there (a retry read another buyer's idempotency record).
     */
    @Test
    void readsOfKeysInDifferentSlotsGoOutAsOneMgetPerSlotAndEachCallerGetsItsOwnKey() throws InterruptedException {
        String run = UUID.randomUUID().toString();
        Map<String, String> expected = new HashMap<>();
        for (String tag : SlotTags.ALL) {
            for (int i = 0; i < 20; i++) {
                String key = "coalesced-test:" + tag + ":" + run + ":" + i;
                if (i % 3 != 0) {
                    redis.value(String.class).setex(key, 60, tag + "-value-" + i);
                    expected.put(key, tag + "-value-" + i);
                } else {
                    expected.put(key, null);
                }
            }
        }
        long mgetsBefore = mgetCallsOnEveryNode();
        Map<String, Optional<String>> answers = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(expected.size());
        Context context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> expected.keySet().forEach(key -> gets.get(key).subscribe().with(value -> {
            answers.put(key, Optional.ofNullable(value));
            done.countDown();
        }, failure -> done.countDown())));

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        expected.forEach((key, value) -> assertThat(answers.get(key)).as(key).isEqualTo(Optional.ofNullable(value)));
        assertThat(mgetCallsOnEveryNode() - mgetsBefore).isEqualTo(SlotTags.ALL.size());
    }

    @Test
    void aKeysSlotIsDecidedByItsHashTag() {
        assertThat(CoalescedGets.slotPart("order:{p3}:idem:x")).isEqualTo("p3");
        assertThat(CoalescedGets.slotPart("a{b}c{d}")).isEqualTo("b");
        assertThat(CoalescedGets.slotPart("a{}b{c}")).isEqualTo("a{}b{c}"); // an empty tag: the whole key
        assertThat(CoalescedGets.slotPart("plain")).isEqualTo("plain");
        assertThat(CoalescedGets.slotPart("a{open")).isEqualTo("a{open");
    }

    @Test
    void offAnEventLoopItIsAPlainRead() {
        String key = "coalesced-test:{p}:" + UUID.randomUUID();
        redis.value(String.class).setex(key, 60, "alone");
        assertThat(gets.get(key).await().atMost(Duration.ofSeconds(5))).isEqualTo("alone");
        assertThat(gets.get(key + ":missing").await().atMost(Duration.ofSeconds(5))).isNull();
    }

    /** MGETs every server answered (each cluster primary counts the MGETs of its own slots). */
    private static long mgetCallsOnEveryNode() {
        return RedisServer.nodePorts().stream().mapToLong(port -> {
            Matcher calls = MGET_CALLS.matcher(RedisServer.cliOn(port, "INFO", "commandstats"));
            return calls.find() ? Long.parseLong(calls.group(1)) : 0;
        }).sum();
    }

    /** MGETs the server holding the keys answered (on a cluster, INFO through the client would ask any node). */
    private long mgetCalls() {
        Matcher calls = MGET_CALLS.matcher(RedisServer.cli("INFO", "commandstats"));
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }
}
