package io.flashorder.review;

import io.flashorder.aftersale.AfterSaleService;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.lifecycle.OrderTransitions;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides held orders: approve (the order goes on to shipping), reject (each merchant order is refunded in full
 * through after-sales, which releases its stock), or approve on time-out. A decision is a guarded update: of two
 * operators deciding at once one wins, the other gets 409. Every decision lands in the order's history.
 */
@ApplicationScoped
public class ReviewService {

    static final int TIMEOUT_BATCH = 100;
    /** After-sales refusals that mean the merchant order is refunded already (a rejection driven again). */
    private static final Set<String> ALREADY_REFUNDED = Set.of("quantity-not-available", "after-sale-not-allowed");

    private final Pool pool;
    private final ReviewRepository reviews;
    private final OrderTransitions transitions;
    private final AfterSaleService afterSales;
    private final Clock clock;
    private final MeterRegistry meters;

    public ReviewService(Pool pool, ReviewRepository reviews, OrderTransitions transitions,
                         AfterSaleService afterSales, Clock clock, MeterRegistry meters) {
        this.pool = pool;
        this.reviews = reviews;
        this.transitions = transitions;
        this.afterSales = afterSales;
        this.clock = clock;
        this.meters = meters;
    }

    public Uni<Page<ReviewView>> list(String status, PageRequest page) {
        ReviewStatus filter = parseStatus(status);
        return pool.withConnection(c -> reviews.list(c, filter, page))
                .map(rows -> Page.of(rows, page, ReviewView::orderId, view -> view));
    }

    public Uni<ReviewView> get(UUID orderId) {
        return pool.withConnection(c -> reviews.find(c, orderId, false))
                .map(found -> found.orElseThrow(() -> ApiException.notFound("review", orderId)));
    }

    @Timeout(10_000)
    public Uni<ReviewView> approve(UUID orderId, String actor, String reason) {
        return decide(orderId, ReviewStatus.APPROVED, actor, reason == null || reason.isBlank() ? "approved" : reason);
    }

    /** Rejects (or, for a rejected order, drives its refunds again) and refunds every merchant order in full. */
    public Uni<ReviewView> reject(UUID orderId, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalidField("reason", "a rejection says why");
        }
        return get(orderId)
                .chain(found -> found.status() == ReviewStatus.REJECTED ? Uni.createFrom().item(found)
                        : decide(orderId, ReviewStatus.REJECTED, actor, reason))
                .call(rejected -> Multi.createFrom().iterable(rejected.merchantOrderIds())
                        .onItem().transformToUniAndConcatenate(merchantOrder -> refund(merchantOrder, reason))
                        .collect().last());
    }

    /** Approves every review whose time ran out; emits how many. */
    public Uni<Integer> approveOverdue() {
        Instant now = clock.instant();
        return pool.withConnection(c -> reviews.due(c, now, TIMEOUT_BATCH))
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(orderId -> decide(orderId, ReviewStatus.APPROVED,
                                "system:review-timeout", "review time ran out: approved")
                                .onFailure(ApiException.class).recoverWithNull()) // decided meanwhile
                        .collect().asList().map(java.util.List::size));
    }

    private Uni<ReviewView> decide(UUID orderId, ReviewStatus verdict, String actor, String reason) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> reviews.find(tx, orderId, true).chain(found -> {
                    ReviewView review = found.orElseThrow(() -> ApiException.notFound("review", orderId));
                    if (review.status() != ReviewStatus.UNDER_REVIEW) {
                        throw ApiException.conflict("review-decided", "The review of order " + orderId
                                + " was decided already: " + review.status(),
                                Map.of("currentStatus", review.status().name()));
                    }
                    return reviews.decide(tx, orderId, verdict, actor, reason, now)
                            .chain(() -> transitions.note(tx, orderId, OrderStatus.AWAITING_SHIPMENT,
                                    new OrderTransitions.Actor(actor), "risk review " + verdict.name().toLowerCase()
                                            + ": " + reason, now));
                }))
                .invoke(() -> Counter.builder("flashorder.review.decisions").tag("verdict", verdict.name())
                        .tag("by", actor.startsWith("system:") ? "timeout"
                                : actor.startsWith("merchant:") ? "merchant" : "operator")
                        .description("Risk review decisions").register(meters).increment())
                .chain(() -> get(orderId));
    }

    private Uni<Void> refund(UUID merchantOrderId, String reason) {
        return afterSales.refundUnshipped(merchantOrderId, RiskScorer.ACTOR, "rejected by the risk review: " + reason)
                .replaceWithVoid()
                .onFailure(failure -> failure instanceof ApiException api
                        && ALREADY_REFUNDED.contains(api.problem().code()))
                .recoverWithUni(failure -> {
                    Log.infof("Merchant order %s refunded already (%s)", merchantOrderId, failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    static ReviewStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return ReviewStatus.UNDER_REVIEW;
        }
        try {
            return ReviewStatus.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status", "must be one of UNDER_REVIEW, APPROVED, REJECTED");
        }
    }
}
