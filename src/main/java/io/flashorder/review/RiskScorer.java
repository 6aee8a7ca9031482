package io.flashorder.review;

import io.flashorder.order.OrderStatus;
import io.flashorder.order.PlacedOrder;
import io.flashorder.order.lifecycle.OrderTransitions;
import io.flashorder.order.lifecycle.PaidOrderStep;
import io.flashorder.order.query.OrderQueries;
import io.flashorder.risk.Fingerprints;
import io.flashorder.security.PiiCipher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Scores each order as it is paid (in the payment transaction, so a hold exists before any parcel can be handed
 * over) and holds it for review when the score reaches the threshold. The placement hot path never waits for it.
 * When its counters cannot be read in time the order is not held: a scorer outage must not stop payments; it is
 * counted ({@code flashorder_review_scoring_failures_total}) and logged.
 */
@ApplicationScoped
public class RiskScorer implements PaidOrderStep {

    static final String ACTOR = "review";

    private final OrderQueries orders;
    private final RiskCounters counters;
    private final ReviewRepository reviews;
    private final OrderTransitions transitions;
    private final PiiCipher pii;
    private final ReviewConfig config;
    private final MeterRegistry meters;
    private final DistributionSummary scores;
    private final Counter failures;
    private final Counter holds;

    public RiskScorer(OrderQueries orders, RiskCounters counters, ReviewRepository reviews,
                      OrderTransitions transitions, PiiCipher pii, ReviewConfig config, MeterRegistry meters) {
        this.orders = orders;
        this.counters = counters;
        this.reviews = reviews;
        this.transitions = transitions;
        this.pii = pii;
        this.config = config;
        this.meters = meters;
        this.scores = DistributionSummary.builder("flashorder.review.score").description("Risk scores of paid orders")
                .serviceLevelObjectives(20, 40, 60, 80, 100).register(meters);
        this.failures = Counter.builder("flashorder.review.scoring.failures")
                .description("Paid orders not scored (counters unreadable in time): not held").register(meters);
        this.holds = Counter.builder("flashorder.review.holds").description("Orders held for review").register(meters);
    }

    @Override
    public Uni<Void> paid(SqlConnection tx, UUID orderId, Instant at) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return facts(tx, orderId, at)
                .ifNoItem().after(config.scoringTimeout()).fail()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Order %s not scored (not held): %s", orderId, failure.toString());
                    failures.increment();
                    return Optional.empty();
                })
                .chain(scored -> scored.map(found -> holdIfDue(tx, found, at)).orElseGet(Uni.createFrom()::voidItem));
    }

    private Uni<Void> holdIfDue(SqlConnection tx, Scored scored, Instant at) {
        List<RiskReason> reasons = RiskRules.evaluate(scored.facts(), config);
        int score = RiskRules.score(reasons);
        scores.record(score);
        reasons.forEach(reason -> Counter.builder("flashorder.review.rules.fired").tag("rule", reason.rule().name())
                .description("Risk rules that fired on paid orders").register(meters).increment());
        if (score < config.threshold()) {
            return Uni.createFrom().voidItem();
        }
        PlacedOrder order = scored.order();
        ReviewView review = new ReviewView(order.id(), order.buyerId(),
                order.merchantOrders().stream().map(PlacedOrder.MerchantPart::id).toList(), ReviewStatus.UNDER_REVIEW,
                score, reasons, at, at.plus(config.timeout()), null, null, null);
        holds.increment();
        return reviews.hold(tx, review)
                .chain(() -> transitions.note(tx, order.id(), OrderStatus.AWAITING_SHIPMENT,
                        OrderTransitions.Actor.system(ACTOR), "held for risk review: score " + score + " ("
                                + reasons.stream().map(r -> r.rule() + " +" + r.weight())
                                .collect(Collectors.joining(", ")) + ")", at));
    }

    /** Read in the payment's transaction: a second connection per payment could drain the pool in a stampede. */
    private Uni<Optional<Scored>> facts(SqlConnection tx, UUID orderId, Instant at) {
        return orders.stored(tx, orderId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Scored>empty());
            }
            PlacedOrder order = found.get().order();
            String address = Fingerprints.address(order.address().regionCode(),
                    pii.decrypt(order.address().detailEncrypted()));
            Uni<Long> accounts = counters.buyersOnAddress(address, order.buyerId(), at,
                    config.sharedAddress().window());
            Uni<Long> cancellations = counters.cancellations(order.buyerId(), at, config.cancellations().window());
            return Uni.combine().all().unis(accounts, cancellations).asTuple()
                    .chain(counts -> orders.buyerStats(tx, order.buyerId(), order.id())
                            .map(stats -> Optional.of(new Scored(order, new RiskFacts(counts.getItem1(),
                                    order.couponIds().size(), order.subtotal(), order.discountTotal(),
                                    order.payable(), stats.paidOrders(), stats.paidTotal(), counts.getItem2())))));
        });
    }

    private record Scored(PlacedOrder order, RiskFacts facts) {
    }
}
