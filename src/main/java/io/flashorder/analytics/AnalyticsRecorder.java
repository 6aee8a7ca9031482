package io.flashorder.analytics;

import io.flashorder.platform.sql.Transactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of events to the rollups in one transaction: the timelines of their merchant orders and cases are
 * locked, extended event after event in the batch's order, and what became countable is added to the rollups, merged
 * per row. A merchant order's first timeline is inserted once with its values (no empty row first).
 * <p>
 * Each event counts once. An event of a merchant order needs no record of its own for that: its timeline sets each
 * moment once (the first event that tells it) and counts only what a moment newly made countable, so an event
 * delivered again, in this batch or a later one, changes nothing (a flash sale's OrderPlaced events write no
 * dedupe row). The ids of case events are recorded first ({@code analytics_applied_event}) and only those recorded
 * now are applied; ids, timelines and rollups commit together.
 */
@ApplicationScoped
public class AnalyticsRecorder {

    /** One event of the order stream and what it tells analytics. */
    public record RecordedEvent(UUID eventId, OrderFact fact) {
    }

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

    /** Emits the ids of the events applied now (those applied before are not). */
    @Timeout(15_000)
    public Uni<Set<UUID>> applyAll(List<RecordedEvent> events) {
        Map<UUID, RecordedEvent> byId = new LinkedHashMap<>();
        events.forEach(event -> byId.putIfAbsent(event.eventId(), event));
        if (byId.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<UUID> caseEvents = byId.values().stream().filter(event -> !ofMerchantOrder(event))
                .map(RecordedEvent::eventId).toList();
        return Transactions.withStatementTimeout(pool, Duration.ofMillis(config.statementTimeoutMillis()),
                        tx -> timelines.markApplied(tx, caseEvents, clock.instant()).chain(firstCaseEvents -> apply(tx,
                                byId.values().stream().filter(event -> ofMerchantOrder(event)
                                        || firstCaseEvents.contains(event.eventId())).toList())))
                // Another consumer started one of the batch's timelines meanwhile: over again, now locking that row.
                .onFailure(TimelineRepository.TimelineTaken.class).retry().atMost(3);
    }

    /** Whether this event's effects are in the rollups already (a merchant order's: its timeline has them). */
    public Uni<Boolean> isApplied(RecordedEvent event) {
        if (event.fact() instanceof OrderFact.OfMerchantOrder fact) {
            return timelines.timelines(pool, List.of(fact.merchantOrderId())).map(stored -> {
                Timeline timeline = stored.get(fact.merchantOrderId());
                return timeline != null && timeline.with(fact).equals(timeline);
            });
        }
        return pool.preparedQuery("SELECT 1 FROM analytics_applied_event WHERE event_id = $1")
                .execute(Tuple.of(event.eventId())).map(rows -> rows.size() > 0);
    }

    private static boolean ofMerchantOrder(RecordedEvent event) {
        return event.fact() instanceof OrderFact.OfMerchantOrder;
    }

    /** Emits the ids of the events that changed something now (case events: recorded now). */
    private Uni<Set<UUID>> apply(SqlConnection tx, List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<OrderFact> facts = events.stream().map(RecordedEvent::fact).toList();
        Map<UUID, UUID> ordersToLock = new HashMap<>();
        Map<UUID, UUID> casesToLock = new HashMap<>();
        Set<UUID> ordersOfOpenedCases = new HashSet<>();
        for (OrderFact fact : facts) {
            switch (fact) {
                case OrderFact.OfMerchantOrder order -> ordersToLock.putIfAbsent(order.merchantOrderId(),
                        order.merchantId());
                case OrderFact.CaseOpened opened -> {
                    casesToLock.putIfAbsent(opened.caseId(), opened.merchantId());
                    ordersOfOpenedCases.add(opened.merchantOrderId());
                }
                case OrderFact.CaseEnded ended -> casesToLock.putIfAbsent(ended.caseId(), ended.merchantId());
            }
        }
        ordersOfOpenedCases.removeAll(ordersToLock.keySet());
        return timelines.lockTimelines(tx, ordersToLock.keySet())
                .chain(locked -> timelines.timelines(tx, ordersOfOpenedCases)
                        .chain(read -> timelines.lockCases(tx, casesToLock)
                                .chain(cases -> {
                                    Batch batch = new Batch(locked, ordersToLock, read, cases);
                                    events.forEach(batch::apply);
                                    return timelines.insertTimelines(tx, batch.changedTimelines(true))
                                            .chain(() -> timelines.saveTimelines(tx, batch.changedTimelines(false)))
                                            .chain(() -> timelines.saveCases(tx, batch.changedCases()))
                                            .chain(() -> rollups.add(tx, batch.counts))
                                            .replaceWith(batch.applied);
                                })));
    }

    /** The batch's timelines in memory as its events move them, and the counts they made. */
    private static final class Batch {

        private final Map<UUID, Timeline> locked;
        private final Set<UUID> fresh = new HashSet<>();
        private final Map<UUID, Timeline> read;
        private final Map<UUID, TimelineRepository.CaseTimeline> cases;
        private final Set<UUID> changedOrders = new HashSet<>();
        private final Set<UUID> changedCases = new HashSet<>();
        private final List<RollupCount> counts = new ArrayList<>();
        private final Set<UUID> applied = new HashSet<>();

        /** {@code stored}: the timelines analytics has, locked; the other merchant orders start empty (fresh). */
        Batch(Map<UUID, Timeline> stored, Map<UUID, UUID> merchantOfOrder, Map<UUID, Timeline> read,
              Map<UUID, TimelineRepository.CaseTimeline> cases) {
            this.locked = new HashMap<>(stored);
            merchantOfOrder.forEach((order, merchant) -> {
                if (!stored.containsKey(order)) {
                    locked.put(order, Timeline.empty(order, merchant));
                    fresh.add(order);
                }
            });
            this.read = read;
            this.cases = cases;
        }

        void apply(RecordedEvent event) {
            if (!ofMerchantOrder(event)) {
                applied.add(event.eventId()); // recorded now: it is applied now
            }
            switch (event.fact()) {
                case OrderFact.OfMerchantOrder order -> {
                    Timeline before = locked.get(order.merchantOrderId());
                    Timeline after = before.with(order);
                    if (!after.equals(before)) {
                        locked.put(after.merchantOrderId(), after);
                        changedOrders.add(after.merchantOrderId());
                        counts.addAll(alone(order, after.countsSince(before)));
                        applied.add(event.eventId());
                    }
                }
                case OrderFact.CaseOpened opened -> {
                    TimelineRepository.CaseTimeline before = cases.get(opened.caseId());
                    if (before.openedAt() == null) {
                        // The case is attributed to where its merchant order shipped from, and with whom.
                        Timeline order = locked.getOrDefault(opened.merchantOrderId(),
                                read.get(opened.merchantOrderId()));
                        TimelineRepository.CaseTimeline after = new TimelineRepository.CaseTimeline(before.caseId(),
                                before.merchantId(), order == null ? null : order.warehouseId(),
                                order == null ? null : order.carrier(), opened.at(), before.endedAt());
                        counts.add(new RollupCount.CaseOpened(opened.merchantId(), Timeline.day(opened.at()),
                                opened.reasonCode(), opened.lines()));
                        keepCase(after);
                    }
                }
                case OrderFact.CaseEnded ended -> {
                    TimelineRepository.CaseTimeline before = cases.get(ended.caseId());
                    if (before.endedAt() == null) {
                        keepCase(new TimelineRepository.CaseTimeline(before.caseId(), before.merchantId(),
                                before.warehouseId(), before.carrier(), before.openedAt(), ended.at()));
                    }
                }
            }
        }

        /**
         * An order placed with its only merchant order is counted accepted by that merchant order's timeline (a
         * moment set once): it needs no dedupe row of its own. An order of several merchant orders does.
         */
        private static List<RollupCount> alone(OrderFact.OfMerchantOrder fact, List<RollupCount> counts) {
            if (!(fact instanceof OrderFact.Placed placed) || !placed.onlyMerchantOrder()) {
                return counts;
            }
            return counts.stream().map(count -> count instanceof RollupCount.CampaignOrder c && !c.paid()
                    ? new RollupCount.CampaignAccepted(c.campaignId()) : count).toList();
        }

        /** Keeps the case as changed; counts its open → closed stage once both ends are known (each is set once). */
        private void keepCase(TimelineRepository.CaseTimeline c) {
            cases.put(c.caseId(), c);
            changedCases.add(c.caseId());
            if (c.openedAt() != null && c.endedAt() != null) {
                counts.add(new RollupCount.StageTime(c.merchantId(), Timeline.day(c.endedAt()),
                        Stage.AFTER_SALE_OPEN_TO_CLOSED, c.warehouseId(), c.carrier(),
                        Duration.between(c.openedAt(), c.endedAt())));
            }
        }

        /** The changed timelines analytics did not have before this batch ({@code fresh}), or those it had. */
        List<Timeline> changedTimelines(boolean fresh) {
            return changedOrders.stream().filter(order -> this.fresh.contains(order) == fresh).map(locked::get)
                    .toList();
        }

        List<TimelineRepository.CaseTimeline> changedCases() {
            return changedCases.stream().map(cases::get).toList();
        }
    }
}
