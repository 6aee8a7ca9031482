package io.flashorder.catalog;

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

    public Uni<Integer> markApplied(UUID batchId, Instant now) {
        return update("status = ?1, appliedAt = ?2 where batchId = ?3 and status = ?4",
                StockLoad.Status.APPLIED, now, batchId, StockLoad.Status.PENDING);
    }
}
