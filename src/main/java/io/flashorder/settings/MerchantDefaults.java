package io.flashorder.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Platform defaults of the per-merchant settings ({@code flashorder.merchant-defaults.*}); a merchant that never
 * chose a value gets these. The payment timeout defaults to the checkout's historical setting so
 * FLASHORDER_CHECKOUT_PAYMENT_TIMEOUT keeps working.
 */
@ConfigMapping(prefix = "flashorder.merchant-defaults")
public interface MerchantDefaults {

    /** Time to pay an ONLINE order (a live campaign's own timeout still wins). */
    @WithDefault("${flashorder.checkout.payment-timeout:30M}")
    Duration paymentTimeout();

    /** Days after shipment after which receipt is confirmed automatically. */
    @WithDefault("7")
    int autoConfirmDays();

    /** Days after completion during which the buyer may open an after-sale case. */
    @WithDefault("15")
    int afterSalesDays();
}
