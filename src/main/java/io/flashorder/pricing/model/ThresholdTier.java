package io.flashorder.pricing.model;

import io.flashorder.platform.money.Money;

import java.util.Objects;

/** One step of a spend-threshold promotion: spend at least {@code threshold}, get {@code reduction} off. */
public record ThresholdTier(Money threshold, Money reduction) {

    public ThresholdTier {
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(reduction, "reduction");
        if (threshold.signum() < 0 || reduction.signum() < 0) {
            throw new IllegalArgumentException("threshold and reduction must not be negative");
        }
        if (!threshold.currency().equals(reduction.currency())) {
            throw new IllegalArgumentException("threshold and reduction must share a currency");
        }
    }
}
