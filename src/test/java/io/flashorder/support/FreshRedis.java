package io.flashorder.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Empties the tests' Redis database before each application start, as Flyway's clean-at-start empties the test
 * database: pending holds never expire (they live until their order is settled), so without this every run would
 * leave the holds of its unpaid orders behind for the next. Registered for all tests by {@link FreshRedisResource}.
 */
public class FreshRedis implements QuarkusTestResourceLifecycleManager {

    /**
     * The Redis database the tests use (application.properties: %test.quarkus.redis.hosts); a Redis Cluster has only
     * database 0, on each of its primaries.
     */
    static final String TEST_DATABASE = "1";

    @Override
    public Map<String, String> start() {
        for (int port : RedisServer.nodePorts()) {
            String reply = RedisServer.cluster() ? RedisServer.cliOn(port, "FLUSHDB")
                    : RedisServer.cliOn(port, "-n", TEST_DATABASE, "FLUSHDB");
            if (!reply.strip().equals("OK")) {
                throw new IllegalStateException("Could not empty the tests' Redis database on port " + port + ": " + reply);
            }
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
