package io.flashorder.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The risk review: rules with their weights and thresholds, the score that holds an order, the review time. */
@ConfigMapping(prefix = "flashorder.review")
public interface ReviewConfig {

    /** Score paid orders at all. */
    @WithDefault("true")
    boolean enabled();

    /** An order whose score reaches this is held for review. */
    @WithDefault("60")
    int threshold();

    /** A held order not decided within this time is approved, so no order waits forever. */
    @WithDefault("24H")
    Duration timeout();

    /** How often the timeout job looks for due reviews ({@code off}: never). */
    @WithDefault("1m")
    String timeoutEvery();

    /** Time the scorer may take to read its counters; past it the order is not held (and it is counted). */
    @WithDefault("2S")
    Duration scoringTimeout();

    /**
     * Merchants may list and decide the reviews of their own orders (platform setting; off: only the platform's
     * operators decide, and the merchant API answers 403).
     */
    @WithDefault("false")
    boolean merchantDecisions();

    /** Many buyers ship to one address within a window. */
    SharedUse sharedAddress();

    /** Many buyers place orders from one device (the hashed X-Device-Fingerprint of the placement) within a window. */
    SharedUse sharedDevice();

    PhoneRegion phoneRegion();

    Coupons coupons();

    ValueAboveHistory valueAboveHistory();

    Cancellations cancellations();

    /** One thing (an address, a device) used by many buyers within a window. */
    interface SharedUse {
        @WithDefault("40")
        int weight();

        /** Fires when this many buyers (this one included) used it within the window. */
        @WithDefault("3")
        int accounts();

        @WithDefault("24H")
        Duration window();
    }

    /**
     * The order's phone does not fit its address's region. No number-to-region database is bundled, so the sources
     * are explicit: the country (an international number's E.164 calling code against the address's country) and,
     * optionally, a table of national-number prefixes (e.g. mobile number segments) to platform regions.
     */
    interface PhoneRegion {
        @WithDefault("20")
        int weight();

        /** E.164 calling code of the country the platform's regions are in (86: China). */
        @WithDefault("86")
        String countryCallingCode();

        /** Regions in another country than {@link #countryCallingCode()}: region code → its calling code. */
        Map<String, String> regionCallingCodes();

        /** National-number prefix → platform region (the longest listed prefix wins); empty: the country only. */
        Map<String, String> prefixes();
    }

    /** Many coupons on one order, or a first order that is mostly discount. */
    interface Coupons {
        @WithDefault("30")
        int weight();

        /** Fires when an order carries this many coupons. */
        @WithDefault("3")
        int count();

        /** Fires when a buyer's first paid order got at least this share (percent) of its subtotal off. */
        @WithDefault("50")
        int firstOrderDiscountPercent();
    }

    /** An order far above what the buyer usually pays. */
    interface ValueAboveHistory {
        @WithDefault("30")
        int weight();

        /** Fires when the order costs more than this many times the buyer's average paid order... */
        @WithDefault("5")
        int factor();

        /** ...once the buyer has at least this many paid orders. */
        @WithDefault("2")
        int minOrders();
    }

    /** A buyer who cancelled many of its own orders lately (counted in Redis as they are cancelled). */
    interface Cancellations {
        @WithDefault("30")
        int weight();

        /** Fires when the buyer cancelled this many orders within the window. */
        @WithDefault("3")
        int count();

        @WithDefault("7D")
        Duration window();
    }
}
