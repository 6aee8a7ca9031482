package io.flashorder.inventory;

import io.flashorder.platform.redis.LuaScript;
import io.flashorder.platform.redis.RedisScripts;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The two keys that say whether Redis' stock may be used: the epoch (a generation PostgreSQL records too; the
 * reservation script refuses to run without it) and the recovery fence (the lock of the pod rebuilding the stock;
 * every stock script refuses to move a counter while it exists). See lua/recovery_fence.lua.
 */
@ApplicationScoped
public class StockFence {

    private static final LuaScript FENCE = LuaScript.load("recovery_fence");

    private final RedisScripts scripts;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveRedisDataSource redis;

    public StockFence(RedisScripts scripts, ReactiveRedisDataSource redis) {
        this.scripts = scripts;
        this.redis = redis;
        this.values = redis.value(String.class);
    }

    /** Emits true when {@code owner} holds the fence now, false when another pod does. */
    public Uni<Boolean> acquire(String owner, Duration ttl) {
        return lock(InventoryKeys.RECOVERY_FENCE, "acquire", owner, ttl);
    }

    /** Emits false when the fence is no longer {@code owner}'s (it expired): the owner must stop writing. */
    public Uni<Boolean> renew(String owner, Duration ttl) {
        return lock(InventoryKeys.RECOVERY_FENCE, "renew", owner, ttl);
    }

    public Uni<Void> release(String owner) {
        return lock(InventoryKeys.RECOVERY_FENCE, "release", owner, Duration.ZERO).replaceWithVoid();
    }

    /** Another stock job's lock of the same kind (a leader lock in the {p} partition): acquire, renew, release. */
    public Uni<Boolean> lock(String key, String op, String owner, Duration ttl) {
        return scripts.run(FENCE, List.of(key), List.of(op, owner, Long.toString(Math.max(1, ttl.toMillis()))))
                .map(result -> result.toLong() == 1L);
    }

    /** Who holds the fence, if anyone. */
    public Uni<Optional<String>> holder() {
        return values.get(InventoryKeys.RECOVERY_FENCE).map(Optional::ofNullable);
    }

    public Uni<Optional<Long>> epoch() {
        return values.get(InventoryKeys.EPOCH).map(value -> Optional.ofNullable(value).map(Long::parseLong));
    }

    /** Without the epoch every reservation is refused: done first by a recovery, so nothing is sold meanwhile. */
    public Uni<Void> dropEpoch() {
        return redis.key(String.class).del(InventoryKeys.EPOCH).replaceWithVoid();
    }

    public Uni<Void> writeEpoch(long epoch) {
        return values.set(InventoryKeys.EPOCH, Long.toString(epoch));
    }

    /** The epoch, unless Redis has one already (two pods initialising the first one agree on whichever won). */
    public Uni<Long> initialiseEpoch(long epoch) {
        return values.setnx(InventoryKeys.EPOCH, Long.toString(epoch))
                .chain(() -> values.get(InventoryKeys.EPOCH)).map(Long::parseLong);
    }

}
