package io.flashorder.order.recovery;

import io.flashorder.catalog.stockload.StockLoadLedger;
import io.flashorder.catalog.stockload.StockLoadService;
import io.flashorder.inventory.ExpectedStock;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.OrderStock;
import io.flashorder.inventory.StockRebuild;
import io.flashorder.order.Allocation;
import io.flashorder.order.OrderHolds;
import io.flashorder.order.OrderPayloads;
import io.flashorder.order.PlacedOrder;
import io.flashorder.order.writer.OrderStream;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the stock in Redis must be: PostgreSQL's loads and orders, plus the orders only Redis has so far (on the
 * placed-orders stream, or held by a hold the writer could not persist). Read in this order: Redis' in-flight
 * orders first, then PostgreSQL, then the holds' statuses, so that every order is seen at least once.
 */
@ApplicationScoped
public class StockTruth {

    /** How each order's units count. */
    public enum Mode {
        /** PostgreSQL decides every order it has (the recovery rewrites the counters and the holds to match). */
        POSTGRES,
        /**
         * The hold decides while the order's Redis step may still be due (the reconciliation runs beside the
         * settlement scripts); PostgreSQL decides once it has settled the order, or when the hold is missing.
         */
        HOLDS
    }

    /** An order Redis has and PostgreSQL does not (yet). */
    public record InFlight(OrderStock stock, java.time.Instant paymentDeadline) {
    }

    /** A hold to rewrite (in the order's slot) so it says what PostgreSQL decided. */
    public record HoldFix(OrderSlot slot, UUID orderId, OrderLedger.Verdict verdict, OrderLedger.Order order) {
    }

    /**
     * The expected stock, and what to fix besides the counters: holds PostgreSQL knows better, coupons of the
     * orders still moving.
     */
    public record Truth(ExpectedStock expected, List<HoldFix> holdFixes, Map<UUID, OrderLedger.Verdict> counted,
                        Map<UUID, OrderStock> orders, int inFlight) {
    }

    private final OrderStream stream;
    private final OrderHolds holds;
    private final OrderPayloads payloads;
    private final OrderLedgerRepository ledger;
    private final StockLoadService loads;
    private final StockRebuild rebuild;

    public StockTruth(OrderStream stream, OrderHolds holds, OrderPayloads payloads, OrderLedgerRepository ledger,
                      StockLoadService loads, StockRebuild rebuild) {
        this.stream = stream;
        this.holds = holds;
        this.payloads = payloads;
        this.ledger = ledger;
        this.loads = loads;
        this.rebuild = rebuild;
    }

    /**
     * Every slot's stream and payment-deadline index are read (an order placed in a stock bucket's slot lives there
     * from placement to settlement), and each hold is looked for in its order's slot.
     */
    public Uni<Truth> read(Mode mode) {
        return streamedInEverySlot().chain(streamed -> holds.pendingIds().chain(pendingIndex -> {
            Set<UUID> asked = new HashSet<>(pendingIndex.keySet());
            asked.addAll(streamed.keySet());
            return ledger.read(asked).chain(orders -> loads.ledger().chain(loaded -> appliedPending(loaded)
                    .chain(applied -> returnedPending(orders).chain(returned -> {
                        Map<UUID, OrderSlot> slots = slots(pendingIndex, streamed, orders);
                        return holds.statuses(slots).chain(statuses -> heldOnlyInRedis(pendingIndex, streamed, orders,
                                        statuses)
                                .map(inFlight -> truth(mode, orders, inFlight, statuses, slots, loaded, applied,
                                        returned)));
                    }))));
        }));
    }

    /** The orders on every slot's placed-orders stream, one read per slot (a read cannot span slots on a cluster). */
    private Uni<Map<UUID, InFlight>> streamedInEverySlot() {
        Map<UUID, InFlight> orders = new LinkedHashMap<>();
        return Multi.createFrom().iterable(OrderSlot.all())
                .onItem().transformToUniAndConcatenate(slot -> stream.readAll(slot)
                        .invoke(entries -> orders.putAll(streamed(slot, entries))))
                .collect().last().replaceWith(orders);
    }

    /**
     * The slot of every order asked about: PostgreSQL's record for the orders it has, else the deadline index or the
     * stream it was found in.
     */
    private static Map<UUID, OrderSlot> slots(Map<UUID, OrderSlot> pendingIndex, Map<UUID, InFlight> streamed,
                                              OrderLedger orders) {
        Map<UUID, OrderSlot> slots = new HashMap<>(pendingIndex);
        streamed.forEach((id, order) -> slots.put(id, order.stock().slot()));
        orders.unsettled().forEach((id, order) -> slots.put(id, order.stock().slot()));
        return slots;
    }

    private Uni<Set<UUID>> appliedPending(StockLoadLedger loaded) {
        Set<UUID> batches = new HashSet<>();
        loaded.pending().forEach(entry -> batches.add(entry.batchId()));
        return batches.isEmpty() ? Uni.createFrom().item(Set.of()) : rebuild.appliedBatches(batches);
    }

    /**
     * Returns PostgreSQL has not marked applied whose Redis step ran (the gap between {@code return_stock.lua} and
     * {@code applied_at}): their units are available again in Redis, so they count as returned; the others not yet.
     */
    private Uni<Set<UUID>> returnedPending(OrderLedger orders) {
        Set<UUID> cases = new HashSet<>();
        orders.pendingReturns().forEach(pending -> cases.add(pending.caseId()));
        return cases.isEmpty() ? Uni.createFrom().item(Set.of()) : rebuild.returnedCases(cases);
    }

    private Map<UUID, InFlight> streamed(OrderSlot slot, List<StreamMessage<String, String, String>> entries) {
        Map<UUID, InFlight> orders = new LinkedHashMap<>();
        for (StreamMessage<String, String, String> entry : entries) {
            Map<String, String> fields = entry.payload();
            if (fields == null || fields.get("payload") == null) {
                continue;
            }
            try {
                PlacedOrder order = payloads.order(fields.get("payload"));
                orders.putIfAbsent(order.id(), inFlight(slot, order,
                        payloads.allocations(fields.get("allocation"))));
            } catch (RuntimeException unreadable) {
                Log.warnf("Stream entry %s is not an order (%s); the writer dead-letters it", entry.id(),
                        unreadable.getMessage());
            }
        }
        return orders;
    }

    /**
     * Holds Redis counts as pending that neither PostgreSQL nor the stream had when read: orders placed after the
     * stream was read (the reconciliation runs beside placements), each read from the stream entry its hold names. A
     * hold whose entry has left the stream is not counted here: the writer released a refused order before it set it
     * aside (dead letters), and one it wrote since PostgreSQL was read moves the counts only until the
     * reconciliation's second look, which does not confirm it.
     */
    private Uni<Map<UUID, InFlight>> heldOnlyInRedis(Map<UUID, OrderSlot> pendingIndex, Map<UUID, InFlight> streamed,
                                                    OrderLedger orders, Map<UUID, String> statuses) {
        List<UUID> unknown = pendingIndex.keySet().stream().filter(id -> !streamed.containsKey(id)
                && !orders.unsettled().containsKey(id) && !orders.settledVerdicts().containsKey(id)
                && "PENDING_PAYMENT".equals(statuses.get(id))).toList();
        Map<UUID, InFlight> inFlight = new LinkedHashMap<>(streamed);
        return Multi.createFrom().iterable(unknown)
                .onItem().transformToUniAndConcatenate(id -> holds.find(pendingIndex.get(id), id).map(hold -> {
                    hold.ifPresent(found -> found.order().ifPresent(order -> inFlight.putIfAbsent(id,
                            inFlight(found.slot(), order.order(), order.allocations()))));
                    return id;
                }))
                .collect().last().replaceWith(inFlight);
    }

    private Truth truth(Mode mode, OrderLedger orders, Map<UUID, InFlight> inFlight, Map<UUID, String> statuses,
                        Map<UUID, OrderSlot> slots, StockLoadLedger loaded, Set<UUID> appliedPending, Set<UUID> returnedCases) {
        Map<ExpectedStock.CampaignSku, Integer> campaignSkus = new HashMap<>();
        List<StockLoadLedger.Entry> counted = new ArrayList<>(loaded.applied());
        loaded.pending().stream().filter(entry -> appliedPending.contains(entry.batchId())).forEach(counted::add);
        // A bucketed item's split is fixed once its stock is loaded, so all its loads name the same bucket count.
        counted.stream().filter(StockLoadLedger.Entry::campaign).forEach(entry -> campaignSkus.merge(
                new ExpectedStock.CampaignSku(entry.campaignId(), entry.skuId()), entry.stockBuckets(), Math::max));
        ExpectedStock expected = new ExpectedStock(campaignSkus);
        for (StockLoadLedger.Entry entry : counted) {
            if (entry.campaign()) {
                expected.loadedInCampaign(entry.campaignId(), entry.skuId(), entry.quantity());
            } else {
                expected.loaded(entry.skuId(), entry.warehouseId(), entry.quantity());
            }
        }
        loaded.moves().forEach(move -> expected.moved(move.skuId(), move.warehouseId(), OrderSlot.of(move.stockSlot()),
                move.units()));
        orders.settledSold().forEach(sold -> expected.sold(sold.slot(), sold.skuId(), sold.warehouseId(), sold.units()));
        orders.returnedFromBuckets().forEach(returned -> expected.loaded(returned.slot(), returned.skuId(),
                returned.warehouseId(), returned.units()));
        orders.pendingReturns().stream().filter(pending -> returnedCases.contains(pending.caseId()))
                .forEach(pending -> {
                    if (pending.soldInBucket()) {
                        expected.loaded(OrderSlot.HOME, pending.skuId(), pending.warehouseId(), pending.units());
                    } else {
                        expected.sold(pending.skuId(), pending.warehouseId(), -pending.units());
                    }
                });
        orders.settledCampaignSold().forEach(sold -> expected.soldInCampaign(sold.slot(), sold.campaignId(),
                sold.skuId(), sold.buyerId(), sold.units()));

        Map<UUID, OrderLedger.Verdict> verdicts = new LinkedHashMap<>();
        Map<UUID, OrderStock> stocks = new LinkedHashMap<>();
        List<HoldFix> fixes = new ArrayList<>();
        orders.unsettled().forEach((id, order) -> {
            String hold = statuses.get(id);
            OrderLedger.Verdict verdict = mode == Mode.POSTGRES || hold == null ? order.verdict() : byHold(hold);
            verdicts.put(id, verdict);
            stocks.put(id, order.stock());
            boolean holdAgrees = order.verdict().holdStatus().equals(hold);
            if (order.verdict() == OrderLedger.Verdict.HELD && hold == null
                    || mode == Mode.POSTGRES && order.verdict() != OrderLedger.Verdict.HELD && !holdAgrees) {
                fixes.add(new HoldFix(order.stock().slot(), id, order.verdict(), order));
            }
        });
        orders.settledVerdicts().forEach((id, verdict) -> {
            if ("PENDING_PAYMENT".equals(statuses.get(id))) {
                // Settled in PostgreSQL, pending in Redis: the settlement was lost. Counted in bulk already.
                fixes.add(new HoldFix(slots.get(id), id, verdict, null));
            }
        });
        inFlight.forEach((id, order) -> {
            if (!orders.unsettled().containsKey(id) && !orders.settledVerdicts().containsKey(id)) {
                String hold = statuses.get(id);
                OrderLedger.Verdict verdict = hold == null ? OrderLedger.Verdict.HELD : byHold(hold);
                verdicts.put(id, verdict);
                stocks.put(id, order.stock());
            }
        });
        verdicts.forEach((id, verdict) -> {
            if (verdict != OrderLedger.Verdict.RELEASED) {
                expected.add(stocks.get(id), verdict.use());
            }
        });
        return new Truth(expected, List.copyOf(fixes), verdicts, stocks, inFlight.size());
    }

    private static OrderLedger.Verdict byHold(String status) {
        return switch (status) {
            case "PAID" -> OrderLedger.Verdict.SOLD;
            case "RELEASED" -> OrderLedger.Verdict.RELEASED;
            default -> OrderLedger.Verdict.HELD;
        };
    }

    private static InFlight inFlight(OrderSlot slot, PlacedOrder order, List<Allocation> allocations) {
        Map<UUID, Integer> units = new LinkedHashMap<>();
        order.merchantOrders().forEach(part -> part.lines().forEach(line ->
                units.merge(line.skuId(), line.quantity(), Integer::sum)));
        OrderStock stock = new OrderStock(slot, order.id(), order.buyerId(), order.campaignId(),
                units.entrySet().stream().map(e -> new OrderStock.Units(e.getKey(), e.getValue())).toList(),
                allocations.stream().map(a -> new OrderStock.Share(a.sku(), a.warehouse(), a.quantity())).toList(),
                order.couponIds() == null ? List.of() : order.couponIds());
        return new InFlight(stock, order.paymentDeadline());
    }
}
