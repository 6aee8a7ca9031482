package io.flashorder.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The configurations tests need beside the default one. Each distinct profile costs every run of the suite a Quarkus
 * build (at test discovery), a start and a fresh database (Flyway cleans at start): 10-20 s each on CI. So tests whose
 * settings do not get in each other's way share one; a new test picks one of these (or none) rather than adding its
 * own. Each setting names the test that needs it.
 */
public final class TestProfiles {

    /** The SMTP server SmtpOutageTest stops and starts (see SmtpServer#sharedPort). */
    public static final String OUTAGE_SMTP_SERVER = "smtp-outage";
    /** Event deliveries (emails included) in QuickRetries: attempts, and the first back-off. */
    public static final int QUICK_RETRIES_MAX_ATTEMPTS = 5;
    public static final String QUICK_RETRIES_INITIAL = "PT0.5S";

    private TestProfiles() {
    }

    /**
     * Failures retried and claimed quickly: the mailer sends to an SMTP server SmtpOutageTest stops and starts, event
     * deliveries are tried five times from half a second of back-off (SmtpOutageTest), the order writer claims a dead
     * consumer's entries after 2 s and forgets it after 3 s (OrderWriterClaimTest), and there is no per-buyer
     * placement limit (PointsOverspendRaceTest: one buyer places fifty orders in a second).
     */
    public static class QuickRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.port", Integer.toString(SmtpServer.sharedPort(OUTAGE_SMTP_SERVER)),
                    "flashorder.events.max-attempts", Integer.toString(QUICK_RETRIES_MAX_ATTEMPTS),
                    "flashorder.events.retry-initial", QUICK_RETRIES_INITIAL,
                    "flashorder.order-writer.claim-idle", "2s",
                    "flashorder.order-writer.claim-every", "500ms",
                    "flashorder.order-writer.consumer-expiry", "3s",
                    "flashorder.risk.placements-per-window", "0");
        }
    }

    /**
     * The risk review on (ReviewQueueTest, MerchantReviewTest) and merchants' webhooks to public hosts only
     * (WebhookUrlPolicyTest, which places no order).
     */
    public static class ReviewOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Cancellations, devices and phone regions weigh the threshold too, so each rule alone holds an order. The
            // tests' phone is British (+44 20 ...): here the platform is in the UK, London's 20 in NORTH, 161 in WEST.
            // Merchants may decide their own orders' reviews (MerchantReviewTest).
            return Map.ofEntries(Map.entry("flashorder.review.enabled", "true"),
                    Map.entry("flashorder.review.threshold", "40"),
                    Map.entry("flashorder.review.shared-address.accounts", "3"),
                    Map.entry("flashorder.review.cancellations.weight", "40"),
                    Map.entry("flashorder.review.shared-device.weight", "40"),
                    Map.entry("flashorder.review.phone-region.weight", "40"),
                    Map.entry("flashorder.review.phone-region.country-calling-code", "44"),
                    Map.entry("flashorder.review.phone-region.prefixes.20", "NORTH"),
                    Map.entry("flashorder.review.phone-region.prefixes.161", "WEST"),
                    Map.entry("flashorder.review.merchant-decisions", "true"),
                    Map.entry("flashorder.webhooks.allow-private-hosts", "false"));
        }
    }

    /**
     * Redis restarted under the pod: no periodic stock check, so a restart is noticed by the first placement (Redis
     * forgot its scripts) and re-checked every 0.2 s (RedisLostWritesTest, SlotStockRecoveryTest); a minute of sold-out
     * memory, so only a restock message makes the pod forget a sold-out SKU in time, and the subscriptions watched
     * every second (SubscriptionsAfterRedisRestartTest).
     */
    public static class RedisRestarts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flashorder.recovery.verify-every", "1h", "flashorder.recovery.retry-every", "PT0.2S",
                    "flashorder.recovery.reconcile-every", "off",
                    "flashorder.inventory.sold-out-memory", "60S",
                    "flashorder.redis.subscriptions-watch-every", "1s");
        }
    }
}
