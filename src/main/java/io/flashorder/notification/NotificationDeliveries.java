package io.flashorder.notification;

import io.flashorder.platform.Ids;
import io.flashorder.platform.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The dedupe record of notices (table notification_delivery), one row per (event, channel): a channel whose row is
 * SENT or DEAD is finished with, so a redelivered event sends nothing on it again.
 */
@ApplicationScoped
public class NotificationDeliveries {

    /** A notice given up after its last attempt, as operators see it. */
    public record DeadNotice(UUID id, UUID eventId, Channel channel, NoticeKind kind, UUID orderId, String buyerId,
                             int attempts, String lastError, Instant deadAt) {
    }

    private static final String RECORD = """
            INSERT INTO notification_delivery (id, event_id, channel, kind, order_id, buyer_id, status, attempts,
                last_error, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
            ON CONFLICT (event_id, channel) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
                last_error = EXCLUDED.last_error, updated_at = EXCLUDED.updated_at
            WHERE notification_delivery.status = 'FAILED'""";

    private final Pool pool;

    public NotificationDeliveries(Pool pool) {
        this.pool = pool;
    }

    /** The channels this event is finished with (sent, or given up). */
    public Uni<Set<Channel>> finished(UUID eventId) {
        return pool.preparedQuery("""
                        SELECT channel FROM notification_delivery WHERE event_id = $1 AND status IN ('SENT', 'DEAD')""")
                .execute(Tuple.of(eventId))
                .map(rows -> {
                    Set<Channel> channels = EnumSet.noneOf(Channel.class);
                    rows.forEach(row -> channels.add(Channel.valueOf(row.getString("channel"))));
                    return channels;
                });
    }

    public Uni<Void> sent(Notice notice, Channel channel, int attempt, Instant at) {
        return record(notice, channel, "SENT", attempt, null, at);
    }

    public Uni<Void> failed(Notice notice, Channel channel, int attempt, String error, Instant at) {
        return record(notice, channel, "FAILED", attempt, error, at);
    }

    /** Gives up the event's failed channels; emits which. */
    public Uni<List<Channel>> giveUp(UUID eventId, int attempts, Instant at) {
        return pool.preparedQuery("""
                        UPDATE notification_delivery SET status = 'DEAD', attempts = greatest(attempts, $2), updated_at = $3
                        WHERE event_id = $1 AND status = 'FAILED' RETURNING channel""")
                .execute(Tuple.of(eventId, attempts, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Channel> channels = new ArrayList<>();
                    rows.forEach(row -> channels.add(Channel.valueOf(row.getString("channel"))));
                    return channels;
                });
    }

    /** The dead-letter list, oldest first, keyset-paginated; one row more than the page to tell if more follow. */
    public Uni<List<DeadNotice>> dead(PageRequest page) {
        return pool.preparedQuery("""
                        SELECT id, event_id, channel, kind, order_id, buyer_id, attempts, last_error, updated_at
                        FROM notification_delivery WHERE status = 'DEAD' AND id > $1 ORDER BY id LIMIT $2""")
                .execute(Tuple.of(page.afterOrStart(), page.fetchSize()))
                .map(rows -> {
                    List<DeadNotice> dead = new ArrayList<>();
                    rows.forEach(row -> dead.add(deadNotice(row)));
                    return dead;
                });
    }

    private Uni<Void> record(Notice notice, Channel channel, String status, int attempt, String error, Instant at) {
        return pool.preparedQuery(RECORD)
                .execute(Tuple.from(new Object[] {Ids.newId(), notice.eventId(), channel.name(), notice.kind().name(),
                        notice.orderId(), notice.buyerId(), status, attempt, error, at.atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    private static DeadNotice deadNotice(Row row) {
        return new DeadNotice(row.getUUID("id"), row.getUUID("event_id"), Channel.valueOf(row.getString("channel")),
                NoticeKind.valueOf(row.getString("kind")), row.getUUID("order_id"), row.getString("buyer_id"),
                row.getInteger("attempts"), row.getString("last_error"),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
