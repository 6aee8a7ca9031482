package io.flashorder.order.lifecycle;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.UUID;

/**
 * Work a feature above orders does once a buyer cancelled its own order (after the commit; e.g. the risk review
 * counts the buyer's cancellations). Implementations are CDI beans; a failure is logged and never undoes the
 * cancellation.
 */
public interface BuyerCancellationStep {

    Uni<Void> cancelledByBuyer(String buyerId, UUID orderId, Instant at);
}
