package io.flashorder.analytics;

import io.flashorder.platform.sql.Transactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Applies one event to the rollups in one transaction: the event id is recorded first (an event delivered again
 * changes nothing), the merchant order's (or case's) timeline is locked, extended, and what became countable is
 * added to the rollups.
 */
@ApplicationScoped
public class AnalyticsRecorder {

    private final Pool pool;
    private final TimelineRepository timelines;
    private final RollupWriter rollups;
    private final AnalyticsConfig config;
    private final Clock clock;

    public AnalyticsRecorder(Pool pool, TimelineRepository timelines, RollupWriter rollups, AnalyticsConfig config,
                             Clock clock) {
        this.pool = pool;
        this.timelines = timelines;
        this.rollups = rollups;
        this.config = config;
        this.clock = clock;
    }

    /** Emits true if the event was applied now, false if it had been applied before. */
    @Timeout(15_000)
    public Uni<Boolean> apply(UUID eventId, OrderFact fact) {
        return Transactions.withStatementTimeout(pool, Duration.ofMillis(config.statementTimeoutMillis()),
                tx -> timelines.markApplied(tx, eventId, clock.instant()).chain(first -> first
                        ? apply(tx, fact).replaceWith(true) : Uni.createFrom().item(false)));
    }

    private Uni<Void> apply(SqlConnection tx, OrderFact fact) {
        return switch (fact) {
            case OrderFact.OfMerchantOrder order -> timelines.lockTimeline(tx, order.merchantOrderId(),
                            order.merchantId())
                    .chain(before -> {
                        Timeline after = before.with(order);
                        return timelines.save(tx, after).chain(() -> rollups.add(tx, after.countsSince(before)));
                    });
            case OrderFact.CaseOpened opened -> timelines.lockCase(tx, opened.caseId(), opened.merchantId())
                    .chain(before -> before.openedAt() != null ? Uni.createFrom().voidItem()
                            : timelines.timeline(tx, opened.merchantOrderId()).chain(order -> {
                                // The case is attributed to where its merchant order shipped from, and with whom.
                                TimelineRepository.CaseTimeline after = new TimelineRepository.CaseTimeline(
                                        before.caseId(), before.merchantId(),
                                        order.map(Timeline::warehouseId).orElse(null),
                                        order.map(Timeline::carrier).orElse(null), opened.at(), before.endedAt());
                                List<RollupCount> counts = new ArrayList<>();
                                counts.add(new RollupCount.CaseOpened(opened.merchantId(), Timeline.day(opened.at()),
                                        opened.reasonCode(), opened.lines()));
                                caseStage(after, counts);
                                return timelines.save(tx, after).chain(() -> rollups.add(tx, counts));
                            }));
            case OrderFact.CaseEnded ended -> timelines.lockCase(tx, ended.caseId(), ended.merchantId())
                    .chain(before -> {
                        if (before.endedAt() != null) {
                            return Uni.createFrom().voidItem();
                        }
                        TimelineRepository.CaseTimeline after = new TimelineRepository.CaseTimeline(before.caseId(),
                                before.merchantId(), before.warehouseId(), before.carrier(), before.openedAt(),
                                ended.at());
                        List<RollupCount> counts = new ArrayList<>();
                        caseStage(after, counts);
                        return timelines.save(tx, after).chain(() -> rollups.add(tx, counts));
                    });
        };
    }

    /** The open → closed stage once both ends are known (each side calls this only when it sets its end). */
    private static void caseStage(TimelineRepository.CaseTimeline c, List<RollupCount> counts) {
        if (c.openedAt() != null && c.endedAt() != null) {
            counts.add(new RollupCount.StageTime(c.merchantId(), Timeline.day(c.endedAt()),
                    Stage.AFTER_SALE_OPEN_TO_CLOSED, c.warehouseId(), c.carrier(),
                    Duration.between(c.openedAt(), c.endedAt())));
        }
    }
}
