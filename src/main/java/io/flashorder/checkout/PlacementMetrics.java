package io.flashorder.checkout;

import io.flashorder.platform.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code flashorder_placements_total{outcome}}: every placement that reached the checkout (or its sold-out fast
 * path) by outcome: {@code accepted}, or the problem code it was refused with ({@code sold-out},
 * {@code purchase-limit-exceeded}, {@code rate-limited}, {@code stock-unavailable}...), or {@code unavailable} for
 * a failure without one (a timeout, an open circuit). Problem codes are a fixed set, so the label stays bounded.
 */
@Singleton
public class PlacementMetrics {

    static final String ACCEPTED = "accepted";
    static final String UNAVAILABLE = "unavailable";
    static final String SOLD_OUT = "sold-out";

    private final MeterRegistry meters;
    private final Map<String, Counter> byOutcome = new ConcurrentHashMap<>();
    private final Map<CampaignOutcome, LongAdder> campaignRefusals = new ConcurrentHashMap<>();

    public PlacementMetrics(MeterRegistry meters) {
        this.meters = meters;
        // Present from the start, so a dashboard shows 0 rather than nothing before the sale.
        counter(ACCEPTED);
        counter(SOLD_OUT);
    }

    /**
     * Counts one placement: accepted when {@code failure} is null, otherwise refused with its problem code; a
     * refusal of a campaign's placement is also tallied for that campaign's funnel ({@link #drainCampaignRefusals}).
     */
    public void record(Throwable failure, UUID campaignId) {
        String outcome = failure == null ? ACCEPTED
                : failure instanceof ApiException api ? api.problem().code() : UNAVAILABLE;
        counter(outcome).increment();
        if (failure != null && campaignId != null) {
            campaignRefusals.computeIfAbsent(new CampaignOutcome(campaignId, outcome), key -> new LongAdder())
                    .increment();
        }
    }

    void soldOutAtTheEdge(UUID campaignId) {
        counter(SOLD_OUT).increment();
        if (campaignId != null) {
            campaignRefusals.computeIfAbsent(new CampaignOutcome(campaignId, SOLD_OUT), key -> new LongAdder())
                    .increment();
        }
    }

    /** Refusals of one campaign's placements with one problem code. */
    public record CampaignOutcome(UUID campaignId, String outcome) {
    }

    /**
     * The campaign refusals counted on this pod since the last drain, which resets them: the caller stores them
     * (analytics' funnel) and gives back with {@link #restoreCampaignRefusals} what it could not store. Counted in
     * memory, so the sold-out path pays no Redis or database call for the funnel; a pod that dies loses what it
     * counted since the last drain (a few seconds).
     */
    public Map<CampaignOutcome, Long> drainCampaignRefusals() {
        Map<CampaignOutcome, Long> drained = new HashMap<>();
        campaignRefusals.forEach((key, adder) -> {
            long count = adder.sumThenReset();
            if (count > 0) {
                drained.put(key, count);
            }
        });
        return drained;
    }

    public void restoreCampaignRefusals(Map<CampaignOutcome, Long> notStored) {
        notStored.forEach((key, count) -> campaignRefusals.computeIfAbsent(key, k -> new LongAdder()).add(count));
    }

    private Counter counter(String outcome) {
        return byOutcome.computeIfAbsent(outcome, o -> Counter.builder("flashorder.placements")
                .description("Placements by outcome: accepted, or the problem code of the refusal")
                .tag("outcome", o).register(meters));
    }
}
