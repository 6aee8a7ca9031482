package io.flashorder.logistics.carrier;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** What a waybill booking needs to know of a parcel, and the booking recorded on it. */
@ApplicationScoped
public class WaybillRepository {

    /** Goods value: the units' unit prices (the order's currency); region and COD from the order. */
    private static final String FACTS = """
            SELECT co.region_code, co.payment_method, co.currency,
                   (SELECT coalesce(sum(l.unit_price * pl.quantity), 0)
                    FROM parcel_line pl JOIN order_line l ON l.id = pl.line_id
                    WHERE pl.parcel_id = p.id) AS goods_value
            FROM parcel p JOIN customer_order co ON co.id = p.order_id
            WHERE p.id = $1""";

    public record BookingFacts(String regionCode, boolean cashOnDelivery, String currency, long goodsValue) {
    }

    public Uni<BookingFacts> facts(SqlClient client, UUID parcelId) {
        return client.preparedQuery(FACTS).execute(Tuple.of(parcelId)).map(rows -> {
            Row row = rows.iterator().next();
            return new BookingFacts(row.getString("region_code"), "COD".equals(row.getString("payment_method")),
                    row.getString("currency"), row.getLong("goods_value"));
        });
    }

    /** Records the booking on a READY parcel without one; emits whether this call recorded it. */
    public Uni<Boolean> record(SqlClient client, UUID parcelId, String carrier, CarrierProvider.Waybill waybill,
                               String reason, String currency, long declaredValue, long cost, boolean insured,
                               Long premium, Instant at) {
        return client.preparedQuery("""
                        UPDATE parcel SET carrier = $2, tracking_number = $3, label = $4, carrier_reason = $5,
                            currency = $6, declared_value = $7, shipping_cost = $8, insured = $9,
                            insurance_premium = $10, booked_at = $11, updated_at = $11, version = version + 1
                        WHERE id = $1 AND status = 'READY' AND tracking_number IS NULL""")
                .execute(Tuple.from(new Object[] {parcelId, carrier, waybill.trackingNumber(), waybill.label(), reason,
                        currency, declaredValue, cost, insured, premium, at.atOffset(ZoneOffset.UTC)}))
                .map(rows -> rows.rowCount() == 1);
    }
}
