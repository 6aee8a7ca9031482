package io.flashorder.fulfilment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.time.Instant;
import java.util.UUID;

/**
 * Work in the same transaction as a merchant order's hand-off to a carrier, by a feature built on fulfilment
 * (logistics closes the merchant order's parcels that were still in the warehouse). May fail the hand-off with an
 * {@link io.flashorder.platform.error.ApiException}.
 */
public interface HandOffStep {

    Uni<Void> handedOff(SqlConnection tx, UUID merchantOrderId, String carrier, String trackingNumber, Instant at);
}
