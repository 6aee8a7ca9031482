package io.flashorder.order.lifecycle;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.time.Instant;
import java.util.UUID;

/**
 * Work that must happen in the same transaction as an order's payment (or cash-on-delivery confirmation), by a
 * feature that depends on orders (e.g. logistics splits the merchant orders into parcels). Implementations are
 * CDI beans; the lifecycle runs each after the order moved, under the order's row lock.
 */
public interface PaidOrderStep {

    Uni<Void> paid(SqlConnection tx, UUID orderId, Instant at);
}
