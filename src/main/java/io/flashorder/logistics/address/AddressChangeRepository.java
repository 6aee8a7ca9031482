package io.flashorder.logistics.address;

import io.flashorder.platform.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL of address changes: the parcels of the order (locked) and the record of each re-pricing. */
@ApplicationScoped
public class AddressChangeRepository {

    /** Every parcel carrying units of the order (or split from it), locked; shared: it carries another order's too. */
    private static final String PARCELS = """
            SELECT p.id, p.status,
                   EXISTS (SELECT 1 FROM parcel_line o JOIN merchant_order mo ON mo.id = o.merchant_order_id
                           WHERE o.parcel_id = p.id AND mo.order_id <> $1) AS shared
            FROM parcel p
            WHERE p.order_id = $1
               OR p.id IN (SELECT pl.parcel_id FROM parcel_line pl JOIN merchant_order mo ON mo.id = pl.merchant_order_id
                           WHERE mo.order_id = $1)
            ORDER BY p.id FOR UPDATE OF p""";
    private static final String INSERT = """
            INSERT INTO order_address_change (id, order_id, merchant_order_id, merchant_id, previous_region, new_region,
                charged_fee, new_fee, difference, currency, settlement, changed_by, changed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""";

    public Uni<List<ParcelOfOrder>> lockParcels(SqlConnection tx, UUID orderId) {
        return tx.preparedQuery(PARCELS).execute(Tuple.of(orderId)).map(rows -> {
            List<ParcelOfOrder> parcels = new ArrayList<>();
            for (Row row : rows) {
                parcels.add(new ParcelOfOrder(row.getUUID("id"), row.getString("status"), row.getBoolean("shared")));
            }
            return parcels;
        });
    }

    public Uni<Void> record(SqlConnection tx, UUID orderId, UUID merchantId, AddressChangeView.Repricing repricing,
                            String changedBy, Instant at) {
        return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {Ids.newId(), orderId,
                        repricing.merchantOrderId(), merchantId, repricing.previousRegion(), repricing.newRegion(),
                        repricing.chargedFee(), repricing.newFee(), repricing.difference(), repricing.currency(),
                        repricing.settlement().name(), changedBy, at.atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    /** A parcel of the order: its status, and whether a merge put another order's units in it. */
    public record ParcelOfOrder(UUID id, String status, boolean shared) {
    }
}
