package io.flashorder.logistics.carrier;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the carrier of a parcel from the merchant's rules: among the eligible ones, the merchant's preferred
 * carrier if one is eligible, else the lowest quote (ties: carrier name, then the older rule). The reason says
 * which and why, and is recorded on the parcel.
 */
public final class CarrierChoice {

    private CarrierChoice() {
    }

    /** What the rules look at. */
    public record Parcel(String regionCode, long weightGrams, long declaredValue, boolean cashOnDelivery,
                         String currency) {
    }

    public record Choice(CarrierRule rule, long cost, String reason) {
    }

    public static Optional<Choice> choose(List<CarrierRule> rules, Parcel parcel) {
        List<CarrierRule> eligible = rules.stream().filter(rule -> rule.accepts(parcel)).toList();
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        Comparator<CarrierRule> cheapest = Comparator.<CarrierRule>comparingLong(rule -> rule.cost(parcel.weightGrams()))
                .thenComparing(CarrierRule::carrier).thenComparing(CarrierRule::id);
        List<CarrierRule> preferred = eligible.stream().filter(CarrierRule::preferred).toList();
        CarrierRule chosen = (preferred.isEmpty() ? eligible : preferred).stream().min(cheapest).orElseThrow();
        long cost = chosen.cost(parcel.weightGrams());
        String quotes = eligible.stream().sorted(cheapest)
                .map(rule -> rule.carrier() + " " + rule.cost(parcel.weightGrams())).distinct()
                .collect(Collectors.joining(", "));
        String reason = (preferred.isEmpty() ? "lowest quote" : "merchant's preferred carrier") + ": "
                + chosen.carrier() + " at " + cost + " " + parcel.currency() + " (eligible: " + quotes + ")";
        return Optional.of(new Choice(chosen, cost, reason));
    }
}
