package io.flashorder.analytics;

import io.flashorder.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ids of events applied longer ago than the retention (7 days) are forgotten; younger ones are kept. One run
 * catches up with a flash sale's volume: batch after batch (5,000 ids each), not one batch per run.
 */
@QuarkusTest
class AppliedEventPurgeTest {

    @Inject
    AppliedEventPurgeJob purge;
    @Inject
    Database database;

    @Test
    void idsOlderThanTheRetentionAreDeletedInOneRunAndYoungerOnesKept() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<UUID> old = new ArrayList<>();
        List<UUID> young = new ArrayList<>();
        for (int i = 0; i < 12_001; i++) {
            old.add(UUID.randomUUID());
        }
        for (int i = 0; i < 50; i++) {
            young.add(UUID.randomUUID());
        }
        insert(old, now.minus(Duration.ofDays(8)));
        insert(young, now.minus(Duration.ofDays(6)));

        long deleted = purge.purge().await().atMost(Duration.ofSeconds(30));

        assertThat(deleted).isGreaterThanOrEqualTo(old.size()); // other tests' expired ids may go too
        assertThat(database.count("SELECT count(*) FROM analytics_applied_event WHERE event_id = ANY($1)",
                (Object) old.toArray(UUID[]::new))).isZero();
        assertThat(database.count("SELECT count(*) FROM analytics_applied_event WHERE event_id = ANY($1)",
                (Object) young.toArray(UUID[]::new))).isEqualTo(50);
    }

    private void insert(List<UUID> ids, OffsetDateTime at) {
        database.execute("INSERT INTO analytics_applied_event (event_id, applied_at) SELECT id, $2 FROM unnest($1::uuid[]) "
                + "AS u(id)", ids.toArray(UUID[]::new), at);
    }
}
