package io.flashorder.checkout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

@ConfigMapping(prefix = "flashorder.checkout")
public interface CheckoutConfig {

    /** Platform default time to pay an ONLINE order; a live campaign sets its own. */
    @WithDefault("30M")
    Duration paymentTimeout();

    /**
     * Per buyer region, the other regions to ship from when its own has no stock, nearest first. Regions not
     * listed fall back to the platform's region order (flashorder.regions).
     */
    Map<String, List<String>> regionPreferences();
}
