package io.flashorder.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Empties the tests' Redis database before each application start, as Flyway's clean-at-start empties the test
 * database: pending holds never expire (they live until their order is settled), so without this every run would
 * leave the holds of its unpaid orders behind for the next. Registered for all tests by {@link FreshRedisResource}.
 * <p>
 * Two runs must not share a Redis database: each would empty the other's at every application start. So a run leases
 * its database ({@value #LEASE_KEY}, renewed every {@value #RENEW_SECONDS} s, gone {@value #LEASE_SECONDS} s after the
 * run ends or dies) and refuses to start on a database another live run holds, instead of silently breaking it. A
 * second run on the same Redis server takes another database: {@code FLASHORDER_TEST_REDIS_DB} (default 1), which
 * application.properties uses too. (The PostgreSQL test database is one per server: two runs still need two
 * PostgreSQL servers, as scripts/services.sh gives each worktree.)
 */
public class FreshRedis implements QuarkusTestResourceLifecycleManager {

    static final String LEASE_KEY = "test-run:{p}";
    static final int LEASE_SECONDS = 60;
    static final int RENEW_SECONDS = 15;
    private static final Pattern DATABASE_IN_URL = Pattern.compile("^redis://[^/,]+/(\\d+)$");
    /** This JVM's run: every application start of one run holds the same lease. */
    private static final String RUN = "pid " + ProcessHandle.current().pid() + " run " + UUID.randomUUID();
    private static final Pattern PID_OF_RUN = Pattern.compile("^pid (\\d+) run .*$");
    /** The databases this run leased (one, but for tests of this class); renewed together. */
    private static final Set<String> LEASED = ConcurrentHashMap.newKeySet();
    private static ScheduledExecutorService renewal;

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
        renewLease(database);
        LEASED.add(database);
        startRenewal();
        return Map.of();
    }

    @Override
    public void stop() {
    }

    /** A run of this machine that was killed leaves its lease behind for a minute: its process tells it is gone. */
    private static boolean alive(String holder) {
        Matcher pid = PID_OF_RUN.matcher(holder);
        return !pid.matches() || ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false);
    }

    private static synchronized void startRenewal() {
        if (renewal == null) {
            renewal = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "fresh-redis-lease");
                thread.setDaemon(true); // ends with the run; the lease expires after it
                return thread;
            });
            renewal.scheduleAtFixedRate(FreshRedis::renewQuietly, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Also after a test flushed or restarted Redis: the lease is written again, at most one period later. */
    private static void renewQuietly() {
        for (String database : LEASED) {
            try {
                renewLease(database);
            } catch (RuntimeException e) {
                // Redis is down on purpose in some tests; the next period writes it again.
            }
        }
    }

    private static void renewLease(String database) {
        lease(database, "SET", LEASE_KEY, RUN, "EX", Integer.toString(LEASE_SECONDS));
    }

    /** Lets go of the lease (tests of this class only: a run's lease simply expires after it). */
    static void release(String database) {
        LEASED.remove(database);
        lease(database, "DEL", LEASE_KEY);
    }

    /** On the server holding the application's keys (the {p} node of a cluster), in the tests' database. */
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
