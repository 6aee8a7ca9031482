package io.flashorder.logistics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.Collection;
import java.util.UUID;

/**
 * May refuse to start warehouse work (a pick wave) on merchant orders, for a feature that depends on logistics: the
 * risk review holds an order under review before anyone picks it. Implementations are CDI beans; they run in the
 * wave's transaction and refuse with an {@link io.flashorder.platform.error.ApiException}, which rolls it back.
 */
public interface WarehouseWorkGate {

    Uni<Void> beforeWarehouseWork(SqlConnection tx, Collection<UUID> merchantOrderIds);
}
