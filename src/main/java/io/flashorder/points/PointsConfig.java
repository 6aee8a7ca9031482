package io.flashorder.points;

import io.flashorder.pricing.quote.PointsRedemption;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Member points ({@code flashorder.points.*}): how they are earned, how long they last, how they are redeemed. */
@ConfigMapping(prefix = "flashorder.points")
public interface PointsConfig {

    /**
     * Points earned per minor unit of paid goods, in basis points: 100 (the default) earns 1 point per 100 minor
     * units (1 point per 1.00 EUR); rounded down per merchant order.
     */
    @WithDefault("100")
    int earnBasisPoints();

    /** How long earned (and returned) points last; FIFO: spending uses the earliest-expiring points first. */
    @WithDefault("P365D")
    Duration expiry();

    /** How often each pod runs the expiry job (a scheduler interval; "off" in tests, which run it directly). */
    @WithDefault("1m")
    String expiryEvery();

    /** When points were due but held by unpaid orders, how soon the expiry job looks at the account again. */
    @WithDefault("PT1H")
    Duration expiryRecheck();

    /** Accounts one expiry transaction claims (FOR UPDATE SKIP LOCKED), and the batches of one run. */
    @WithDefault("100")
    int expiryBatchSize();

    @WithDefault("50")
    int expiryMaxBatches();

    /** The largest amount one operator adjustment may add or take. */
    @WithDefault("10000000")
    long maxAdjustment();

    /** How often each pod brings up to date the Redis mirrors of ledgers that changed (a scheduler interval). */
    @WithDefault("1s")
    String mirrorEvery();

    /** Accounts one mirror run syncs at most. */
    @WithDefault("200")
    int mirrorBatchSize();

    /** Redeeming at checkout: this many points ... */
    @WithDefault("100")
    long redeemPoints();

    /** ... are worth this many minor units (default 100 points = 1.00, so 1 point = 1 minor unit). */
    @WithDefault("100")
    long redeemValueMinor();

    /** At most this share of the goods an order still owes after every other discount is paid with points. */
    @WithDefault("5000")
    int redeemMaxShareBasisPoints();

    /** Spending {@code points} at this platform's rate and cap, as pricing takes it. */
    default PointsRedemption redemption(long points) {
        return new PointsRedemption(points, redeemPoints(), redeemValueMinor(), redeemMaxShareBasisPoints());
    }

    /** Statement timeout of the ledger's transactions. */
    @WithDefault("5s")
    Duration statementTimeout();
}
