package io.flashorder.points;

import io.flashorder.inventory.InventoryKeys;
import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.PointsKeys;
import io.flashorder.order.query.OrderPointsQueries;
import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The buyer's spendable points in Redis ({@link PointsKeys}), following the PostgreSQL ledger: the checkout's
 * reservation script holds points there with the stock, all or nothing. Written three ways, each idempotent:
 * <ul>
 *   <li><b>load</b> (a buyer's first spending, or after Redis came back with less than it had: the mirror's epoch is
 *       not the stock's): the ledger's balance, under the account's row lock, and as held the points of the
 *       buyer's unpaid orders (PostgreSQL's and those the stale mirror still names) that were not released;</li>
 *   <li><b>sync</b> after every ledger change: the balance at the account's version (never an older one over a newer
 *       one), settling the held points of the orders whose spending that version includes;</li>
 *   <li><b>expire</b>: the expiry job's Redis half, see {@link PointsService#expireDue()}.</li>
 * </ul>
 * A sync that fails leaves the account's {@code mirrored_version} behind its version; {@link PointsMirrorJob} syncs
 * those. Until then the mirror only ever shows fewer spendable points than the ledger, never more: spending is held
 * from the reservation until the ledger's entry for it is mirrored, and an expiry is taken off before it is recorded.
 */
@ApplicationScoped
public class PointsMirror {

    private static final LuaScript LOAD = LuaScript.load("load_points");
    private static final LuaScript SYNC = LuaScript.load("sync_points");
    private static final LuaScript EXPIRE = LuaScript.load("expire_points");

    private final Pool pool;
    private final PointsLedger ledger;
    private final OrderPointsQueries orders;
    private final RedisScripts scripts;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final Clock clock;

    public PointsMirror(Pool pool, PointsLedger ledger, OrderPointsQueries orders, RedisScripts scripts,
                        ReactiveRedisDataSource redis, Clock clock) {
        this.pool = pool;
        this.ledger = ledger;
        this.orders = orders;
        this.scripts = scripts;
        this.hashes = redis.hash(String.class);
        this.clock = clock;
    }

    /** Loads the buyer's mirror if it is missing or of another epoch (a no-op when another pod loaded it first). */
    public Uni<Void> load(String buyerId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String key = PointsKeys.account(buyerId);
        return hashes.hgetall(key).chain(stale -> pool.withTransaction(tx -> ledger.lock(tx, buyerId, now)
                .chain(account -> orders.pendingOf(tx, buyerId).chain(pending -> {
                    Map<UUID, Long> candidates = new LinkedHashMap<>();
                    pending.forEach(order -> candidates.put(order.orderId(), order.points()));
                    (stale == null ? Map.<String, String>of() : stale).forEach((field, value) -> {
                        if (field.startsWith(PointsKeys.ORDER_PREFIX)) {
                            candidates.putIfAbsent(UUID.fromString(field.substring(PointsKeys.ORDER_PREFIX.length())),
                                    Long.parseLong(value));
                        }
                    });
                    return ledger.spentOrders(tx, buyerId, List.copyOf(candidates.keySet()))
                            .chain(spent -> runLoad(key, account, candidates, spent))
                            .chain(() -> ledger.markMirrored(tx, buyerId, account.version()));
                }))));
    }

    private Uni<Void> runLoad(String key, PointsLedger.Account account, Map<UUID, Long> candidates, Set<UUID> spent) {
        List<String> keys = new ArrayList<>(2 + candidates.size());
        keys.add(key);
        keys.add(InventoryKeys.EPOCH);
        List<String> args = new ArrayList<>(3 + 3 * candidates.size());
        args.add(Long.toString(account.balance()));
        args.add(Long.toString(account.version()));
        args.add(Integer.toString(candidates.size()));
        candidates.forEach((orderId, points) -> {
            keys.add(OrderKeys.hold(orderId));
            args.add(orderId.toString());
            args.add(Long.toString(points));
            args.add(spent.contains(orderId) ? "1" : "0");
        });
        return scripts.run(LOAD, keys, args).invoke(response -> {
            String verdict = response.get(0).toString();
            if ("RECOVERING".equals(verdict)) {
                throw new IllegalStateException("The stock is being rebuilt; points are loaded afterwards");
            }
            if ("LOADED".equals(verdict)) {
                Log.debugf("Points mirror of %s loaded: balance %d, held %s", account.buyerId(), account.balance(),
                        response.get(1));
            }
        }).replaceWithVoid();
    }

    /**
     * The points the buyer could spend now, read only: the mirror's balance less what it holds when the mirror is
     * there, else what {@link #load} would give it (the ledger's balance less the points of unpaid orders not spent).
     */
    public Uni<Long> spendable(String buyerId) {
        return hashes.hgetall(PointsKeys.account(buyerId)).chain(mirrored -> {
            if (mirrored != null && mirrored.containsKey(PointsKeys.BALANCE)) {
                return Uni.createFrom().item(Long.parseLong(mirrored.get(PointsKeys.BALANCE))
                        - Long.parseLong(mirrored.getOrDefault(PointsKeys.HELD, "0")));
            }
            return pool.withConnection(c -> ledger.account(c, buyerId).chain(account -> account.isEmpty()
                    ? Uni.createFrom().item(0L)
                    : orders.pendingOf(c, buyerId).chain(pending -> ledger.spentOrders(c, buyerId,
                                    pending.stream().map(OrderPointsQueries.OrderPoints::orderId).toList())
                            .map(spent -> account.get().balance() - pending.stream()
                                    .filter(order -> !spent.contains(order.orderId()))
                                    .mapToLong(OrderPointsQueries.OrderPoints::points).sum()))));
        });
    }

    /** Brings the buyer's mirror up to the ledger (after a ledger change committed). */
    public Uni<Void> sync(String buyerId) {
        return pool.withConnection(c -> ledger.mirrorState(c, buyerId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            PointsLedger.MirrorState state = found.get();
            return ledger.spentBetween(c, buyerId, state.mirroredVersion(), state.version())
                    .chain(spent -> runSync(buyerId, state, spent))
                    .chain(() -> ledger.markMirrored(c, buyerId, state.version()));
        }));
    }

    /** As {@link #sync}, a failure only logged: the mirror job retries it. */
    public Uni<Void> syncQuietly(String buyerId) {
        return sync(buyerId).onFailure().recoverWithUni(failure -> {
            Log.warnf("Points mirror of %s left behind (the mirror job retries): %s", buyerId, failure.toString());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> runSync(String buyerId, PointsLedger.MirrorState state, List<PointsLedger.Spending> spent) {
        List<String> args = new ArrayList<>(3 + 2 * spent.size());
        args.add(Long.toString(state.balance()));
        args.add(Long.toString(state.version()));
        args.add(Integer.toString(spent.size()));
        spent.forEach(spending -> {
            args.add(spending.orderId().toString());
            args.add(Long.toString(spending.points()));
        });
        return scripts.run(SYNC, List.of(PointsKeys.account(buyerId), InventoryKeys.EPOCH), args).replaceWithVoid();
    }

    /**
     * Takes what the ledger says is due off the mirror, less what unpaid orders hold; emits what to record. With no
     * mirror of this epoch, the buyer's unpaid orders in PostgreSQL stand for what is held.
     */
    Uni<Long> expire(SqlConnection tx, String buyerId, long due) {
        return scripts.run(EXPIRE, List.of(PointsKeys.account(buyerId), InventoryKeys.EPOCH),
                        List.of(Long.toString(due)))
                .chain(response -> "EXPIRE".equals(response.get(0).toString())
                        ? Uni.createFrom().item(response.get(1).toLong())
                        : orders.pendingOf(tx, buyerId).map(pending -> Math.max(0,
                        due - pending.stream().mapToLong(OrderPointsQueries.OrderPoints::points).sum())));
    }

    /** Syncs up to {@code limit} accounts whose mirror is behind; emits how many. */
    public Uni<Integer> syncBehind(int limit) {
        return pool.withConnection(c -> ledger.unmirrored(c, limit))
                .chain(buyers -> io.smallrye.mutiny.Multi.createFrom().iterable(buyers)
                        .onItem().transformToUniAndConcatenate(this::syncQuietly)
                        .collect().asList().map(List::size));
    }
}
