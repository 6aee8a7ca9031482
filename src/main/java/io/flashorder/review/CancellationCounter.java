package io.flashorder.review;

import io.flashorder.order.lifecycle.BuyerCancellationStep;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Instant;
import java.util.UUID;

/**
 * Counts each cancellation by a buyer in Redis (rule MANY_CANCELLATIONS), also while scoring is off, so the count is
 * right the moment it is turned on. Expiries by the payment deadline are not the buyer's doing and are not counted.
 */
@ApplicationScoped
public class CancellationCounter implements BuyerCancellationStep {

    private final RiskCounters counters;
    private final ReviewConfig config;

    public CancellationCounter(RiskCounters counters, ReviewConfig config) {
        this.counters = counters;
        this.config = config;
    }

    @Override
    @Timeout(2_000)
    public Uni<Void> cancelledByBuyer(String buyerId, UUID orderId, Instant at) {
        return counters.recordCancellation(buyerId, orderId, at, config.cancellations().window());
    }
}
