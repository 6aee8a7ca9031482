package io.flashorder.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashorder.support.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Redis scripts/services.sh runs has the settings Flashorder requires, from the same file the local Kubernetes
 * overlay mounts (k8s/overlays/local/redis.conf): AOF, rewritten at four times its growth, no eviction, FLUSHALL
 * refused to the application's user.
 */
class RedisSettingsTest {

    @Test
    void localRedisRunsWithTheSharedConfiguration() throws IOException {
        String conf = Files.readString(Path.of("k8s/overlays/local/redis.conf"));
        assertThat(conf).contains("\nappendonly yes\n", "\nmaxmemory-policy noeviction\n", "-flushall");

        assertThat(config("appendonly")).isEqualTo("yes");
        assertThat(config("maxmemory-policy")).isEqualTo("noeviction");
        assertThat(config("save")).isEmpty();
        assertThat(config("hash-max-listpack-entries")).isEqualTo("64");
        assertThat(config("auto-aof-rewrite-percentage")).isEqualTo("400");
        String appendfsync = System.getenv().getOrDefault("FLASHORDER_REDIS_APPENDFSYNC", "always");
        assertThat(config("appendfsync")).isEqualTo(appendfsync);
    }

    @Test
    void theApplicationUserCannotFlushEveryDatabase() {
        // ACL DRYRUN asks without running the command: nothing is wiped if the rule were missing.
        assertThat(RedisServer.cli("ACL", "DRYRUN", "default", "FLUSHALL")).contains("no permissions");
        assertThat(RedisServer.cli("ACL", "DRYRUN", "default", "FLUSHDB")).startsWith("OK");
        assertThat(RedisServer.cli("ACL", "DRYRUN", "default", "EVALSHA", "0", "0")).startsWith("OK");
    }

    private static String config(String name) {
        return RedisServer.cli("CONFIG", "GET", name).lines().skip(1).findFirst().orElse("").strip();
    }
}
