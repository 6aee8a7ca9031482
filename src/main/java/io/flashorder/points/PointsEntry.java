package io.flashorder.points;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * One ledger entry as buyers and operators see it.
 *
 * @param amount       signed: credits are positive, debits negative
 * @param balanceAfter the balance right after this entry
 * @param reference    what the entry is about (merchant order, order, case, expiry run, operator reference)
 * @param basis        the money amount (minor units) the points were computed on, for EARN and CLAWBACK
 * @param expiresAt    for credits: when their unspent part expires
 */
public record PointsEntry(UUID id, PointsEntryKind kind, long amount, long balanceAfter, String reason,
                         String reference, @Schema(nullable = true) UUID orderId,
                         @Schema(nullable = true) UUID merchantOrderId, @Schema(nullable = true) Long basis,
                         @Schema(nullable = true) Instant expiresAt, String actor, Instant createdAt) {
}
