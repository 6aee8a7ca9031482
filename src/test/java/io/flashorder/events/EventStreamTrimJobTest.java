package io.flashorder.events;

import io.flashorder.support.TestClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class EventStreamTrimJobTest {

    @Inject
    EventStreamTrimJob trimmer;
    @Inject
    RedisDataSource redis;
    @Inject
    TestClock clock;

    private final String stream = "test:{p}:trim-" + UUID.randomUUID();

    @AfterEach
    void cleanUp() {
        clock.reset();
        redis.key().del(stream);
    }

    @Test
    void onlyEntriesEveryGroupAcknowledgedAndOlderThanTheRetentionGo() {
        List<String> ids = add(6);
        var streams = redis.stream(String.class);
        streams.xgroupCreate(stream, "fast", "0");
        streams.xgroupCreate(stream, "slow", "0");
        // "fast" read and acknowledged everything; "slow" read four, acknowledged the first two.
        var fast = streams.xreadgroup("fast", "c", stream, ">", new XReadGroupArgs().count(10));
        fast.forEach(message -> streams.xack(stream, "fast", message.id()));
        streams.xreadgroup("slow", "c", stream, ">", new XReadGroupArgs().count(4));
        streams.xack(stream, "slow", ids.get(0), ids.get(1));

        assertThat(trimmer.trim(stream).await().indefinitely()).as("all younger than the retention").isZero();

        clock.advance(Duration.ofHours(25));
        assertThat(trimmer.trim(stream).await().indefinitely()).isEqualTo(2);
        assertThat(remaining()).as("slow's pending entries and what it never read stay")
                .containsExactlyElementsOf(ids.subList(2, 6));

        streams.xack(stream, "slow", ids.get(2), ids.get(3));
        streams.xreadgroup("slow", "c", stream, ">", new XReadGroupArgs().count(10))
                .forEach(message -> streams.xack(stream, "slow", message.id()));
        trimmer.trim(stream).await().indefinitely();
        assertThat(remaining()).as("everything acknowledged: only the last delivered entry is kept")
                .containsExactly(ids.get(5));
    }

    @Test
    void withoutAnyGroupTheRetentionAloneDecides() {
        add(4);
        assertThat(trimmer.trim(stream).await().indefinitely()).isZero();
        clock.advance(Duration.ofHours(25));
        assertThat(trimmer.trim(stream).await().indefinitely()).isEqualTo(4);
        assertThat(remaining()).isEmpty();
    }

    @Test
    void aStreamThatDoesNotExistIsNothingToTrim() {
        assertThat(trimmer.trim(stream).await().indefinitely()).isZero();
    }

    private List<String> add(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(redis.stream(String.class).xadd(stream, Map.of("n", Integer.toString(i))));
        }
        return ids;
    }

    private List<String> remaining() {
        return redis.stream(String.class).xrange(stream, StreamRange.of("-", "+")).stream()
                .map(message -> message.id()).toList();
    }
}
