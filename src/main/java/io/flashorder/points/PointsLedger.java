package io.flashorder.points;

import io.flashorder.platform.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The points tables (reactive SQL client). Every write to a buyer's points first locks the buyer's account row
 * ({@link #lock}), so entries of one buyer are appended one at a time, each with the next version and the running
 * balance.
 */
@ApplicationScoped
public class PointsLedger {

    private static final String COLUMNS = " id, kind, amount, balance_after, reason, reference, order_id, merchant_order_id,"
            + " basis, expires_at, actor, created_at ";
    private static final String OPEN_ACCOUNT = """
            INSERT INTO points_account (buyer_id, created_at, updated_at) VALUES ($1, $2, $2)
            ON CONFLICT (buyer_id) DO NOTHING""";
    private static final String LOCK = """
            SELECT balance, version, next_expiry_at FROM points_account WHERE buyer_id = $1 FOR UPDATE""";
    private static final String READ_ACCOUNT = "SELECT balance, version, next_expiry_at FROM points_account WHERE buyer_id = $1";
    private static final String FIND = "SELECT " + COLUMNS + " FROM points_entry WHERE buyer_id = $1 AND kind = $2 AND reference = $3";
    private static final String INSERT = """
            INSERT INTO points_entry (id, buyer_id, version, kind, amount, balance_after, reason, reference, order_id,
                                      merchant_order_id, basis, expires_at, actor, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""";
    /** LEAST ignores nulls: a credit without expiry leaves the next expiry as it is. */
    private static final String ADVANCE = """
            UPDATE points_account SET balance = $2, version = $3, next_expiry_at = LEAST(next_expiry_at, $4),
                updated_at = $5
            WHERE buyer_id = $1""";
    private static final String PAGE = "SELECT " + COLUMNS + """
             FROM points_entry WHERE buyer_id = $1 AND ($2::uuid IS NULL OR id < $2) ORDER BY id DESC LIMIT $3""";
    /** What FIFO expiry needs: credits due by $2, all debits, and the next expiry after $2. */
    private static final String EXPIRY_FACTS = """
            SELECT coalesce(sum(amount) FILTER (WHERE amount > 0 AND expires_at <= $2), 0) AS due,
                   coalesce(-sum(amount) FILTER (WHERE amount < 0), 0) AS debits,
                   min(expires_at) FILTER (WHERE amount > 0 AND expires_at > $2) AS next
            FROM points_entry WHERE buyer_id = $1""";
    private static final String CLAIM_DUE = """
            SELECT buyer_id FROM points_account WHERE next_expiry_at <= $1
            ORDER BY next_expiry_at LIMIT $2 FOR UPDATE SKIP LOCKED""";
    private static final String SET_NEXT_EXPIRY = "UPDATE points_account SET next_expiry_at = $2 WHERE buyer_id = $1";
    private static final String RECORD_REFUND = """
            INSERT INTO points_refund (case_id, buyer_id, merchant_order_id, goods, after_earn, before_shipment,
                                       created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id) DO NOTHING""";
    private static final String REFUNDED = """
            SELECT coalesce(sum(goods) FILTER (WHERE after_earn), 0) AS after_earn,
                   coalesce(sum(goods) FILTER (WHERE NOT after_earn), 0) AS before_earn,
                   coalesce(sum(goods) FILTER (WHERE before_shipment), 0) AS before_shipment
            FROM points_refund WHERE merchant_order_id = $1""";
    /** Points of one kind a merchant order's entries moved, as a positive number. */
    private static final String MOVED = """
            SELECT coalesce(abs(sum(amount)), 0) AS moved FROM points_entry
            WHERE buyer_id = $1 AND kind = $2 AND merchant_order_id = $3""";
    private static final String MARK_MIRRORED = """
            UPDATE points_account SET mirrored_version = GREATEST(mirrored_version, $2) WHERE buyer_id = $1""";
    private static final String MIRROR_STATE = """
            SELECT balance, version, mirrored_version FROM points_account WHERE buyer_id = $1""";
    /** Orders whose spending the mirror may not have settled yet: spent after the last mirrored version. */
    private static final String SPENT_SINCE = """
            SELECT order_id, -amount AS points FROM points_entry
            WHERE buyer_id = $1 AND kind = 'REDEEM' AND version > $2 AND version <= $3""";
    private static final String SPENT_ORDERS = """
            SELECT order_id FROM points_entry WHERE buyer_id = $1 AND kind = 'REDEEM' AND order_id = ANY($2)""";
    private static final String UNMIRRORED = """
            SELECT buyer_id FROM points_account WHERE mirrored_version < version ORDER BY updated_at LIMIT $1""";

    /** The locked account: what the next entry builds on. */
    public record Account(String buyerId, long balance, long version, Instant nextExpiryAt) {
    }

    /** A new entry, before it is numbered. */
    public record Draft(PointsEntryKind kind, long amount, String reason, String reference, UUID orderId,
                        UUID merchantOrderId, Long basis, Instant expiresAt, String actor) {
    }

    /** What expiring a buyer's points at a moment needs to know. */
    public record ExpiryFacts(long creditsDue, long debits, Instant nextAfter) {
    }

    /** Goods refunded on a merchant order before and after its points were earned. */
    public record Refunded(long beforeEarn, long afterEarn, long beforeShipment) {
    }

    /** The account as its Redis mirror follows it. */
    public record MirrorState(long balance, long version, long mirroredVersion) {
    }

    /** Points one paid order spent. */
    public record Spending(UUID orderId, long points) {
    }

    /** Opens the buyer's account if needed and locks it for the rest of the transaction. */
    public Uni<Account> lock(SqlConnection tx, String buyerId, Instant now) {
        return tx.preparedQuery(OPEN_ACCOUNT).execute(Tuple.of(buyerId, utc(now)))
                .chain(() -> tx.preparedQuery(LOCK).execute(Tuple.of(buyerId)))
                .map(rows -> account(buyerId, rows.iterator().next()));
    }

    public Uni<Optional<Account>> account(SqlConnection c, String buyerId) {
        return c.preparedQuery(READ_ACCOUNT).execute(Tuple.of(buyerId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(account(buyerId, rows.iterator().next())));
    }

    public Uni<Optional<PointsEntry>> find(SqlConnection c, String buyerId, PointsEntryKind kind, String reference) {
        return c.preparedQuery(FIND).execute(Tuple.of(buyerId, kind.name(), reference))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(entry(rows.iterator().next())));
    }

    /** Appends an entry after the locked account's last one; emits the entry and the account after it. */
    public Uni<Appended> append(SqlConnection tx, Account account, Draft draft, Instant now) {
        long balance = Math.addExact(account.balance(), draft.amount());
        long version = account.version() + 1;
        UUID id = Ids.newId();
        PointsEntry entry = new PointsEntry(id, draft.kind(), draft.amount(), balance, draft.reason(),
                draft.reference(), draft.orderId(), draft.merchantOrderId(), draft.basis(), draft.expiresAt(),
                draft.actor(), now);
        return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, account.buyerId(), version,
                        draft.kind().name(), draft.amount(), balance, draft.reason(), draft.reference(), draft.orderId(),
                        draft.merchantOrderId(), draft.basis(), utc(draft.expiresAt()), draft.actor(), utc(now)}))
                .chain(() -> tx.preparedQuery(ADVANCE).execute(Tuple.of(account.buyerId(), balance, version,
                        utc(draft.expiresAt()), utc(now))))
                .map(ignored -> new Appended(entry, new Account(account.buyerId(), balance, version,
                        earliest(account.nextExpiryAt(), draft.expiresAt()))));
    }

    /** An appended entry and the account right after it. */
    public record Appended(PointsEntry entry, Account account) {
    }

    /** A page of the buyer's entries, newest first, after (older than) {@code before} if given. */
    public Uni<List<PointsEntry>> page(SqlConnection c, String buyerId, Optional<UUID> before, int rows) {
        return c.preparedQuery(PAGE).execute(Tuple.of(buyerId, before.orElse(null), rows)).map(PointsLedger::entries);
    }

    public Uni<ExpiryFacts> expiryFacts(SqlConnection c, String buyerId, Instant at) {
        return c.preparedQuery(EXPIRY_FACTS).execute(Tuple.of(buyerId, utc(at))).map(rows -> {
            Row row = rows.iterator().next();
            OffsetDateTime next = row.getOffsetDateTime("next");
            return new ExpiryFacts(row.getLong("due"), row.getLong("debits"), next == null ? null : next.toInstant());
        });
    }

    /** Claims (FOR UPDATE SKIP LOCKED) up to {@code limit} accounts whose next expiry has come. */
    public Uni<List<String>> claimDue(SqlConnection tx, Instant now, int limit) {
        return tx.preparedQuery(CLAIM_DUE).execute(Tuple.of(utc(now), limit)).map(rows -> {
            List<String> buyers = new ArrayList<>();
            rows.forEach(row -> buyers.add(row.getString("buyer_id")));
            return buyers;
        });
    }

    public Uni<Void> setNextExpiry(SqlConnection tx, String buyerId, Instant next) {
        return tx.preparedQuery(SET_NEXT_EXPIRY).execute(Tuple.of(buyerId, utc(next))).replaceWithVoid();
    }

    /** Records a case's refunded goods once; emits false when the case was recorded before. */
    public Uni<Boolean> recordRefund(SqlConnection tx, UUID caseId, String buyerId, UUID merchantOrderId, long goods,
                                     boolean afterEarn, boolean beforeShipment, Instant now) {
        return tx.preparedQuery(RECORD_REFUND)
                .execute(Tuple.from(new Object[] {caseId, buyerId, merchantOrderId, goods, afterEarn, beforeShipment,
                        utc(now)}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Refunded> refunded(SqlConnection c, UUID merchantOrderId) {
        return c.preparedQuery(REFUNDED).execute(Tuple.of(merchantOrderId)).map(rows -> {
            Row row = rows.iterator().next();
            return new Refunded(row.getLong("before_earn"), row.getLong("after_earn"), row.getLong("before_shipment"));
        });
    }

    /** Points the entries of one kind moved for a merchant order (clawed back, returned), as a positive number. */
    public Uni<Long> moved(SqlConnection c, String buyerId, PointsEntryKind kind, UUID merchantOrderId) {
        return c.preparedQuery(MOVED).execute(Tuple.of(buyerId, kind.name(), merchantOrderId))
                .map(rows -> rows.iterator().next().getLong("moved"));
    }

    public Uni<Optional<MirrorState>> mirrorState(SqlConnection c, String buyerId) {
        return c.preparedQuery(MIRROR_STATE).execute(Tuple.of(buyerId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new MirrorState(row.getLong("balance"), row.getLong("version"),
                    row.getLong("mirrored_version")));
        });
    }

    /** Orders whose spending has a version in (after, upTo]. */
    public Uni<List<Spending>> spentBetween(SqlConnection c, String buyerId, long after, long upTo) {
        return c.preparedQuery(SPENT_SINCE).execute(Tuple.of(buyerId, after, upTo)).map(rows -> {
            List<Spending> spent = new ArrayList<>();
            rows.forEach(row -> spent.add(new Spending(row.getUUID("order_id"), row.getLong("points"))));
            return spent;
        });
    }

    /** Which of these orders' spending the ledger has. */
    public Uni<java.util.Set<UUID>> spentOrders(SqlConnection c, String buyerId, List<UUID> orderIds) {
        return c.preparedQuery(SPENT_ORDERS).execute(Tuple.of(buyerId, orderIds.toArray(UUID[]::new))).map(rows -> {
            java.util.Set<UUID> spent = new java.util.HashSet<>();
            rows.forEach(row -> spent.add(row.getUUID("order_id")));
            return spent;
        });
    }

    public Uni<Void> markMirrored(SqlConnection c, String buyerId, long version) {
        return c.preparedQuery(MARK_MIRRORED).execute(Tuple.of(buyerId, version)).replaceWithVoid();
    }

    /** Accounts whose mirror is behind their ledger, longest first. */
    public Uni<List<String>> unmirrored(SqlConnection c, int limit) {
        return c.preparedQuery(UNMIRRORED).execute(Tuple.of(limit)).map(rows -> {
            List<String> buyers = new ArrayList<>();
            rows.forEach(row -> buyers.add(row.getString("buyer_id")));
            return buyers;
        });
    }

    private static Account account(String buyerId, Row row) {
        OffsetDateTime next = row.getOffsetDateTime("next_expiry_at");
        return new Account(buyerId, row.getLong("balance"), row.getLong("version"),
                next == null ? null : next.toInstant());
    }

    private static List<PointsEntry> entries(RowSet<Row> rows) {
        List<PointsEntry> entries = new ArrayList<>(rows.size());
        rows.forEach(row -> entries.add(entry(row)));
        return entries;
    }

    private static PointsEntry entry(Row row) {
        OffsetDateTime expires = row.getOffsetDateTime("expires_at");
        return new PointsEntry(row.getUUID("id"), PointsEntryKind.valueOf(row.getString("kind")), row.getLong("amount"),
                row.getLong("balance_after"), row.getString("reason"), row.getString("reference"),
                row.getUUID("order_id"), row.getUUID("merchant_order_id"), row.getLong("basis"),
                expires == null ? null : expires.toInstant(), row.getString("actor"),
                row.getOffsetDateTime("created_at").toInstant());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
