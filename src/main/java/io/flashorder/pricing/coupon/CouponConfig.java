package io.flashorder.pricing.coupon;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Buyers' coupons ({@code flashorder.coupons.*}). */
@ConfigMapping(prefix = "flashorder.coupons")
public interface CouponConfig {

    /** How often each pod writes to Redis the claimed coupons whose mirror failed (a scheduler interval). */
    @WithDefault("10s")
    String mirrorReplayEvery();
}
