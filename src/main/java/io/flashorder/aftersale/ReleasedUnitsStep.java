package io.flashorder.aftersale;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Work that must happen in the same transaction as a refund before shipment that puts units back into stock, by a
 * feature that depends on after-sales (logistics takes the units out of the parcels that would have carried them,
 * so they are neither picked nor shipped). Implementations are CDI beans; they run under the order's row lock.
 */
public interface ReleasedUnitsStep {

    Uni<Void> released(SqlConnection tx, UUID merchantOrderId, List<ReleasedUnits> units, Instant at);

    /** Units of one order line that go back to the stock of one warehouse. */
    record ReleasedUnits(UUID lineId, UUID warehouseId, int quantity) {
    }
}
