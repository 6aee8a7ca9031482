package io.flashorder.events;

import io.flashorder.platform.redis.RedisMaps;
import io.flashorder.support.Catalog;
import io.flashorder.support.Eventually;
import io.flashorder.support.Webhooks;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rolling upgrade to the shared group, on a stream of its own with the real members: while a pod of the previous
 * version reads a retired group the shared group is not created; once none does, it starts where the retired groups
 * stood, their pending entries are handled and acknowledged, and they are destroyed.
 */
@QuarkusTest
class RetiredGroupsTest {

    @Inject
    RedisDataSource redis;
    @Inject
    ReactiveRedisDataSource reactiveRedis;
    @Inject
    EventsConfig config;
    @Inject
    Instance<SharedGroupMember> members;

    private final String stream = "test:{p}:retired-" + UUID.randomUUID();

    @AfterEach
    void cleanUp() {
        redis.key().del(stream);
    }

    @Test
    void theSharedGroupWaitsForTheOldPodsThenStartsWhereTheRetiredGroupsStoodAndDrainsThem() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(redis.stream(String.class).xadd(stream, Map.of("eventId", UUID.randomUUID().toString(),
                    "type", EventType.LOW_STOCK.name(), "occurredAt", Instant.now().toString(), "payload", "{}")));
        }
        var streams = redis.stream(String.class);
        // The old pods: analytics read four entries and acknowledged two; notifications read three, acknowledged one.
        streams.xgroupCreate(stream, EventStreams.RETIRED_ANALYTICS_GROUP, "0");
        streams.xgroupCreate(stream, EventStreams.RETIRED_NOTIFICATION_GROUP, "0");
        streams.xreadgroup(EventStreams.RETIRED_ANALYTICS_GROUP, "analytics-old", stream, ">",
                new XReadGroupArgs().count(4));
        streams.xack(stream, EventStreams.RETIRED_ANALYTICS_GROUP, ids.get(0), ids.get(1));
        streams.xreadgroup(EventStreams.RETIRED_NOTIFICATION_GROUP, "notifier-old", stream, ">",
                new XReadGroupArgs().count(3));
        streams.xack(stream, EventStreams.RETIRED_NOTIFICATION_GROUP, ids.get(0));

        assertThat(retiredGroups(Duration.ofMinutes(10)).handOver().await().atMost(Duration.ofSeconds(10)))
                .as("an old pod still reads").isFalse();
        assertThat(groups()).doesNotContainKey(EventStreams.ANALYTICS_NOTIFICATIONS_GROUP);

        RetiredGroups afterTheOldPods = retiredGroups(Duration.ofMillis(1));
        Eventually.await(Duration.ofSeconds(30), () -> {
            assertThat(afterTheOldPods.handOver().await().atMost(Duration.ofSeconds(10))).isTrue();
            assertThat(groups()).containsOnlyKeys(EventStreams.ANALYTICS_NOTIFICATIONS_GROUP);
        });
        assertThat(groups().get(EventStreams.ANALYTICS_NOTIFICATIONS_GROUP))
                .as("the shared group delivers what notifications had not read yet").isEqualTo(ids.get(2));
        List<StreamMessage<String, String, String>> next = streams.xreadgroup(
                EventStreams.ANALYTICS_NOTIFICATIONS_GROUP, "new", stream, ">", new XReadGroupArgs().count(10));
        assertThat(next).extracting(StreamMessage::id).containsExactlyElementsOf(ids.subList(3, 6));
    }

    @Test
    void aMemberJoiningTheSharedGroupLaterHasItsRetiredGroupDrainedUpToWhereTheSharedGroupStands() {
        UUID merchant = Catalog.merchant("Retired webhooks shop " + UUID.randomUUID());
        Webhooks.subscribe(merchant, Webhooks.NOWHERE, "whsec-retired-0123456789");
        List<String> ids = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            eventIds.add(UUID.randomUUID().toString());
            ids.add(redis.stream(String.class).xadd(stream, Map.of("eventId", eventIds.getLast(),
                    "type", EventType.ORDER_PAID.name(), "occurredAt", Instant.now().toString(),
                    "merchantId", merchant.toString(), "payload", "{}")));
        }
        var streams = redis.stream(String.class);
        // The shared group had delivered up to the fourth entry; the old pods' webhook group read two and
        // acknowledged one of them.
        streams.xgroupCreate(stream, EventStreams.ANALYTICS_NOTIFICATIONS_GROUP, ids.get(3));
        streams.xgroupCreate(stream, EventStreams.WEBHOOK_GROUP, "0");
        streams.xreadgroup(EventStreams.WEBHOOK_GROUP, "webhook-old", stream, ">", new XReadGroupArgs().count(2));
        streams.xack(stream, EventStreams.WEBHOOK_GROUP, ids.get(0));

        assertThat(retiredGroups(Duration.ofMinutes(10)).handOver().await().atMost(Duration.ofSeconds(10)))
                .as("an old pod still reads").isFalse();

        RetiredGroups afterTheOldPods = retiredGroups(Duration.ofMillis(1));
        Eventually.await(Duration.ofSeconds(30), () -> {
            assertThat(afterTheOldPods.handOver().await().atMost(Duration.ofSeconds(10))).isTrue();
            assertThat(groups()).containsOnlyKeys(EventStreams.ANALYTICS_NOTIFICATIONS_GROUP);
        });
        assertThat(groups().get(EventStreams.ANALYTICS_NOTIFICATIONS_GROUP)).as("the shared group was not moved")
                .isEqualTo(ids.get(3));
        for (int i = 0; i < 6; i++) {
            assertThat(webhookCopies(eventIds.get(i))).as("copies of entry %d", i).isEqualTo(i >= 1 && i <= 3 ? 1 : 0);
        }
    }

    private long webhookCopies(String eventId) {
        return redis.stream(String.class).xrange(EventStreams.WEBHOOKS, StreamRange.of("-", "+")).stream()
                .filter(copy -> eventId.equals(copy.payload().get("eventId"))).count();
    }

    private RetiredGroups retiredGroups(Duration liveWithin) {
        return new RetiredGroups(reactiveRedis, config, stream, EventStreams.ANALYTICS_NOTIFICATIONS_GROUP,
                members.stream().sorted(Comparator.comparing(SharedGroupMember::name)).toList(), liveWithin,
                "test-" + UUID.randomUUID());
    }

    /** The stream's groups by name, with their last delivered id. */
    private Map<String, String> groups() {
        Map<String, String> groups = new HashMap<>();
        var reply = redis.execute("XINFO", "GROUPS", stream);
        for (int i = 0; i < reply.size(); i++) {
            var fields = RedisMaps.fields(reply.get(i).getDelegate());
            groups.put(String.valueOf(fields.get("name")), String.valueOf(fields.get("last-delivered-id")));
        }
        return groups;
    }
}
