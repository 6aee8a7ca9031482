package io.flashorder.payment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Payments ({@code flashorder.payments.*}). */
@ConfigMapping(prefix = "flashorder.payments")
public interface PaymentsConfig {

    /** The provider used when a payment request names none. */
    @WithDefault("sandbox")
    String defaultProvider();

    /** How long a payment session can be paid. It may outlive the order's deadline: then the payment is late. */
    @WithDefault("15M")
    Duration sessionTtl();

    /** Callbacks signed longer ago than this are refused as stale. */
    @WithDefault("5M")
    Duration signatureTolerance();

    /** Callbacks signed this far in the future (clock skew) are still accepted; further ones are refused. */
    @WithDefault("30S")
    Duration futureSkew();

    Sandbox sandbox();

    interface Sandbox {
        /** The webhook signing secret; locally scripts/keys.sh writes it to {@code webhook-secret-file}. */
        Optional<String> webhookSecret();

        @WithDefault("build/keys/sandbox-webhook-secret")
        Path webhookSecretFile();

        /** Where the buyer is sent to pay; the session id is appended. */
        @WithDefault("https://sandbox.pay.flashorder.io/checkout/")
        String payUrlBase();
    }
}
