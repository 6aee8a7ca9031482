package io.flashorder.settings;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A merchant's effective settings, which of them it chose itself ({@code custom}; the others are the platform
 * defaults) and the defaults. The webhook secret is never shown, only whether one is set.
 */
public record SettingsView(UUID merchantId, long paymentTimeoutSeconds, int autoConfirmDays, int afterSalesDays,
                           @Schema(nullable = true) String webhookUrl, boolean webhookSecretSet, List<String> custom,
                           DefaultsView platformDefaults, long version) {

    public record DefaultsView(long paymentTimeoutSeconds, int autoConfirmDays, int afterSalesDays) {

        public static DefaultsView of(MerchantDefaults defaults) {
            return new DefaultsView(defaults.paymentTimeout().toSeconds(), defaults.autoConfirmDays(),
                    defaults.afterSalesDays());
        }
    }

    static SettingsView of(MerchantSettings settings, MerchantDefaults defaults) {
        List<String> custom = new ArrayList<>();
        if (settings.paymentTimeoutSeconds() != null) {
            custom.add("paymentTimeoutSeconds");
        }
        if (settings.autoConfirmDays() != null) {
            custom.add("autoConfirmDays");
        }
        if (settings.afterSalesDays() != null) {
            custom.add("afterSalesDays");
        }
        return new SettingsView(settings.merchantId(), settings.paymentTimeout(defaults).toSeconds(),
                settings.autoConfirmDays(defaults), settings.afterSalesDays(defaults), settings.webhookUrl(),
                settings.webhookSecret() != null, List.copyOf(custom), DefaultsView.of(defaults), settings.version());
    }
}
