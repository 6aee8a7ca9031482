package io.flashorder.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Platform-wide settings ({@code flashorder.*} in application.properties or the environment). */
@ConfigMapping(prefix = "flashorder")
public interface FlashorderConfig {

    /** Region codes the platform ships to; warehouses and buyer addresses must use one of them. */
    @WithDefault("NORTH,SOUTH,EAST,WEST,CENTRAL")
    List<String> regions();

    Stock stock();

    Redis redis();

    Pii pii();

    Snapshots snapshots();

    /** The in-memory copies every pod keeps of hot-path data ({@link SharedSnapshot}). */
    interface Snapshots {
        /**
         * How often each pod reloads the catalog, the pricing rules and the merchant settings anyway, as a safety
         * net for a missed change message (a scheduler interval, also the first delay).
         */
        @WithDefault("30s")
        String reloadEvery();
    }

    interface Pii {
        /**
         * AES-256 keys as {@code <version>:<base64 key>} entries; old versions stay to read old data. Locally
         * scripts/keys.sh generates one; in Kubernetes it comes from a Secret (FLASHORDER_PII_KEY_RING).
         */
        java.util.Optional<List<String>> keyRing();

        /** Where to read the key ring (one entry per line) when {@code key-ring} is not set. */
        @WithDefault("build/keys/pii-key-ring")
        java.nio.file.Path keyRingFile();

        /** The version new data is encrypted with. */
        @WithDefault("1")
        String currentVersion();
    }

    interface Redis {
        /**
         * How often the pub/sub subscriber connection is looked for among Redis' pub/sub clients (a restarted Redis
         * forgets it without telling; see RedisChannels).
         */
        @WithDefault("5s")
        String subscriptionsWatchEvery();
    }

    interface Stock {
        /** How long Redis remembers that a stock-load batch was applied, so a replay does not add it twice. */
        @WithDefault("30D")
        Duration loadMarkerTtl();

        /** A load still PENDING this long after it was requested is re-applied by the replayer. */
        @WithDefault("5S")
        Duration replayAfter();

        /** How often each pod looks for PENDING loads (a scheduler interval such as 10s). */
        @WithDefault("10s")
        String replayEvery();

        /** Delay of the first look after start-up. */
        @WithDefault("2s")
        String replayDelay();
    }
}
