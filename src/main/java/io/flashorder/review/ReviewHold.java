package io.flashorder.review;

import io.flashorder.fulfilment.HandOffStep;
import io.flashorder.logistics.warehouse.WarehouseWorkGate;
import io.flashorder.platform.error.ApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Refuses warehouse work on, and the hand-off to a carrier of, a held (or rejected) order's merchant orders: 409, and
 * the wave or the hand-off rolls back.
 */
@ApplicationScoped
public class ReviewHold implements HandOffStep, WarehouseWorkGate {

    private final ReviewRepository reviews;

    public ReviewHold(ReviewRepository reviews) {
        this.reviews = reviews;
    }

    @Override
    public Uni<Void> handedOff(SqlConnection tx, UUID merchantOrderId, String carrier, String trackingNumber,
                               Instant at) {
        return refuseHeld(tx, merchantOrderId);
    }

    @Override
    public Uni<Void> beforeWarehouseWork(SqlConnection tx, Collection<UUID> merchantOrderIds) {
        return Multi.createFrom().iterable(merchantOrderIds)
                .onItem().transformToUniAndConcatenate(merchantOrderId -> refuseHeld(tx, merchantOrderId))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> refuseHeld(SqlConnection tx, UUID merchantOrderId) {
        return reviews.statusOfMerchantOrder(tx, merchantOrderId).invoke(status -> status.ifPresent(held -> {
            if (held == ReviewStatus.UNDER_REVIEW) {
                throw ApiException.conflict("order-under-review", "Merchant order " + merchantOrderId
                        + " is held for risk review; it can be picked and shipped once an operator approves it",
                        Map.of("merchantOrderId", merchantOrderId));
            }
            if (held == ReviewStatus.REJECTED) {
                throw ApiException.conflict("order-rejected-by-review", "Merchant order " + merchantOrderId
                        + " was rejected by the risk review and is being refunded",
                        Map.of("merchantOrderId", merchantOrderId));
            }
        })).replaceWithVoid();
    }
}
