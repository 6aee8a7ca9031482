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
import java.util.Collection;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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

    /** What became of one channel of a notice (written for a batch in one statement). */
    public record Outcome(Notice notice, Channel channel, boolean sent, String error) {
    }

    private static final String RECORD_ALL = """
            INSERT INTO notification_delivery (id, event_id, channel, kind, order_id, buyer_id, status, attempts,
                last_error, created_at, updated_at)
            SELECT id, event_id, channel, kind, order_id, buyer_id, status, $8, last_error, $9, $9
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[],
                        $10::text[]) AS u(id, event_id, channel, kind, order_id, buyer_id, status, last_error)
            ON CONFLICT (event_id, channel) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
                last_error = EXCLUDED.last_error, updated_at = EXCLUDED.updated_at
            WHERE notification_delivery.status = 'FAILED'""";

    private final Pool pool;

    public NotificationDeliveries(Pool pool) {
        this.pool = pool;
    }

    /** The channels each of these events is finished with (sent, or given up); events with none are absent. */
    public Uni<Map<UUID, Set<Channel>>> finished(Collection<UUID> eventIds) {
        return pool.preparedQuery("""
                        SELECT event_id, channel FROM notification_delivery
                        WHERE event_id = ANY($1) AND status IN ('SENT', 'DEAD')""")
                .execute(Tuple.of(eventIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Set<Channel>> finished = new HashMap<>();
                    rows.forEach(row -> finished.computeIfAbsent(row.getUUID("event_id"),
                            id -> EnumSet.noneOf(Channel.class)).add(Channel.valueOf(row.getString("channel"))));
                    return finished;
                });
    }

    /** Records the outcomes of one attempt in one statement; (event, channel) pairs must be distinct. */
    public Uni<Void> recordAll(List<Outcome> outcomes, int attempt, Instant at) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = outcomes.size();
        UUID[] ids = new UUID[n];
        UUID[] events = new UUID[n];
        String[] channels = new String[n];
        String[] kinds = new String[n];
        UUID[] orders = new UUID[n];
        String[] buyers = new String[n];
        String[] statuses = new String[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            Outcome outcome = outcomes.get(i);
            ids[i] = Ids.newId();
            events[i] = outcome.notice().eventId();
            channels[i] = outcome.channel().name();
            kinds[i] = outcome.notice().kind().name();
            orders[i] = outcome.notice().orderId();
            buyers[i] = outcome.notice().buyerId();
            statuses[i] = outcome.sent() ? "SENT" : "FAILED";
            errors[i] = outcome.error();
        }
        return pool.preparedQuery(RECORD_ALL)
                .execute(Tuple.from(new Object[] {ids, events, channels, kinds, orders, buyers, statuses, attempt,
                        at.atOffset(ZoneOffset.UTC), errors}))
                .replaceWithVoid();
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

    private static DeadNotice deadNotice(Row row) {
        return new DeadNotice(row.getUUID("id"), row.getUUID("event_id"), Channel.valueOf(row.getString("channel")),
                NoticeKind.valueOf(row.getString("kind")), row.getUUID("order_id"), row.getString("buyer_id"),
                row.getInteger("attempts"), row.getString("last_error"),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
