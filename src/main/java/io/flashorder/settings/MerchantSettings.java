package io.flashorder.settings;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What one merchant chose; an empty value means the platform default. The webhook secret is held decrypted in
 * memory only (it is encrypted at rest and never returned by the API).
 */
public record MerchantSettings(UUID merchantId, Integer paymentTimeoutSeconds, Integer autoConfirmDays,
                               Integer afterSalesDays, String webhookUrl, String webhookSecret, long version) {

    public static MerchantSettings none(UUID merchantId) {
        return new MerchantSettings(merchantId, null, null, null, null, null, 0);
    }

    public Duration paymentTimeout(MerchantDefaults defaults) {
        return paymentTimeoutSeconds == null ? defaults.paymentTimeout() : Duration.ofSeconds(paymentTimeoutSeconds);
    }

    public int autoConfirmDays(MerchantDefaults defaults) {
        return autoConfirmDays == null ? defaults.autoConfirmDays() : autoConfirmDays;
    }

    public int afterSalesDays(MerchantDefaults defaults) {
        return afterSalesDays == null ? defaults.afterSalesDays() : afterSalesDays;
    }

    /** Where and how to deliver this merchant's events, if it configured a webhook. */
    public Optional<Webhook> webhook() {
        return webhookUrl == null || webhookSecret == null ? Optional.empty()
                : Optional.of(new Webhook(webhookUrl, webhookSecret));
    }

    public record Webhook(String url, String secret) {
    }
}
