package io.flashorder.pricing.rules.editing;

import io.smallrye.mutiny.Uni;

/**
 * Announces a committed pricing rule change: this pod's rules (and so its pricing snapshot) are reloaded before the
 * returned {@code Uni} completes, then the other pods are told. Implemented by
 * {@code io.flashorder.pricing.rules.PricingRulesCache}, which reads the rule sub-packages' rows; the sub-packages
 * that write them depend on this interface instead, so there is no cycle between them and the cache.
 */
public interface RuleChanges {

    /** Never fails the caller: a change that could not be announced is picked up by the periodic reload. */
    Uni<Void> changed();
}
