package io.flashorder.feedback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Buyer feedback settings ({@code flashorder.feedback.*}). */
@ConfigMapping(prefix = "flashorder.feedback")
public interface FeedbackConfig {

    /** How long after a merchant order completes its buyer may rate it (the window ends exclusive). */
    @WithDefault("30D")
    Duration window();

    /** PostgreSQL statement timeout inside a feedback transaction (milliseconds). */
    @WithDefault("5000")
    int statementTimeoutMillis();
}
