package io.flashorder.platform.redis;

import io.flashorder.support.RedisServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Redis memory gauges read each primary's INFO memory: what it holds, and its maxmemory as set at the time. */
@QuarkusTest
class RedisMemoryGaugesTest {

    private static final long THREE_GB = 3L * 1024 * 1024 * 1024;

    @Inject
    RedisMemoryGauges gauges;
    @Inject
    MeterRegistry meters;

    @Test
    void everyPrimaryReportsItsMemoryAndItsLimit() {
        gauges.sample().await().atMost(Duration.ofSeconds(10));
        Map<String, Double> used = byNode("flashorder.redis.memory.used");
        assertThat(used).hasSize(RedisServer.nodePorts().size());
        assertThat(used.values()).allSatisfy(bytes -> assertThat(bytes).isPositive());
        assertThat(byNode("flashorder.redis.memory.max").values()).containsOnly(0.0); // the local Redis: unlimited

        try {
            RedisServer.nodePorts().forEach(port -> RedisServer.cliOn(port, "CONFIG", "SET", "maxmemory", "3gb"));
            gauges.sample().await().atMost(Duration.ofSeconds(10));
            assertThat(byNode("flashorder.redis.memory.max")).hasSize(used.size())
                    .allSatisfy((node, bytes) -> assertThat(bytes).isEqualTo((double) THREE_GB));
        } finally {
            RedisServer.nodePorts().forEach(port -> RedisServer.cliOn(port, "CONFIG", "SET", "maxmemory", "0"));
        }
    }

    @Test
    void readsTheFieldItIsAskedForAndNoOtherWithTheSamePrefix() {
        String info = "# Memory\r\nused_memory:1024\r\nused_memory_human:1.00K\r\nused_memory_rss:4096\r\n"
                + "maxmemory:0\r\nmaxmemory_human:0B\r\n";
        assertThat(RedisMemoryGauges.field(info, "used_memory")).isEqualTo(1024);
        assertThat(RedisMemoryGauges.field(info, "maxmemory")).isZero();
        assertThatThrownBy(() -> RedisMemoryGauges.field(info, "used_memory_peak"))
                .isInstanceOf(IllegalStateException.class);
    }

    private Map<String, Double> byNode(String gauge) {
        return meters.find(gauge).gauges().stream()
                .collect(Collectors.toMap(g -> g.getId().getTag("node"), Gauge::value));
    }
}
