package io.flashorder.review;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The scorer's counters in Redis, each with an expiry so they never outgrow their window: per address fingerprint,
 * a sorted set of the buyers who used it, and per buyer, a sorted set of the orders it cancelled, each scored by when
 * (entries older than the window are dropped as they are written).
 */
@ApplicationScoped
public class RiskCounters {

    private final ReactiveRedisDataSource redis;

    public RiskCounters(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    static String addressKey(String fingerprint) {
        return "review:{p}:address:" + fingerprint;
    }

    static String cancellationsKey(String buyerId) {
        return "review:{p}:cancellations:" + buyerId;
    }

    /** Records that the buyer used the address now; emits how many buyers used it within the window. */
    public Uni<Long> buyersOnAddress(String fingerprint, String buyerId, Instant now, Duration window) {
        String key = addressKey(fingerprint);
        return redis.getRedis().batch(List.of(
                        Request.cmd(Command.ZADD).arg(key).arg(now.toEpochMilli()).arg(buyerId),
                        Request.cmd(Command.ZREMRANGEBYSCORE).arg(key).arg("-inf")
                                .arg("(" + now.minus(window).toEpochMilli()),
                        Request.cmd(Command.PEXPIRE).arg(key).arg(window.toMillis()),
                        Request.cmd(Command.ZCARD).arg(key)))
                .map(answers -> answers.get(3).toLong());
    }

    /** Records that the buyer cancelled the order at {@code at}; the key lives one window past its newest entry. */
    public Uni<Void> recordCancellation(String buyerId, UUID orderId, Instant at, Duration window) {
        String key = cancellationsKey(buyerId);
        return redis.getRedis().batch(List.of(
                        Request.cmd(Command.ZADD).arg(key).arg(at.toEpochMilli()).arg(orderId.toString()),
                        Request.cmd(Command.ZREMRANGEBYSCORE).arg(key).arg("-inf")
                                .arg("(" + at.minus(window).toEpochMilli()),
                        Request.cmd(Command.PEXPIRE).arg(key).arg(window.toMillis())))
                .replaceWithVoid();
    }

    /** How many orders the buyer cancelled within the window before {@code now} (one exactly a window ago counts). */
    public Uni<Long> cancellations(String buyerId, Instant now, Duration window) {
        return redis.getRedis().send(Request.cmd(Command.ZCOUNT).arg(cancellationsKey(buyerId))
                        .arg(now.minus(window).toEpochMilli()).arg("+inf"))
                .map(answer -> answer.toLong());
    }
}
