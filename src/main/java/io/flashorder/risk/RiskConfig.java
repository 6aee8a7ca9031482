package io.flashorder.risk;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Velocity limits ({@code flashorder.risk.*}). */
@ConfigMapping(prefix = "flashorder.risk")
public interface RiskConfig {

    /** Placement attempts one buyer may make per window; 0 turns the limit off. */
    @WithDefault("20")
    int placementsPerWindow();

    @WithDefault("60S")
    Duration placementWindow();
}
