package io.flashorder.review;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A review as the merchant of one of its merchant orders sees it: its own merchant order only (never the buyer, nor
 * other merchants' parts), the score and reasons, the decision. {@code decidable}: the whole order is this merchant's
 * and still under review, so the merchant may approve or reject it; an order shared with other merchants is the
 * platform's to decide. An operator's name is shown as "platform".
 */
public record MerchantReviewView(UUID orderId, UUID merchantOrderId, ReviewStatus status, int score,
                                 List<RiskReason> reasons, Instant heldAt, Instant reviewDueAt, boolean decidable,
                                 @Schema(nullable = true) Instant decidedAt, @Schema(nullable = true) String decidedBy,
                                 @Schema(nullable = true) String decisionReason) {

    static MerchantReviewView of(ReviewView review, UUID merchantId) {
        int own = review.merchantIds().indexOf(merchantId);
        String decidedBy = review.decidedBy() != null && review.decidedBy().startsWith("admin:") ? "platform"
                : review.decidedBy();
        return new MerchantReviewView(review.orderId(), review.merchantOrderIds().get(own), review.status(),
                review.score(), review.reasons(), review.heldAt(), review.reviewDueAt(),
                review.status() == ReviewStatus.UNDER_REVIEW && onlyOf(review, merchantId), review.decidedAt(),
                decidedBy, review.decisionReason());
    }

    /** Whether every merchant order of the reviewed order is this merchant's. */
    static boolean onlyOf(ReviewView review, UUID merchantId) {
        return review.merchantIds().stream().allMatch(merchantId::equals);
    }
}
