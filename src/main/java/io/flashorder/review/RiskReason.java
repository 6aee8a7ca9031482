package io.flashorder.review;

/** A rule that fired for an order: its weight in the score and what it saw. */
@io.quarkus.runtime.annotations.RegisterForReflection
public record RiskReason(RiskRule rule, int weight, String detail) {
}
