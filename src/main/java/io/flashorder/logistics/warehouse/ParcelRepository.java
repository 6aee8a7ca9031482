package io.flashorder.logistics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of parcels and their lines. Mutations run inside the caller's transaction and are guarded by the status
 * they expect ({@code ... AND status = $n}), after the caller locked the rows it reads.
 */
@ApplicationScoped
public class ParcelRepository {

    private static final String OPEN = "('AWAITING_PICK', 'PICKING', 'PACKING', 'READY')";
    /** The allocated units of an order's merchant orders that await shipment and have no parcel yet. */
    private static final String UNSPLIT = """
            SELECT mo.id AS merchant_order_id, mo.merchant_id, co.buyer_id, l.id AS line_id, l.sku_id,
                   a.warehouse_id, a.quantity
            FROM merchant_order mo JOIN customer_order co ON co.id = mo.order_id
                JOIN order_line l ON l.merchant_order_id = mo.id
                JOIN order_line_allocation a ON a.line_id = l.id
            WHERE mo.order_id = $1 AND mo.status = 'AWAITING_SHIPMENT'
              AND NOT EXISTS (SELECT 1 FROM parcel p WHERE p.merchant_order_id = mo.id)
            ORDER BY mo.id, a.warehouse_id, l.id""";
    private static final String INSERT_PARCELS = """
            INSERT INTO parcel (id, merchant_id, warehouse_id, order_id, merchant_order_id, buyer_id, status,
                                created_at, updated_at)
            SELECT id, merchant_id, warehouse_id, $4, merchant_order_id, buyer_id, 'AWAITING_PICK', $6, $6
            FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $5::uuid[], $7::text[])
                AS u(id, merchant_id, warehouse_id, merchant_order_id, buyer_id)""";
    private static final String INSERT_LINES = """
            INSERT INTO parcel_line (parcel_id, line_id, merchant_order_id, sku_id, quantity)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int[])""";
    private static final String LINES = """
            SELECT parcel_id, line_id, merchant_order_id, sku_id, quantity FROM parcel_line
            WHERE parcel_id = ANY($1) ORDER BY parcel_id, line_id""";
    private static final String LIST = "SELECT " + ParcelRow.COLUMNS + """
             FROM parcel
            WHERE merchant_id = $1 AND ($2::varchar IS NULL OR status = $2)
              AND ($3::uuid IS NULL OR warehouse_id = $3) AND id > $4
            ORDER BY id LIMIT $5""";
    private static final String ADDRESSES = """
            SELECT id, recipient_encrypted, phone_encrypted, region_code, detail_encrypted
            FROM customer_order WHERE id = ANY($1)""";

    /** Allocated units of the order not in a parcel yet, for the split at payment. */
    public Uni<List<UnsplitUnits>> unsplit(SqlConnection tx, UUID orderId) {
        return tx.preparedQuery(UNSPLIT).execute(Tuple.of(orderId)).map(rows -> {
            List<UnsplitUnits> units = new ArrayList<>();
            for (Row row : rows) {
                units.add(new UnsplitUnits(row.getUUID("merchant_order_id"), row.getUUID("merchant_id"),
                        row.getString("buyer_id"), row.getUUID("line_id"), row.getUUID("sku_id"),
                        row.getUUID("warehouse_id"), row.getInteger("quantity")));
            }
            return units;
        });
    }

    /** Inserts the parcels of one order's split (all AWAITING_PICK) with their lines. */
    public Uni<Void> insertSplit(SqlConnection tx, UUID orderId, List<NewParcel> parcels, Instant at) {
        if (parcels.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = parcels.size();
        UUID[] ids = new UUID[n];
        UUID[] merchants = new UUID[n];
        UUID[] warehouses = new UUID[n];
        UUID[] merchantOrders = new UUID[n];
        String[] buyers = new String[n];
        List<UUID> lineParcels = new ArrayList<>();
        List<UUID> lineIds = new ArrayList<>();
        List<UUID> lineMerchantOrders = new ArrayList<>();
        List<UUID> lineSkus = new ArrayList<>();
        List<Integer> lineQuantities = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NewParcel parcel = parcels.get(i);
            ids[i] = parcel.id();
            merchants[i] = parcel.merchantId();
            warehouses[i] = parcel.warehouseId();
            merchantOrders[i] = parcel.merchantOrderId();
            buyers[i] = parcel.buyerId();
            for (ParcelLine line : parcel.lines()) {
                lineParcels.add(parcel.id());
                lineIds.add(line.lineId());
                lineMerchantOrders.add(line.merchantOrderId());
                lineSkus.add(line.skuId());
                lineQuantities.add(line.quantity());
            }
        }
        return tx.preparedQuery(INSERT_PARCELS).execute(Tuple.from(new Object[] {ids, merchants, warehouses, orderId,
                        merchantOrders, utc(at), buyers}))
                .chain(() -> tx.preparedQuery(INSERT_LINES).execute(Tuple.of(lineParcels.toArray(UUID[]::new),
                        lineIds.toArray(UUID[]::new), lineMerchantOrders.toArray(UUID[]::new),
                        lineSkus.toArray(UUID[]::new), lineQuantities.toArray(Integer[]::new))))
                .replaceWithVoid();
    }

    /** The merchant's own parcels among {@code ids}, locked for this transaction (in id order, never a deadlock). */
    public Uni<List<ParcelRow>> lockOwned(SqlConnection tx, UUID merchantId, Collection<UUID> ids) {
        return tx.preparedQuery("SELECT " + ParcelRow.COLUMNS
                        + " FROM parcel WHERE id = ANY($1) AND merchant_id = $2 ORDER BY id FOR UPDATE")
                .execute(Tuple.of(ids.toArray(UUID[]::new), merchantId)).map(ParcelRepository::parcels);
    }

    /**
     * Locks the rows of the merchant orders' orders (in id order) before any parcel row: fulfilment locks the order
     * first when it hands a merchant order over, so both paths take the locks in the same order.
     */
    public Uni<Void> lockOrdersOf(SqlConnection tx, Collection<UUID> merchantOrderIds) {
        return tx.preparedQuery("""
                        SELECT id FROM customer_order
                        WHERE id IN (SELECT order_id FROM merchant_order WHERE id = ANY($1))
                        ORDER BY id FOR UPDATE""")
                .execute(Tuple.of(merchantOrderIds.toArray(UUID[]::new))).replaceWithVoid();
    }

    public Uni<Optional<ParcelRow>> find(SqlClient client, UUID merchantId, UUID id) {
        return client.preparedQuery("SELECT " + ParcelRow.COLUMNS + " FROM parcel WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).map(rows -> parcels(rows).stream().findFirst());
    }

    public Uni<List<ParcelRow>> list(SqlClient client, UUID merchantId, ParcelStatus status, UUID warehouseId,
                                     UUID after, int fetch) {
        return client.preparedQuery(LIST).execute(Tuple.from(new Object[] {merchantId,
                status == null ? null : status.name(), warehouseId, after, fetch})).map(ParcelRepository::parcels);
    }

    /** How many of the merchant's parcels are in each status (every status present, zero included). */
    public Uni<Map<ParcelStatus, Long>> counts(SqlClient client, UUID merchantId) {
        return client.preparedQuery("SELECT status, count(*) AS n FROM parcel WHERE merchant_id = $1 GROUP BY status")
                .execute(Tuple.of(merchantId)).map(rows -> {
                    Map<ParcelStatus, Long> counts = new EnumMap<>(ParcelStatus.class);
                    for (ParcelStatus status : ParcelStatus.values()) {
                        counts.put(status, 0L);
                    }
                    for (Row row : rows) {
                        counts.put(ParcelStatus.valueOf(row.getString("status")), row.getLong("n"));
                    }
                    return counts;
                });
    }

    /** Lines per parcel, for the given parcels. */
    public Uni<Map<UUID, List<ParcelLine>>> lines(SqlClient client, Collection<UUID> parcelIds) {
        return client.preparedQuery(LINES).execute(Tuple.of(parcelIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, List<ParcelLine>> lines = new LinkedHashMap<>();
            for (Row row : rows) {
                lines.computeIfAbsent(row.getUUID("parcel_id"), id -> new ArrayList<>())
                        .add(new ParcelLine(row.getUUID("line_id"), row.getUUID("merchant_order_id"),
                                row.getUUID("sku_id"), row.getInteger("quantity")));
            }
            return lines;
        });
    }

    /** The encrypted delivery address of each order. */
    public Uni<Map<UUID, EncryptedAddress>> addresses(SqlClient client, Collection<UUID> orderIds) {
        return client.preparedQuery(ADDRESSES).execute(Tuple.of(orderIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, EncryptedAddress> addresses = new LinkedHashMap<>();
            for (Row row : rows) {
                addresses.put(row.getUUID("id"), new EncryptedAddress(row.getString("recipient_encrypted"),
                        row.getString("phone_encrypted"), row.getString("region_code"),
                        row.getString("detail_encrypted")));
            }
            return addresses;
        });
    }

    /** Moves the lines of {@code others} into {@code target} and marks them MERGED into it. */
    public Uni<Void> merge(SqlConnection tx, UUID target, List<UUID> others, Instant at) {
        UUID[] ids = others.toArray(UUID[]::new);
        return tx.preparedQuery("UPDATE parcel_line SET parcel_id = $1 WHERE parcel_id = ANY($2)")
                .execute(Tuple.of(target, ids))
                .chain(() -> tx.preparedQuery("""
                                UPDATE parcel SET status = 'MERGED', merged_into = $1, updated_at = $3,
                                                  version = version + 1
                                WHERE id = ANY($2) AND status = 'AWAITING_PICK'""")
                        .execute(Tuple.of(target, ids, utc(at))))
                .chain(() -> touch(tx, target, at))
                .replaceWithVoid();
    }

    /** AWAITING_PICK → PICKING in a wave; emits how many moved. */
    public Uni<Integer> startPicking(SqlConnection tx, Collection<UUID> ids, UUID waveId, Instant at) {
        return tx.preparedQuery("""
                        UPDATE parcel SET status = 'PICKING', wave_id = $2, picking_at = $3, updated_at = $3,
                                          version = version + 1
                        WHERE id = ANY($1) AND status = 'AWAITING_PICK'""")
                .execute(Tuple.of(ids.toArray(UUID[]::new), waveId, utc(at))).map(RowSet::rowCount);
    }

    /** PICKING → PACKING once its address passed the re-check; emits whether it moved. */
    public Uni<Boolean> startPacking(SqlConnection tx, UUID id, Instant at) {
        return tx.preparedQuery("""
                        UPDATE parcel SET status = 'PACKING', address_problem = NULL, packing_at = $2, updated_at = $2,
                                          version = version + 1
                        WHERE id = $1 AND status = 'PICKING'""")
                .execute(Tuple.of(id, utc(at))).map(rows -> rows.rowCount() == 1);
    }

    /** Keeps a parcel in PICKING with the reason its address cannot be packed for. */
    public Uni<Void> holdForAddress(SqlConnection tx, UUID id, String problem, Instant at) {
        return tx.preparedQuery("""
                        UPDATE parcel SET address_problem = $2, updated_at = $3, version = version + 1
                        WHERE id = $1 AND status = 'PICKING'""")
                .execute(Tuple.of(id, problem, utc(at))).replaceWithVoid();
    }

    /** PACKING → READY after a matching review; emits whether it moved. */
    public Uni<Boolean> markReady(SqlConnection tx, UUID id, long packedGrams, long expectedGrams, boolean flagged,
                                  Instant at) {
        return tx.preparedQuery("""
                        UPDATE parcel SET status = 'READY', packed_weight_grams = $2, expected_weight_grams = $3,
                                          weight_flagged = $4, ready_at = $5, updated_at = $5, version = version + 1
                        WHERE id = $1 AND status = 'PACKING'""")
                .execute(Tuple.of(id, packedGrams, expectedGrams, flagged, utc(at))).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> countMismatch(SqlConnection tx, UUID id, Instant at) {
        return tx.preparedQuery("""
                        UPDATE parcel SET mismatch_count = mismatch_count + 1, updated_at = $2, version = version + 1
                        WHERE id = $1""")
                .execute(Tuple.of(id, utc(at))).replaceWithVoid();
    }

    /** READY → SHIPPED with its carrier; emits whether it moved. */
    public Uni<Boolean> ship(SqlConnection tx, UUID id, String carrier, String trackingNumber, Instant at) {
        return tx.preparedQuery("""
                        UPDATE parcel SET status = 'SHIPPED', carrier = $2, tracking_number = $3, shipped_at = $4,
                                          updated_at = $4, version = version + 1
                        WHERE id = $1 AND status = 'READY'""")
                .execute(Tuple.of(id, carrier, trackingNumber, utc(at))).map(rows -> rows.rowCount() == 1);
    }

    /** Open parcels carrying units of the merchant order, each with whether it also carries another one's. */
    public Uni<List<OpenParcel>> openParcelsOf(SqlConnection tx, UUID merchantOrderId) {
        return tx.preparedQuery("""
                        SELECT p.id, EXISTS (SELECT 1 FROM parcel_line o WHERE o.parcel_id = p.id
                                             AND o.merchant_order_id <> $1) AS shared
                        FROM parcel p
                        WHERE p.status IN %s
                          AND p.id IN (SELECT parcel_id FROM parcel_line WHERE merchant_order_id = $1)
                        ORDER BY p.id FOR UPDATE OF p""".formatted(OPEN))
                .execute(Tuple.of(merchantOrderId)).map(rows -> {
                    List<OpenParcel> open = new ArrayList<>();
                    for (Row row : rows) {
                        open.add(new OpenParcel(row.getUUID("id"), row.getBoolean("shared")));
                    }
                    return open;
                });
    }

    /** Marks open parcels SHIPPED with the merchant order's hand-off (handed over outside the warehouse flow). */
    public Uni<Void> shipOutsideFlow(SqlConnection tx, Collection<UUID> ids, String carrier, String trackingNumber,
                                     Instant at) {
        return tx.preparedQuery("""
                        UPDATE parcel SET status = 'SHIPPED', carrier = $2, tracking_number = $3, shipped_at = $4,
                                          updated_at = $4, version = version + 1
                        WHERE id = ANY($1) AND status IN %s""".formatted(OPEN))
                .execute(Tuple.of(ids.toArray(UUID[]::new), carrier, trackingNumber, utc(at))).replaceWithVoid();
    }

    /** The lines of the open parcels carrying units of the merchant order, those parcels locked (in id order). */
    public Uni<List<OpenParcelLine>> lockOpenLinesOf(SqlConnection tx, UUID merchantOrderId) {
        return tx.preparedQuery("""
                        SELECT p.id, p.warehouse_id, p.status, pl.line_id, pl.quantity
                        FROM parcel p JOIN parcel_line pl ON pl.parcel_id = p.id AND pl.merchant_order_id = $1
                        WHERE p.status IN %s
                        ORDER BY p.id, pl.line_id FOR UPDATE OF p""".formatted(OPEN))
                .execute(Tuple.of(merchantOrderId)).map(rows -> {
                    List<OpenParcelLine> lines = new ArrayList<>();
                    for (Row row : rows) {
                        lines.add(new OpenParcelLine(row.getUUID("id"), row.getUUID("warehouse_id"),
                                ParcelStatus.valueOf(row.getString("status")), row.getUUID("line_id"),
                                row.getInteger("quantity")));
                    }
                    return lines;
                });
    }

    /**
     * Takes units out of locked open parcels (each entry: the units taken from that parcel's line), records it, then
     * cancels the parcels left empty and sends packed ones that lost units back to PACKING.
     */
    public Uni<Void> release(SqlConnection tx, List<OpenParcelLine> taken, Instant at) {
        UUID[] parcelIds = taken.stream().map(OpenParcelLine::parcelId).toArray(UUID[]::new);
        UUID[] lineIds = taken.stream().map(OpenParcelLine::lineId).toArray(UUID[]::new);
        Integer[] quantities = taken.stream().map(OpenParcelLine::quantity).toArray(Integer[]::new);
        Tuple released = Tuple.of(parcelIds, lineIds, quantities, utc(at));
        return tx.preparedQuery("""
                        INSERT INTO parcel_release (parcel_id, line_id, quantity, released_at)
                        SELECT parcel_id, line_id, quantity, $4
                        FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS u(parcel_id, line_id, quantity)""")
                .execute(released)
                .chain(() -> tx.preparedQuery("""
                                UPDATE parcel_line pl SET quantity = pl.quantity - u.quantity
                                FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS u(parcel_id, line_id, quantity)
                                WHERE pl.parcel_id = u.parcel_id AND pl.line_id = u.line_id AND pl.quantity > u.quantity""")
                        .execute(Tuple.of(parcelIds, lineIds, quantities)))
                .chain(() -> tx.preparedQuery("""
                                DELETE FROM parcel_line pl
                                USING unnest($1::uuid[], $2::uuid[], $3::int[]) AS u(parcel_id, line_id, quantity)
                                WHERE pl.parcel_id = u.parcel_id AND pl.line_id = u.line_id AND pl.quantity = u.quantity""")
                        .execute(Tuple.of(parcelIds, lineIds, quantities)))
                .chain(() -> tx.preparedQuery("""
                                UPDATE parcel p SET
                                    status = CASE WHEN NOT EXISTS (SELECT 1 FROM parcel_line pl WHERE pl.parcel_id = p.id)
                                                  THEN 'CANCELLED'
                                                  WHEN p.status IN ('PACKING', 'READY') THEN 'PACKING' ELSE p.status END,
                                    cancelled_at = CASE WHEN NOT EXISTS (SELECT 1 FROM parcel_line pl
                                                                        WHERE pl.parcel_id = p.id) THEN $2::timestamptz END,
                                    ready_at = CASE WHEN p.status = 'READY' THEN NULL ELSE p.ready_at END,
                                    updated_at = $2::timestamptz, version = version + 1
                                WHERE p.id = ANY($1) AND p.status IN %s""".formatted(OPEN))
                        .execute(Tuple.of(parcelIds, utc(at))))
                .replaceWithVoid();
    }

    private static Uni<Void> touch(SqlConnection tx, UUID id, Instant at) {
        return tx.preparedQuery("UPDATE parcel SET updated_at = $2, version = version + 1 WHERE id = $1")
                .execute(Tuple.of(id, utc(at))).replaceWithVoid();
    }

    private static List<ParcelRow> parcels(RowSet<Row> rows) {
        List<ParcelRow> parcels = new ArrayList<>();
        for (Row row : rows) {
            parcels.add(ParcelRow.of(row));
        }
        return parcels;
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** One allocation row of the split query. */
    public record UnsplitUnits(UUID merchantOrderId, UUID merchantId, String buyerId, UUID lineId, UUID skuId,
                               UUID warehouseId, int quantity) {
    }

    /** A parcel to insert at the split. */
    public record NewParcel(UUID id, UUID merchantId, UUID warehouseId, UUID merchantOrderId, String buyerId,
                            List<ParcelLine> lines) {
    }

    /** An open parcel of a merchant order; {@code shared} when a merge put another merchant order's units in it. */
    public record OpenParcel(UUID id, boolean shared) {
    }

    /** A line of an open parcel: which parcel, from where, in which status, and how many units. */
    public record OpenParcelLine(UUID parcelId, UUID warehouseId, ParcelStatus status, UUID lineId, int quantity) {
    }

    /** An order's delivery address as stored (PII encrypted). */
    public record EncryptedAddress(String recipient, String phone, String regionCode, String detail) {
    }
}
