package io.flashorder.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Empties the tests' Redis database before each application start, as Flyway's clean-at-start empties the test
 * database: pending holds never expire (they live until their order is settled), so without this every run would
 * leave the holds of its unpaid orders behind for the next. Registered for all tests by {@link FreshRedisResource}.
 * <p>
 * Two runs must not share a Redis database: each would empty the other's at every application start. So a run leases
 * its database ({@value #LEASE_KEY}: the test JVM's pid and start time, written at each application start, expiring
 * {@value #LEASE_SECONDS} s later) and refuses to start on a database another live run holds, instead of silently
 * breaking it; the lease of a run whose JVM is gone is taken over at once. A second run on the same Redis server
 * takes another database: {@code FLASHORDER_TEST_REDIS_DB} (default 1), which application.properties uses too. (The
 * PostgreSQL test database is one per server: two runs still need two PostgreSQL servers, as scripts/services.sh
 * gives each worktree.)
 */
public class FreshRedis implements QuarkusTestResourceLifecycleManager {

    static final String LEASE_KEY = "test-run:{p}";
    /** Longer than any run; a run of this machine that died is recognised by its pid at once, not by the expiry. */
    static final int LEASE_SECONDS = 3_600;
    private static final Pattern DATABASE_IN_URL = Pattern.compile("^redis://[^/,]+/(\\d+)$");
    private static final Pattern HOLDER = Pattern.compile("^pid (\\d+) started (\\S+)$");
    /**
     * This JVM's run, the same for every application start of one run: each test profile's application comes with
     * its own class loader (and its own copy of this class), so it cannot be a random value.
     */
    static final String RUN = holder(ProcessHandle.current());

    private final String database;

    public FreshRedis() {
        this(database());
    }

    FreshRedis(String database) {
        this.database = database;
    }

    /**
     * The Redis database the tests use: the one of {@code FLASHORDER_TEST_REDIS_URL} when set (prepare.sh sets it on a
     * Redis Cluster, which has only database 0), else {@code FLASHORDER_TEST_REDIS_DB}, else 1. Keep in step with
     * {@code %test.quarkus.redis.hosts} in application.properties.
     */
    public static String database() {
        String url = System.getenv("FLASHORDER_TEST_REDIS_URL");
        if (url != null && !url.isBlank()) {
            Matcher matcher = DATABASE_IN_URL.matcher(url.strip());
            return matcher.matches() ? matcher.group(1) : "0";
        }
        String database = System.getenv("FLASHORDER_TEST_REDIS_DB");
        return database == null || database.isBlank() ? "1" : database.strip();
    }

    @Override
    public Map<String, String> start() {
        String holder = lease(database, "GET", LEASE_KEY).strip();
        if (!holder.isEmpty() && !holder.equals(RUN) && alive(holder)) {
            throw new IllegalStateException("Redis database " + database + " on port " + RedisServer.port()
                    + " is in use by another test run (" + holder + "): emptying it would break that run. Wait for "
                    + "it, or give this run another database (FLASHORDER_TEST_REDIS_DB) or its own Redis server.");
        }
        for (int port : RedisServer.nodePorts()) {
            String reply = RedisServer.cluster() ? RedisServer.cliOn(port, "FLUSHDB")
                    : RedisServer.cliOn(port, "-n", database, "FLUSHDB");
            if (!reply.strip().equals("OK")) {
                throw new IllegalStateException("Could not empty the tests' Redis database on port " + port + ": " + reply);
            }
        }
        lease(database, "SET", LEASE_KEY, RUN, "EX", Integer.toString(LEASE_SECONDS));
        return Map.of();
    }

    @Override
    public void stop() {
    }

    static String holder(ProcessHandle process) {
        return "pid " + process.pid() + " started " + process.info().startInstant().map(Object::toString).orElse("?");
    }

    /** Whether the run holding the lease still runs on this machine (a lease it cannot read counts as alive). */
    private static boolean alive(String holder) {
        Matcher matcher = HOLDER.matcher(holder);
        if (!matcher.matches()) {
            return true;
        }
        return ProcessHandle.of(Long.parseLong(matcher.group(1))).filter(ProcessHandle::isAlive)
                .map(process -> holder(process).equals(holder)).orElse(false);
    }

    /** On the server holding the application's keys (the {p} node of a cluster), in the given database. */
    static String lease(String database, String... command) {
        if (RedisServer.cluster()) {
            return RedisServer.cliOn(RedisServer.port(), command);
        }
        String[] args = new String[command.length + 2];
        args[0] = "-n";
        args[1] = database;
        System.arraycopy(command, 0, args, 2, command.length);
        return RedisServer.cliOn(RedisServer.port(), args);
    }
}
