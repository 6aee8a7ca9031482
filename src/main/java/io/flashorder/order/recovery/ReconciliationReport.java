package io.flashorder.order.recovery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One reconciliation run: where Redis' stock differs from what PostgreSQL (and the orders still in flight) imply,
 * field by field, whether the difference was seen twice (confirmed), and whether it was repaired.
 *
 * @param status  {@code CONSISTENT}, {@code DRIFT} (confirmed drift found), {@code SKIPPED} (not run: see reason)
 */
public record ReconciliationReport(UUID runId, Instant at, String status, String reason, int hashesChecked,
                                   int ordersInFlight, List<Drift> drift, List<String> invariantBreaks,
                                   List<UUID> holdsRestored, long driftUnits) {

    /**
     * One counter that differs: in a SKU's hash ({@code warehouseId} for its per-warehouse count) or a campaign's.
     * {@code redis} is what Redis had at the second observation, {@code expected} what PostgreSQL implies.
     */
    public record Drift(String key, UUID skuId, UUID warehouseId, UUID campaignId, String field, long redis,
                        long expected, boolean repaired, String note) {
    }

    static ReconciliationReport skipped(UUID runId, Instant at, String reason) {
        return new ReconciliationReport(runId, at, "SKIPPED", reason, 0, 0, List.of(), List.of(), List.of(), 0);
    }
}
