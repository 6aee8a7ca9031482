package io.flashorder.inventory;

import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and rewrites the stock hashes as a whole, for the recovery (which holds the fence, so no script moves a
 * counter meanwhile) and the reconciliation (which only ever moves a counter by a delta, through
 * lua/repair_stock.lua, so concurrent reservations are kept).
 */
@ApplicationScoped
public class StockRebuild {

    private static final LuaScript REPAIR = LuaScript.load("repair_stock");
    /** Keys read or written per pipelined round. */
    private static final int CONCURRENCY = 32;

    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveKeyCommands<String> keys;
    private final ReactiveRedisDataSource redis;
    private final RedisScripts scripts;

    public StockRebuild(ReactiveRedisDataSource redis, RedisScripts scripts) {
        this.redis = redis;
        this.scripts = scripts;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.keys = redis.key(String.class);
    }

    /** The counters of a stock hash (SKU or campaign), missing fields absent. */
    public Uni<Map<String, Long>> counters(String key) {
        return hashes.hgetall(key).map(StockRebuild::longs);
    }

    /** The counters of many hashes, by key. */
    public Uni<Map<String, Map<String, Long>>> counters(Collection<String> hashKeys) {
        return Multi.createFrom().iterable(hashKeys)
                .onItem().transformToUni(key -> counters(key).map(fields -> Map.entry(key, fields)))
                .merge(CONCURRENCY)
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Replaces the hash with exactly these fields (DEL and HSET in one MULTI). */
    public Uni<Void> replace(String key, Map<String, Long> fields) {
        Map<String, String> values = new HashMap<>();
        fields.forEach((field, value) -> values.put(field, Long.toString(value)));
        return redis.withTransaction(tx -> {
            var txKeys = tx.key(String.class);
            var txHashes = tx.hash(String.class, String.class, String.class);
            return values.isEmpty() ? txKeys.del(key).replaceWithVoid()
                    : txKeys.del(key).chain(() -> txHashes.hset(key, values)).replaceWithVoid();
        }).replaceWithVoid();
    }

    /** Of these stock-load batches, those Redis has applied (their marker is there). */
    public Uni<Set<UUID>> appliedBatches(Collection<UUID> batchIds) {
        return Multi.createFrom().iterable(batchIds)
                .onItem().transformToUni(batch -> keys.exists(InventoryKeys.loadMarker(batch))
                        .map(exists -> exists ? batch : null))
                .merge(CONCURRENCY)
                .filter(batch -> batch != null)
                .collect().asSet().map(HashSet::new);
    }

    /** The after-sale cases whose units {@code lua/return_stock.lua} has put back (their marker is there). */
    public Uni<Set<UUID>> returnedCases(Collection<UUID> caseIds) {
        return Multi.createFrom().iterable(caseIds)
                .onItem().transformToUni(caseId -> keys.exists(InventoryKeys.returnedMarker(caseId))
                        .map(exists -> exists ? caseId : null))
                .merge(CONCURRENCY)
                .filter(caseId -> caseId != null)
                .collect().asSet().map(HashSet::new);
    }

    /**
     * Puts a coupon in the state its order implies, if Redis has the coupon at all (its claim is mirrored by the
     * pricing feature): LOCKED or USED by the order; AVAILABLE only if it is still LOCKED by this order.
     */
    public Uni<Void> couponFollowsOrder(String couponId, String orderId, String state) {
        String key = CouponKeys.coupon(couponId);
        return hashes.hmget(key, "state", "orderId").chain(current -> {
            if (current.get("state") == null) {
                return Uni.createFrom().voidItem();
            }
            if ("AVAILABLE".equals(state)) {
                return "LOCKED".equals(current.get("state")) && orderId.equals(current.get("orderId"))
                        ? hashes.hset(key, Map.of("state", "AVAILABLE")).chain(() -> hashes.hdel(key, "orderId"))
                        .replaceWithVoid()
                        : Uni.createFrom().voidItem();
            }
            return hashes.hset(key, Map.of("state", state, "orderId", orderId)).replaceWithVoid();
        });
    }

    /**
     * The reconciliation's repair of one hash of {@code slot}: every field moves by its delta, all or none (see the
     * script), unless that slot's recovery fence is up.
     */
    public Uni<RepairOutcome> repair(OrderSlot slot, String key, List<StockDrift.Field> drift) {
        List<String> args = new ArrayList<>();
        for (StockDrift.Field field : drift) {
            args.add(field.field());
            args.add(Long.toString(field.delta()));
        }
        return scripts.run(REPAIR, List.of(key, InventoryKeys.recoveryFence(slot)), args).map(StockRebuild::repairOutcome);
    }

    /** What a repair did. */
    public record RepairOutcome(boolean repaired, String refusal) {
    }

    private static RepairOutcome repairOutcome(Response response) {
        String verdict = response.get(0).toString();
        return switch (verdict) {
            case "REPAIRED" -> new RepairOutcome(true, null);
            case "NEGATIVE" -> new RepairOutcome(false, response.get(1) + " would go below zero (it has "
                    + response.get(2) + ", the repair is " + response.get(3) + ")");
            case "RECOVERING" -> new RepairOutcome(false, "a recovery is rebuilding the stock");
            default -> throw new IllegalStateException("Unknown repair verdict " + verdict);
        };
    }

    private static Map<String, Long> longs(Map<String, String> fields) {
        Map<String, Long> counters = new HashMap<>();
        if (fields != null) {
            fields.forEach((field, value) -> {
                try {
                    counters.put(field, Long.parseLong(value));
                } catch (NumberFormatException notACounter) {
                    // Stock hashes hold counters only; anything else is not ours to compare.
                }
            });
        }
        return counters;
    }
}
