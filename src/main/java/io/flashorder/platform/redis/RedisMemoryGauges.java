package io.flashorder.platform.redis;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code flashorder_redis_memory_used_bytes{node}} and {@code flashorder_redis_memory_max_bytes{node}} (its
 * {@code maxmemory}, 0 when unlimited): what each Redis primary holds against its limit. Redis runs with
 * {@code maxmemory-policy noeviction}, so a full primary refuses writes and every placement on it answers 503; the
 * alerts watch the ratio. Read every {@code flashorder.monitoring.redis-memory-every} (not per scrape: every pod
 * exports the same figures, and a scrape must not wait on Redis).
 */
@ApplicationScoped
public class RedisMemoryGauges {

    private final RedisPrimaries primaries;
    private final MultiGauge used;
    private final MultiGauge limit;

    public RedisMemoryGauges(RedisPrimaries primaries, MeterRegistry meters) {
        this.primaries = primaries;
        this.used = MultiGauge.builder("flashorder.redis.memory.used").baseUnit(BaseUnits.BYTES)
                .description("Memory each Redis primary holds (INFO memory: used_memory)").register(meters);
        this.limit = MultiGauge.builder("flashorder.redis.memory.max").baseUnit(BaseUnits.BYTES)
                .description("Each Redis primary's maxmemory, 0 when unlimited").register(meters);
    }

    @Scheduled(every = "${flashorder.monitoring.redis-memory-every:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicSample() {
        return sample().onFailure().invoke(failure -> Log.debugf("Redis memory not read: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** Reads every primary's memory now and replaces the gauges' rows with it. */
    public Uni<Void> sample() {
        return primaries.askEach(() -> Request.cmd(Command.INFO).arg("memory")).invoke(answers -> {
            List<MultiGauge.Row<?>> usedRows = new ArrayList<>();
            List<MultiGauge.Row<?>> limitRows = new ArrayList<>();
            for (Map.Entry<String, Response> answer : answers.entrySet()) {
                Tags node = Tags.of("node", answer.getKey());
                String info = answer.getValue().toString();
                usedRows.add(MultiGauge.Row.of(node, field(info, "used_memory")));
                limitRows.add(MultiGauge.Row.of(node, field(info, "maxmemory")));
            }
            used.register(usedRows, true);
            limit.register(limitRows, true);
        }).replaceWithVoid();
    }

    /** One numeric field of an INFO section ("name:value" lines). */
    static long field(String info, String name) {
        String prefix = name + ":";
        return info.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Long.parseLong(line.substring(prefix.length()).strip()))
                .orElseThrow(() -> new IllegalStateException("INFO memory has no " + name));
    }
}
