package io.flashorder.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Buyer notifications ({@code flashorder.notifications.*}); retries and back-off are the event consumers' own. */
@ConfigMapping(prefix = "flashorder.notifications")
public interface NotificationConfig {

    /** Run the notification consumer on this pod (every pod may; they share the consumer group). */
    @WithDefault("true")
    boolean enabled();

    /** The time zone deadlines are written in. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /** The sandbox SMS provider refuses these numbers, so failures can be tried out (dev and tests). */
    Optional<List<String>> sandboxRefusedNumbers();
}
