package io.flashorder.catalog.stockload;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class StockLoadRepository implements PanacheRepositoryBase<StockLoad, UUID> {

    public Uni<List<StockLoad>> pendingBefore(Instant cutoff, int limit) {
        return find("status = ?1 and requestedAt < ?2", Sort.by("requestedAt").and("id"),
                StockLoad.Status.PENDING, cutoff).range(0, limit - 1).list();
    }

    public Uni<List<StockLoad>> byBatch(UUID batchId) {
        return list("batchId", Sort.by("id"), batchId);
    }

    /**
     * Applied units per SKU and warehouse, or per campaign and SKU; a campaign load split over stock buckets one by
     * one (each was split on its own: summed first, the split would differ).
     */
    public Uni<List<StockLoadLedger.Entry>> appliedTotals() {
        return getSession().chain(session -> session.createSelectionQuery("""
                        select l.skuId, l.warehouseId, l.campaignId, sum(l.quantity) from StockLoad l
                        where l.status = :applied and l.stockBuckets = 1
                        group by l.skuId, l.warehouseId, l.campaignId""", Object[].class)
                .setParameter("applied", StockLoad.Status.APPLIED)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new StockLoadLedger.Entry(null, (UUID) row[0], (UUID) row[1],
                        (UUID) row[2], ((Number) row[3]).longValue(), 1)).toList())
                .chain(summed -> list("status = ?1 and stockBuckets > 1", Sort.by("requestedAt").and("id"),
                        StockLoad.Status.APPLIED).map(split -> {
                    List<StockLoadLedger.Entry> all = new java.util.ArrayList<>(summed);
                    split.forEach(load -> all.add(entry(load)));
                    return all;
                }));
    }

    public Uni<List<StockLoadLedger.Entry>> pending() {
        return list("status", Sort.by("requestedAt").and("id"), StockLoad.Status.PENDING)
                .map(loads -> loads.stream().map(StockLoadRepository::entry).toList());
    }

    /** Warehouse units moved into stock buckets' slots by applied batches, summed per SKU, warehouse and slot. */
    public Uni<List<StockLoadLedger.Move>> moves() {
        return getSession().chain(session -> session.createSelectionQuery("""
                        select m.id.skuId, m.id.warehouseId, m.id.stockSlot, sum(m.units) from StockMove m
                        group by m.id.skuId, m.id.warehouseId, m.id.stockSlot""", Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new StockLoadLedger.Move((UUID) row[0], (UUID) row[1],
                        ((Number) row[2]).intValue(), ((Number) row[3]).longValue())).toList());
    }

    /** Records what a batch moved, with the batch marked applied (one transaction: the caller's). */
    public Uni<Void> recordMoves(List<StockMove> moves) {
        return moves.isEmpty() ? Uni.createFrom().voidItem()
                : getSession().chain(session -> session.persistAll(moves.toArray()));
    }

    private static StockLoadLedger.Entry entry(StockLoad load) {
        return new StockLoadLedger.Entry(load.batchId, load.skuId, load.warehouseId, load.campaignId, load.quantity,
                load.stockBuckets);
    }

    public Uni<Integer> markApplied(UUID batchId, Instant now) {
        return update("status = ?1, appliedAt = ?2 where batchId = ?3 and status = ?4",
                StockLoad.Status.APPLIED, now, batchId, StockLoad.Status.PENDING);
    }
}
