package io.flashorder.review;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The scorer's counters in Redis, each with an expiry so they never outgrow their window: per address fingerprint,
 * a sorted set of the buyers who used it, scored by when (entries older than the window are dropped as it is read).
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
}
