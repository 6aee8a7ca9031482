package io.flashorder.events;

import io.flashorder.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class OutboxPurgeJobTest {

    @Inject
    OutboxPurgeJob purge;
    @Inject
    Database database;
    @Inject
    Pool pool;

    @Test
    void publishedRowsOlderThanTheCutoffGoAndEverythingElseStays() {
        Instant now = Instant.now();
        UUID oldPublished = row(now.minus(Duration.ofDays(10)), true);
        UUID oldUnpublished = row(now.minus(Duration.ofDays(10)), false);
        UUID recentPublished = row(now.minus(Duration.ofDays(1)), true);
        Instant cutoff = now.minus(Duration.ofDays(7));

        // The unpublished row is locked meanwhile, so the relay (which skips locked rows) cannot publish it first.
        long deleted = pool.withTransaction(tx -> tx.preparedQuery("SELECT id FROM outbox_event WHERE id = $1 FOR UPDATE")
                        .execute(Tuple.of(oldUnpublished))
                        .chain(() -> purge.purgePublishedBefore(cutoff)))
                .await().atMost(Duration.ofSeconds(30));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(exists(oldPublished)).isFalse();
        assertThat(exists(oldUnpublished)).as("not published yet").isTrue();
        assertThat(exists(recentPublished)).as("younger than the cutoff").isTrue();
    }

    /** An outbox row created at {@code at}: its UUIDv7 id carries that time, as the outbox's own ids do. */
    private UUID row(Instant at, boolean published) {
        UUID id = new UUID((at.toEpochMilli() << 16) | 0x7000L | ThreadLocalRandom.current().nextLong(0x1000),
                ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
        database.execute("INSERT INTO outbox_event (id, type, order_id, merchant_id, payload, created_at, published_at) "
                        + "VALUES ($1, 'ORDER_PLACED', NULL, NULL, '{}'::jsonb, $2, $3)", id,
                at.atOffset(ZoneOffset.UTC), published ? at.atOffset(ZoneOffset.UTC) : null);
        return id;
    }

    private boolean exists(UUID id) {
        return database.count("SELECT count(*) FROM outbox_event WHERE id = $1", id) == 1;
    }
}
