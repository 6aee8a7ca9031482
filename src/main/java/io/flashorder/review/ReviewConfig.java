package io.flashorder.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

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

    SharedAddress sharedAddress();

    Coupons coupons();

    ValueAboveHistory valueAboveHistory();

    Cancellations cancellations();

    /** Many buyers ship to one address within a window. */
    interface SharedAddress {
        @WithDefault("40")
        int weight();

        /** Fires when this many buyers (this one included) used the address within the window. */
        @WithDefault("3")
        int accounts();

        @WithDefault("24H")
        Duration window();
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
