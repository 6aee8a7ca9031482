package io.flashorder.checkout;

import io.flashorder.platform.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code flashorder_placements_total{outcome}}: every placement that reached the checkout (or its sold-out fast
 * path) by outcome: {@code accepted}, or the problem code it was refused with ({@code sold-out},
 * {@code purchase-limit-exceeded}, {@code rate-limited}, {@code stock-unavailable}...), or {@code unavailable} for
 * a failure without one (a timeout, an open circuit). Problem codes are a fixed set, so the label stays bounded.
 */
@ApplicationScoped
public class PlacementMetrics {

    static final String ACCEPTED = "accepted";
    static final String UNAVAILABLE = "unavailable";
    static final String SOLD_OUT = "sold-out";

    private final MeterRegistry meters;
    private final Map<String, Counter> byOutcome = new ConcurrentHashMap<>();

    public PlacementMetrics(MeterRegistry meters) {
        this.meters = meters;
        // Present from the start, so a dashboard shows 0 rather than nothing before the sale.
        counter(ACCEPTED);
        counter(SOLD_OUT);
    }

    /** Counts one placement: accepted when {@code failure} is null, otherwise refused with its problem code. */
    public void record(Throwable failure) {
        counter(failure == null ? ACCEPTED
                : failure instanceof ApiException api ? api.problem().code() : UNAVAILABLE).increment();
    }

    void soldOutAtTheEdge() {
        counter(SOLD_OUT).increment();
    }

    private Counter counter(String outcome) {
        return byOutcome.computeIfAbsent(outcome, o -> Counter.builder("flashorder.placements")
                .description("Placements by outcome: accepted, or the problem code of the refusal")
                .tag("outcome", o).register(meters));
    }
}
