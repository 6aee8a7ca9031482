package io.flashorder.review;

import io.flashorder.fulfilment.HandOffStep;
import io.flashorder.platform.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Refuses to hand a held (or rejected) order's merchant order to a carrier: 409, and the hand-off rolls back. */
@ApplicationScoped
public class ReviewHold implements HandOffStep {

    private final ReviewRepository reviews;

    public ReviewHold(ReviewRepository reviews) {
        this.reviews = reviews;
    }

    @Override
    public Uni<Void> handedOff(SqlConnection tx, UUID merchantOrderId, String carrier, String trackingNumber,
                               Instant at) {
        return reviews.statusOfMerchantOrder(tx, merchantOrderId).invoke(status -> status.ifPresent(held -> {
            if (held == ReviewStatus.UNDER_REVIEW) {
                throw ApiException.conflict("order-under-review", "Merchant order " + merchantOrderId
                        + " is held for risk review; it can ship once an operator approves it");
            }
            if (held == ReviewStatus.REJECTED) {
                throw ApiException.conflict("order-rejected-by-review", "Merchant order " + merchantOrderId
                        + " was rejected by the risk review and is being refunded");
            }
        })).replaceWithVoid();
    }
}
