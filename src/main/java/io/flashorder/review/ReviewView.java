package io.flashorder.review;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A review as operators see it: the order, its merchant orders and their merchants (position by position), the score
 * and the rules that fired, and the decision once taken.
 */
public record ReviewView(UUID orderId, String buyerId, List<UUID> merchantOrderIds, List<UUID> merchantIds,
                         ReviewStatus status, int score,
                         List<RiskReason> reasons, Instant heldAt, Instant reviewDueAt,
                         @Schema(nullable = true) Instant decidedAt, @Schema(nullable = true) String decidedBy,
                         @Schema(nullable = true) String decisionReason) {
}
