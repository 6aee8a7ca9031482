package io.flashorder.logistics.warehouse;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.events.EventType;
import io.flashorder.logistics.LogisticsConfig;
import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Pick waves: N parcels awaiting pick in one warehouse picked together from one pick list, then reported picked
 * (each parcel moves on to packing once its address passes the re-check). Bins order the pick list.
 */
@ApplicationScoped
public class WaveService {

    private final Pool pool;
    private final WaveRepository waves;
    private final ParcelRepository parcels;
    private final ParcelService parcelService;
    private final AddressCheck addresses;
    private final ParcelEvents events;
    private final CatalogSnapshotService catalog;
    private final LogisticsConfig config;
    private final Clock clock;
    private final Instance<WarehouseWorkGate> workGates;

    public WaveService(Pool pool, WaveRepository waves, ParcelRepository parcels, ParcelService parcelService,
                       AddressCheck addresses, ParcelEvents events, CatalogSnapshotService catalog,
                       LogisticsConfig config, Clock clock, Instance<WarehouseWorkGate> workGates) {
        this.workGates = workGates;
        this.pool = pool;
        this.waves = waves;
        this.parcels = parcels;
        this.parcelService = parcelService;
        this.addresses = addresses;
        this.events = events;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    /**
     * All or nothing: every parcel must be the merchant's, await pick and lie in the wave's warehouse, and no
     * {@link WarehouseWorkGate} may refuse its merchant orders (one held for risk review: 409).
     */
    @Timeout(5000)
    public Uni<WaveView> create(UUID merchantId, WaveRequest request, String by) {
        Instant now = now();
        TreeSet<UUID> ids = new TreeSet<>(request.parcelIds());
        if (ids.size() != request.parcelIds().size()) {
            return Uni.createFrom().failure(ApiException.invalidField("parcelIds", "must not repeat a parcel"));
        }
        if (ids.size() > config.maxWaveSize()) {
            return Uni.createFrom().failure(ApiException.invalidField("parcelIds",
                    "size must be between 1 and " + config.maxWaveSize()));
        }
        requireOwnWarehouse(merchantId, request.warehouseId());
        UUID waveId = Ids.newId();
        return inTransaction(tx -> parcels.lockOwned(tx, merchantId, ids).chain(rows -> {
            ParcelService.requireAll(ids, rows);
            for (ParcelRow row : rows) {
                if (row.status() != ParcelStatus.AWAITING_PICK) {
                    throw ParcelService.wrongStatus(row, "a wave takes parcels awaiting pick");
                }
                if (!row.warehouseId().equals(request.warehouseId())) {
                    throw ApiException.unprocessable("parcel-in-other-warehouse", "Parcel " + row.id()
                            + " leaves from another warehouse than " + request.warehouseId());
                }
            }
            return parcels.lines(tx, ids)
                    .chain(lines -> gates(tx, lines.values().stream().flatMap(List::stream)
                            .map(ParcelLine::merchantOrderId).collect(Collectors.toCollection(TreeSet::new))))
                    .chain(() -> waves.insert(tx, waveId, merchantId, request.warehouseId(), rows.size(), by, now))
                    .chain(() -> parcels.startPicking(tx, ids, waveId, now))
                    .chain(() -> waves.find(tx, merchantId, waveId, false))
                    .map(found -> found.orElseThrow());
        }));
    }

    private Uni<Void> gates(SqlConnection tx, Collection<UUID> merchantOrderIds) {
        return Multi.createFrom().iterable(workGates)
                .onItem().transformToUniAndConcatenate(gate -> gate.beforeWarehouseWork(tx, merchantOrderIds))
                .collect().last().replaceWithVoid();
    }

    @Timeout(5000)
    public Uni<WaveView> get(UUID merchantId, UUID waveId) {
        return pool.withConnection(connection -> waves.find(connection, merchantId, waveId, false))
                .map(found -> found.orElseThrow(() -> ApiException.notFound("wave", waveId)));
    }

    /** Newest first. */
    @Timeout(5000)
    public Uni<Page<WaveView>> list(UUID merchantId, PageRequest page) {
        return pool.withConnection(connection -> waves.list(connection, merchantId, page.after().orElse(null),
                page.fetchSize())).map(rows -> Page.of(rows, page, WaveView::id, wave -> wave));
    }

    /** Units per SKU over the wave's parcels, sorted by bin. */
    @Timeout(5000)
    public Uni<PickListView> pickList(UUID merchantId, UUID waveId) {
        CatalogSnapshot snapshot = catalog.current();
        return pool.withConnection(connection -> waves.find(connection, merchantId, waveId, false)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("wave", waveId)))
                .chain(wave -> waves.pickList(connection, waveId,
                                sku -> snapshot.sku(sku).map(CatalogSnapshot.SkuInfo::title).orElse(null))
                        .map(items -> new PickListView(waveId, wave.warehouseId(),
                                items.stream().mapToLong(PickListView.Item::quantity).sum(), items))));
    }

    /**
     * The wave is picked: each of its parcels still PICKING moves to PACKING if its address passes the re-check,
     * else stays PICKING with the reason (to fix, then start packing it alone). One transaction.
     */
    @Timeout(5000)
    public Uni<WavePickedView> picked(UUID merchantId, UUID waveId) {
        Instant now = now();
        return inTransaction(tx -> waves.find(tx, merchantId, waveId, true)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("wave", waveId)))
                .chain(wave -> waves.lockPicking(tx, waveId))
                .chain(rows -> parcels.addresses(tx, rows.stream().map(ParcelRow::orderId).distinct().toList())
                        .chain(byOrder -> Multi.createFrom().iterable(rows)
                                .onItem().transformToUniAndConcatenate(row -> {
                                    var problem = addresses.problem(merchantId, byOrder.get(row.orderId()));
                                    return problem.isPresent()
                                            ? parcels.holdForAddress(tx, row.id(), problem.get(), now)
                                            .replaceWith(new WavePickedView.Result(row.id(),
                                                    WavePickedView.Outcome.ADDRESS_PROBLEM, problem.get()))
                                            : parcels.startPacking(tx, row.id(), now)
                                            .call(() -> events.append(tx, EventType.SHIPMENT_PICKED, row,
                                                    ParcelStatus.PACKING.name(), null, null, null, now))
                                            .replaceWith(new WavePickedView.Result(row.id(),
                                                    WavePickedView.Outcome.PACKING, null));
                                })
                                .collect().asList()))
                .call(() -> waves.markPicked(tx, waveId, now))
                .map(results -> {
                    int packing = (int) results.stream()
                            .filter(r -> r.outcome() == WavePickedView.Outcome.PACKING).count();
                    return new WavePickedView(waveId, packing, results.size() - packing, results);
                }));
    }

    /** Sets where a SKU of the merchant lies in one of its warehouses. */
    @Timeout(5000)
    public Uni<BinView> setBin(UUID merchantId, UUID warehouseId, UUID skuId, BinRequest request) {
        requireOwnWarehouse(merchantId, warehouseId);
        boolean ownSku = catalog.current().sku(skuId).filter(sku -> sku.merchantId().equals(merchantId)).isPresent();
        if (!ownSku) {
            return Uni.createFrom().failure(ApiException.notFound("sku", skuId));
        }
        return pool.withConnection(connection -> waves.upsertBin(connection, merchantId, warehouseId, skuId,
                request.bin().strip(), now()));
    }

    private void requireOwnWarehouse(UUID merchantId, UUID warehouseId) {
        boolean own = catalog.current().warehousesOf(merchantId).stream()
                .anyMatch(warehouse -> warehouse.id().equals(warehouseId));
        if (!own) {
            throw ApiException.notFound("warehouse", warehouseId);
        }
    }

    private <T> Uni<T> inTransaction(java.util.function.Function<SqlConnection, Uni<T>> work) {
        return parcelService.inTransaction(work);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
    }
}
