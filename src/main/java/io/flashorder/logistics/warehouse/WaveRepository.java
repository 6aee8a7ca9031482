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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of pick waves, their pick lists and the bins those are sorted by. */
@ApplicationScoped
public class WaveRepository {

    private static final String COLUMNS = "id, warehouse_id, status, parcel_count, created_by, created_at, picked_at";
    /** Units per SKU of the wave's parcels with the SKU's bin in the wave's warehouse, in walking order. */
    private static final String PICK_LIST = """
            SELECT pl.sku_id, b.bin, sum(pl.quantity) AS quantity
            FROM parcel p JOIN parcel_line pl ON pl.parcel_id = p.id
                LEFT JOIN stock_bin b ON b.warehouse_id = p.warehouse_id AND b.sku_id = pl.sku_id
            WHERE p.wave_id = $1
            GROUP BY pl.sku_id, b.bin
            ORDER BY b.bin NULLS LAST, pl.sku_id""";

    public Uni<Void> insert(SqlConnection tx, UUID id, UUID merchantId, UUID warehouseId, int parcels, String by,
                            Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO pick_wave (id, merchant_id, warehouse_id, status, parcel_count, created_by, created_at)
                        VALUES ($1, $2, $3, 'PICKING', $4, $5, $6)""")
                .execute(Tuple.from(new Object[] {id, merchantId, warehouseId, parcels, by, ParcelRepository.utc(at)}))
                .replaceWithVoid();
    }

    public Uni<Optional<WaveView>> find(SqlClient client, UUID merchantId, UUID id, boolean lock) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM pick_wave WHERE id = $1 AND merchant_id = $2"
                        + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id, merchantId)).map(rows -> waves(rows).stream().findFirst());
    }

    /** Newest first. */
    public Uni<List<WaveView>> list(SqlClient client, UUID merchantId, UUID before, int fetch) {
        return client.preparedQuery("SELECT " + COLUMNS + """
                         FROM pick_wave WHERE merchant_id = $1 AND ($2::uuid IS NULL OR id < $2)
                        ORDER BY id DESC LIMIT $3""")
                .execute(Tuple.of(merchantId, before, fetch)).map(WaveRepository::waves);
    }

    public Uni<Void> markPicked(SqlConnection tx, UUID id, Instant at) {
        return tx.preparedQuery("UPDATE pick_wave SET status = 'PICKED', picked_at = $2 WHERE id = $1 AND status = 'PICKING'")
                .execute(Tuple.of(id, ParcelRepository.utc(at))).replaceWithVoid();
    }

    /** The wave's parcels still PICKING, locked, in id order. */
    public Uni<List<ParcelRow>> lockPicking(SqlConnection tx, UUID waveId) {
        return tx.preparedQuery("SELECT " + ParcelRow.COLUMNS
                        + " FROM parcel WHERE wave_id = $1 AND status = 'PICKING' ORDER BY id FOR UPDATE")
                .execute(Tuple.of(waveId)).map(rows -> {
                    List<ParcelRow> parcels = new ArrayList<>();
                    rows.forEach(row -> parcels.add(ParcelRow.of(row)));
                    return parcels;
                });
    }

    public Uni<List<PickListView.Item>> pickList(SqlClient client, UUID waveId,
                                                 java.util.function.Function<UUID, String> titles) {
        return client.preparedQuery(PICK_LIST).execute(Tuple.of(waveId)).map(rows -> {
            List<PickListView.Item> items = new ArrayList<>();
            for (Row row : rows) {
                UUID sku = row.getUUID("sku_id");
                items.add(new PickListView.Item(row.getString("bin"), sku, titles.apply(sku), row.getLong("quantity")));
            }
            return items;
        });
    }

    public Uni<BinView> upsertBin(SqlClient client, UUID merchantId, UUID warehouseId, UUID skuId, String bin,
                                  Instant at) {
        return client.preparedQuery("""
                        INSERT INTO stock_bin (warehouse_id, sku_id, merchant_id, bin, updated_at)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (warehouse_id, sku_id) DO UPDATE SET bin = EXCLUDED.bin,
                            updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.of(warehouseId, skuId, merchantId, bin, ParcelRepository.utc(at)))
                .replaceWith(new BinView(warehouseId, skuId, bin, at));
    }

    private static List<WaveView> waves(RowSet<Row> rows) {
        List<WaveView> waves = new ArrayList<>();
        for (Row row : rows) {
            OffsetDateTime picked = row.getOffsetDateTime("picked_at");
            waves.add(new WaveView(row.getUUID("id"), row.getUUID("warehouse_id"), row.getString("status"),
                    row.getInteger("parcel_count"), row.getString("created_by"),
                    row.getOffsetDateTime("created_at").toInstant(), picked == null ? null : picked.toInstant()));
        }
        return waves;
    }
}
