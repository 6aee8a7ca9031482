package io.flashorder.logistics.warehouse;

import io.flashorder.events.EventType;
import io.flashorder.events.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** SHIPMENT_* events to the merchant's webhook, through the outbox in the transaction of the change. No PII. */
@ApplicationScoped
public class ParcelEvents {

    private final Outbox outbox;

    public ParcelEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The payload: which parcel, of which order, where it stands, and the carrier's detail if any. */
    public record ShipmentEvent(UUID parcelId, UUID orderId, UUID merchantOrderId, UUID merchantId,
                                UUID warehouseId, String status, String carrier, String trackingNumber, String detail,
                                Instant at) {
    }

    public Uni<Void> append(SqlConnection tx, EventType type, ParcelRow parcel, String status, String carrier,
                            String trackingNumber, String detail, Instant at) {
        return outbox.append(tx, type, parcel.orderId(), parcel.merchantId(), new ShipmentEvent(parcel.id(),
                        parcel.orderId(), parcel.merchantOrderId(), parcel.merchantId(), parcel.warehouseId(), status,
                        carrier, trackingNumber, detail, at), at)
                .replaceWithVoid();
    }
}
