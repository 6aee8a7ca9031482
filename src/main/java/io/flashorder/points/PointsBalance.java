package io.flashorder.points;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A buyer's points.
 *
 * @param balance       the sum of the ledger (what has not been spent, clawed back or expired)
 * @param nextExpiry    when the earliest of these points expire, if any do
 * @param expiringNext  how many points expire then (unless spent before)
 */
public record PointsBalance(String buyerId, long balance, @Schema(nullable = true) Instant nextExpiry,
                           long expiringNext) {
}
