package io.flashorder.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Two test runs on one Redis database would empty each other's data at every application start: a run refuses a
 * database another live run holds, and takes over one whose run is gone. On a database of its own (not the one the
 * running application uses), so it never empties what other tests hold.
 */
class FreshRedisTest {

    /** Neither the tests' database nor TwoInstancesIT's. */
    private static final String DATABASE = "15";

    @BeforeEach
    void onlyOnASingleServer() {
        assumeFalse(RedisServer.cluster(), "a Redis Cluster has only database 0, the tests' own");
        RedisServer.cliOn(RedisServer.port(), "-n", DATABASE, "FLUSHDB");
    }

    @AfterEach
    void releaseTheLease() {
        FreshRedis.lease(DATABASE, "DEL", FreshRedis.LEASE_KEY);
    }

    @Test
    void aDatabaseAnotherLiveRunHoldsIsNotEmptied() {
        ProcessHandle otherRun = ProcessHandle.current().parent().orElseThrow(); // alive, and not this JVM
        FreshRedis.lease(DATABASE, "SET", FreshRedis.LEASE_KEY, FreshRedis.holder(otherRun));
        FreshRedis.lease(DATABASE, "SET", "hold:{p}:of-the-other-run", "1");

        assertThatThrownBy(() -> new FreshRedis(DATABASE).start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another test run").hasMessageContaining("FLASHORDER_TEST_REDIS_DB");
        assertThat(FreshRedis.lease(DATABASE, "GET", "hold:{p}:of-the-other-run").strip()).isEqualTo("1");
    }

    @Test
    void theLeaseOfARunThatIsGoneIsTakenOverAndTheDatabaseEmptied() throws Exception {
        Process ended = new ProcessBuilder("true").start(); // a run's JVM that was killed: its pid is free
        assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String gone = "pid " + ended.pid() + " started " + ended.info().startInstant().map(Object::toString).orElse("?");
        FreshRedis.lease(DATABASE, "SET", FreshRedis.LEASE_KEY, gone);
        FreshRedis.lease(DATABASE, "SET", "hold:{p}:left-behind", "1");

        new FreshRedis(DATABASE).start();
        assertThat(FreshRedis.lease(DATABASE, "EXISTS", "hold:{p}:left-behind").strip()).isEqualTo("0");
        assertThat(FreshRedis.lease(DATABASE, "GET", FreshRedis.LEASE_KEY).strip()).isEqualTo(FreshRedis.RUN);
        // The same run starting its next application (another class loader, as a test profile's) keeps its database.
        try (URLClassLoader profile = new OwnCopyOfSupport()) {
            Class<?> again = profile.loadClass(FreshRedis.class.getName());
            assertThat(again).isNotSameAs(FreshRedis.class);
            Constructor<?> constructor = again.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            assertThat(again.getMethod("start").invoke(constructor.newInstance(DATABASE))).isEqualTo(Map.of());
        }
    }

    /** Loads its own copy of the test support classes, as Quarkus does for each application a test profile starts. */
    private static final class OwnCopyOfSupport extends URLClassLoader {

        OwnCopyOfSupport() {
            super(new URL[] {FreshRedis.class.getProtectionDomain().getCodeSource().getLocation()},
                    FreshRedis.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(FreshRedis.class.getPackageName() + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
