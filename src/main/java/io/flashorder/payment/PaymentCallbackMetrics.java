package io.flashorder.payment;

import io.flashorder.platform.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code flashorder_payment_callbacks_total{provider, outcome}}: each callback of a known provider by what it did,
 * the {@link CallbackOutcome} in lower case ({@code paid}, {@code failure_recorded}, {@code late_refunded}...), or
 * {@code duplicate} (the same transaction again), {@code replayed} (the very same signed request again),
 * {@code rejected} (refused: signature, timestamp, unknown session, amount, malformed) or {@code error} (not
 * answered: a failure of ours). The success rate and the callback-failure alert read it.
 */
@ApplicationScoped
public class PaymentCallbackMetrics {

    static final String DUPLICATE = "duplicate";
    static final String REPLAYED = "replayed";
    static final String REJECTED = "rejected";
    static final String ERROR = "error";

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public PaymentCallbackMetrics(MeterRegistry meters, PaymentProviders providers) {
        this.meters = meters;
        // Present from the start for each provider, so a rate reads 0 rather than nothing before the first callback.
        for (String provider : providers.names()) {
            counter(provider, outcome(CallbackOutcome.PAID));
            counter(provider, REJECTED);
            counter(provider, ERROR);
        }
    }

    public void record(String provider, CallbackReceipt receipt, Throwable failure) {
        counter(provider, outcomeOf(receipt, failure)).increment();
    }

    static String outcomeOf(CallbackReceipt receipt, Throwable failure) {
        if (failure == null) {
            return receipt.duplicate() ? DUPLICATE : outcome(receipt.outcome());
        }
        if (failure instanceof ApiException api && api.problem().status() < 500) {
            return "webhook-replayed".equals(api.problem().code()) ? REPLAYED : REJECTED;
        }
        return ERROR;
    }

    private static String outcome(CallbackOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    private Counter counter(String provider, String outcome) {
        return counters.computeIfAbsent(provider + '/' + outcome, key -> Counter.builder("flashorder.payment.callbacks")
                .description("Payment provider callbacks by outcome")
                .tag("provider", provider).tag("outcome", outcome).register(meters));
    }
}
