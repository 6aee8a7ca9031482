package io.flashorder.logistics.tracking;

import io.flashorder.logistics.carrier.TrackingCallback;
import io.flashorder.logistics.warehouse.ParcelRow;
import io.flashorder.logistics.warehouse.ParcelStatus;
import io.flashorder.platform.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL of tracking callbacks: signatures seen, events kept, parcels moved, claims opened, buyers' timelines. */
@ApplicationScoped
public class TrackingRepository {

    /** For each merchant order the parcel carries: whether all its parcels are delivered, and when the last was. */
    private static final String DELIVERIES = """
            SELECT pl.merchant_order_id, bool_and(p.status = 'DELIVERED') AS all_delivered,
                   max(p.delivered_at) AS delivered_at
            FROM parcel_line pl JOIN parcel p ON p.id = pl.parcel_id
            WHERE pl.merchant_order_id IN (SELECT merchant_order_id FROM parcel_line WHERE parcel_id = $1)
            GROUP BY pl.merchant_order_id ORDER BY pl.merchant_order_id""";

    /** Emits true the first time this signature is seen, false for a replay. */
    public Uni<Boolean> rememberSignature(SqlConnection tx, String provider, String signature, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO carrier_webhook_signature (carrier, signature, received_at) VALUES ($1, $2, $3)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(provider, signature, utc(at))).map(rows -> rows.rowCount() == 1);
    }

    /** The parcels with this tracking number of the provider's carriers, locked in id order. */
    public Uni<List<ParcelRow>> lockByTracking(SqlConnection tx, String trackingNumber, Collection<String> carriers) {
        return tx.preparedQuery("SELECT " + ParcelRow.COLUMNS + """
                         FROM parcel WHERE tracking_number = $1 AND carrier = ANY($2) AND status <> 'MERGED'
                        ORDER BY id FOR UPDATE""")
                .execute(Tuple.of(trackingNumber, carriers.toArray(String[]::new))).map(rows -> {
                    List<ParcelRow> parcels = new ArrayList<>();
                    rows.forEach(row -> parcels.add(ParcelRow.of(row)));
                    return parcels;
                });
    }

    /** Keeps the event once per (provider, event id, parcel); emits false for a duplicate delivery. */
    public Uni<Boolean> insertEvent(SqlConnection tx, UUID parcelId, String provider, TrackingCallback event,
                                    boolean applied, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO tracking_event (id, parcel_id, carrier, event_id, status, occurred_at, received_at,
                                                    location, detail, signer, reason, applied)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                        ON CONFLICT (carrier, event_id, parcel_id) DO NOTHING""")
                .execute(Tuple.from(new Object[] {Ids.newId(), parcelId, provider, event.eventId(),
                        event.status().name(), utc(event.occurredAt()), utc(at), event.location(), event.detail(),
                        event.signer(), event.reason() == null ? null : event.reason().name(), applied}))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Whether this event was kept before (a redelivery with a fresh signature). */
    public Uni<Boolean> seen(SqlConnection tx, UUID parcelId, String provider, String eventId) {
        return tx.preparedQuery("SELECT 1 FROM tracking_event WHERE carrier = $1 AND event_id = $2 AND parcel_id = $3")
                .execute(Tuple.of(provider, eventId, parcelId)).map(rows -> rows.size() > 0);
    }

    public Uni<Void> apply(SqlConnection tx, UUID parcelId, ParcelStatus status, TrackingCallback event) {
        boolean delivered = status == ParcelStatus.DELIVERED;
        return tx.preparedQuery("""
                        UPDATE parcel SET status = $2, tracking_status = $3, last_event_at = $4,
                            delivered_at = CASE WHEN $5 THEN $4 ELSE delivered_at END,
                            signer = CASE WHEN $5 THEN $6 ELSE signer END,
                            exception_reason = $7, updated_at = $4, version = version + 1
                        WHERE id = $1""")
                .execute(Tuple.from(new Object[] {parcelId, status.name(), event.status().name(),
                        utc(event.occurredAt()), delivered, event.signer(),
                        event.reason() == null ? null : event.reason().name()}))
                .replaceWithVoid();
    }

    public record Delivery(UUID merchantOrderId, boolean allDelivered, Instant lastDeliveredAt) {
    }

    public Uni<List<Delivery>> deliveries(SqlConnection tx, UUID parcelId) {
        return tx.preparedQuery(DELIVERIES).execute(Tuple.of(parcelId)).map(rows -> {
            List<Delivery> deliveries = new ArrayList<>();
            for (Row row : rows) {
                OffsetDateTime at = row.getOffsetDateTime("delivered_at");
                deliveries.add(new Delivery(row.getUUID("merchant_order_id"), row.getBoolean("all_delivered"),
                        at == null ? null : at.toInstant()));
            }
            return deliveries;
        });
    }

    /** Opens the parcel's insurance claim (once). */
    public Uni<Void> openClaim(SqlConnection tx, ParcelRow parcel, String reason, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO insurance_claim (id, parcel_id, merchant_id, reason, declared_value, premium,
                                                     currency, status, opened_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8) ON CONFLICT (parcel_id) DO NOTHING""")
                .execute(Tuple.from(new Object[] {Ids.newId(), parcel.id(), parcel.merchantId(), reason,
                        parcel.declaredValue(), parcel.insurancePremium(), parcel.currency(), utc(at)}))
                .replaceWithVoid();
    }

    /** Parcels carrying units of the buyer's order, oldest first. */
    public Uni<List<ParcelRow>> parcelsOfOrder(SqlClient client, UUID orderId, String buyerId) {
        return client.preparedQuery("SELECT " + ParcelRow.COLUMNS + """
                         FROM parcel WHERE buyer_id = $2 AND id IN (
                            SELECT pl.parcel_id FROM parcel_line pl JOIN merchant_order mo ON mo.id = pl.merchant_order_id
                            WHERE mo.order_id = $1)
                        ORDER BY id""")
                .execute(Tuple.of(orderId, buyerId)).map(rows -> {
                    List<ParcelRow> parcels = new ArrayList<>();
                    rows.forEach(row -> parcels.add(ParcelRow.of(row)));
                    return parcels;
                });
    }

    /** Every event of the parcels, in the order they happened. */
    public Uni<Map<UUID, List<TrackingView.Event>>> events(SqlClient client, Collection<UUID> parcelIds) {
        return client.preparedQuery("""
                        SELECT parcel_id, status, occurred_at, location, detail, reason FROM tracking_event
                        WHERE parcel_id = ANY($1) ORDER BY occurred_at, id""")
                .execute(Tuple.of(parcelIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, List<TrackingView.Event>> events = new LinkedHashMap<>();
                    for (Row row : rows) {
                        events.computeIfAbsent(row.getUUID("parcel_id"), id -> new ArrayList<>())
                                .add(new TrackingView.Event(row.getString("status"),
                                        row.getOffsetDateTime("occurred_at").toInstant(), row.getString("location"),
                                        row.getString("detail"), row.getString("reason")));
                    }
                    return events;
                });
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
