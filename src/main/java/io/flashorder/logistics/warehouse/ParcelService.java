package io.flashorder.logistics.warehouse;

import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.events.EventType;
import io.flashorder.fulfilment.ShipmentService;
import io.flashorder.logistics.LogisticsConfig;
import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.sql.Transactions;
import io.flashorder.platform.error.Problem;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * A merchant's parcels: lists and counts, merging (合并发货), starting to pack after the address re-check, the
 * packing review (包装复核) and the hand-over to a carrier. Each mutation is one transaction over locked rows; another
 * merchant's parcel is answered like an unknown one (404).
 */
@ApplicationScoped
public class ParcelService {

    private final Pool pool;
    private final ParcelRepository parcels;
    private final AddressCheck addresses;
    private final ParcelEvents events;
    private final ShipmentService shipments;
    private final CatalogSnapshotService catalog;
    private final LogisticsConfig config;
    private final Counter mismatches;
    private final Clock clock;

    public ParcelService(Pool pool, ParcelRepository parcels, AddressCheck addresses, ParcelEvents events,
                         ShipmentService shipments,
                         CatalogSnapshotService catalog, LogisticsConfig config, MeterRegistry registry, Clock clock) {
        this.pool = pool;
        this.parcels = parcels;
        this.addresses = addresses;
        this.events = events;
        this.shipments = shipments;
        this.catalog = catalog;
        this.config = config;
        this.mismatches = Counter.builder("flashorder.logistics.packing.mismatches")
                .description("Packing reviews refused because the scan differed from the parcel").register(registry);
        this.clock = clock;
    }

    /** Oldest first (the order warehouse work is done in), optionally of one status and warehouse. */
    @Timeout(5000)
    public Uni<Page<ParcelView>> list(UUID merchantId, ParcelStatus status, UUID warehouseId, PageRequest page) {
        return pool.withConnection(connection -> parcels.list(connection, merchantId, status, warehouseId,
                        page.afterOrStart(), page.fetchSize())
                .chain(rows -> parcels.lines(connection, rows.stream().map(ParcelRow::id).toList())
                        .map(lines -> Page.of(rows, page, ParcelRow::id,
                                row -> ParcelView.of(row, lines.getOrDefault(row.id(), List.of()))))));
    }

    @Timeout(5000)
    public Uni<ParcelCounts> counts(UUID merchantId) {
        return pool.withConnection(connection -> parcels.counts(connection, merchantId))
                .map(counts -> new ParcelCounts(counts, counts.values().stream().mapToLong(Long::longValue).sum()));
    }

    @Timeout(5000)
    public Uni<ParcelView> get(UUID merchantId, UUID parcelId) {
        return pool.withConnection(connection -> parcels.find(connection, merchantId, parcelId)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("parcel", parcelId)))
                .chain(row -> view(connection, row)));
    }

    /**
     * Merges parcels awaiting pick of one buyer, address and warehouse into the oldest of them; all or nothing.
     * Emits the merged parcel.
     */
    @Timeout(5000)
    public Uni<ParcelView> merge(UUID merchantId, MergeRequest request) {
        Instant now = now();
        TreeSet<UUID> ids = new TreeSet<>(request.parcelIds());
        if (ids.size() != request.parcelIds().size()) {
            return Uni.createFrom().failure(ApiException.invalidField("parcelIds", "must not repeat a parcel"));
        }
        return inTransaction(tx -> parcels.lockOwned(tx, merchantId, ids).chain(rows -> {
            requireAll(ids, rows);
            ParcelRow target = rows.get(0);
            for (ParcelRow row : rows) {
                if (row.status() != ParcelStatus.AWAITING_PICK) {
                    throw wrongStatus(row, "only parcels awaiting pick can be merged");
                }
                if (!row.warehouseId().equals(target.warehouseId()) || !row.buyerId().equals(target.buyerId())) {
                    throw notMergeable(row, "it leaves from another warehouse or goes to another buyer");
                }
            }
            return parcels.addresses(tx, rows.stream().map(ParcelRow::orderId).distinct().toList())
                    .chain(byOrder -> {
                        for (ParcelRow row : rows) {
                            if (!addresses.same(byOrder.get(target.orderId()), byOrder.get(row.orderId()))) {
                                throw notMergeable(row, "it goes to another address");
                            }
                        }
                        List<UUID> others = rows.stream().skip(1).map(ParcelRow::id).toList();
                        return parcels.merge(tx, target.id(), others, now);
                    })
                    .chain(() -> parcels.find(tx, merchantId, target.id()))
                    .chain(found -> view(tx, found.orElseThrow()));
        }));
    }

    /** PICKING → PACKING for one parcel, after its address passes the re-check (else 422, nothing changes). */
    @Timeout(5000)
    public Uni<ParcelView> startPacking(UUID merchantId, UUID parcelId) {
        Instant now = now();
        return inTransaction(tx -> lockOne(tx, merchantId, parcelId).chain(row -> {
            if (row.status() != ParcelStatus.PICKING) {
                throw wrongStatus(row, "packing starts from PICKING");
            }
            return parcels.addresses(tx, List.of(row.orderId())).chain(byOrder -> {
                var problem = addresses.problem(merchantId, byOrder.get(row.orderId()));
                if (problem.isPresent()) {
                    throw ApiException.unprocessable("address-not-shippable",
                            "Parcel " + parcelId + " cannot be packed for its address: " + problem.get());
                }
                return parcels.startPacking(tx, parcelId, now).chain(() -> events.append(tx,
                        EventType.SHIPMENT_PICKED, row, ParcelStatus.PACKING.name(), null, null, null, now));
            }).chain(() -> parcels.find(tx, merchantId, parcelId)).chain(found -> view(tx, found.orElseThrow()));
        }));
    }

    /**
     * The packing review: a scan that differs from the parcel is refused (422 with the differences) and counted;
     * a matching one moves the parcel PACKING → READY, its weight flagged when beyond the tolerance.
     */
    @Timeout(5000)
    public Uni<PackingReviewView> review(UUID merchantId, UUID parcelId, PackingReviewRequest request, String by) {
        Instant now = now();
        Map<UUID, Long> scanned = new TreeMap<>();
        for (PackingReviewRequest.Scan scan : request.items()) {
            scanned.merge(scan.skuId(), (long) scan.quantity(), Long::sum);
        }
        long weighed = request.weightGrams();
        return inTransaction(tx -> lockOne(tx, merchantId, parcelId).chain(row -> {
            if (row.status() != ParcelStatus.PACKING) {
                throw wrongStatus(row, "a parcel is reviewed while PACKING");
            }
            return parcels.lines(tx, List.of(parcelId)).chain(byParcel -> {
                Map<UUID, Long> expected = PackingCheck.unitsBySku(byParcel.getOrDefault(parcelId, List.of()));
                List<PackingCheck.Difference> differences = PackingCheck.differences(expected, scanned);
                long expectedGrams = expectedWeight(expected);
                boolean flagged = differences.isEmpty() && PackingCheck.weightFlagged(expectedGrams, weighed,
                        config.weightToleranceBasisPoints(), config.weightToleranceMinGrams());
                Uni<Void> recorded = recordReview(tx, row, differences, weighed, expectedGrams, flagged, by, now);
                if (!differences.isEmpty()) {
                    return recorded.chain(() -> parcels.countMismatch(tx, parcelId, now))
                            .replaceWith(new ReviewOutcome(null, differences, weighed, expectedGrams, false));
                }
                return recorded.chain(() -> parcels.markReady(tx, parcelId, weighed, expectedGrams, flagged, now))
                        .chain(() -> events.append(tx, EventType.SHIPMENT_PACKED, row, ParcelStatus.READY.name(),
                                null, null, flagged ? "weight flagged: " + weighed + " g, expected "
                                        + expectedGrams + " g" : null, now))
                        .chain(() -> parcels.find(tx, merchantId, parcelId))
                        .chain(found -> view(tx, found.orElseThrow()))
                        .map(view -> new ReviewOutcome(view, List.of(), weighed, expectedGrams, flagged));
            });
        })).map(outcome -> {
            if (!outcome.differences().isEmpty()) {
                mismatches.increment();
                throw new ApiException(Problem.of(422, "packing-mismatch", "Unprocessable request",
                        "The scan differs from parcel " + parcelId + " in " + outcome.differences().size()
                                + " SKU(s); repack and review again")
                        .withExtensions(Map.of("differences", outcome.differences())));
            }
            return new PackingReviewView(outcome.parcel(), outcome.weighed(), outcome.expectedGrams(),
                    outcome.flagged());
        });
    }

    /**
     * READY → SHIPPED with its booked waybill, or with the carrier and tracking number given here when none was
     * booked. Each merchant order whose last open parcel this was is handed over (fulfilment: AWAITING_RECEIPT, its
     * auto-confirm timer, OrderShipped) in the same transaction.
     */
    @Timeout(5000)
    public Uni<ParcelView> handOver(UUID merchantId, UUID parcelId, HandOverRequest request) {
        Instant now = now();
        return inTransaction(tx -> parcels.find(tx, merchantId, parcelId)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("parcel", parcelId)))
                .chain(unlocked -> parcels.lines(tx, List.of(parcelId)))
                .chain(lines -> {
                    TreeSet<UUID> merchantOrders = new TreeSet<>();
                    lines.getOrDefault(parcelId, List.of()).forEach(line -> merchantOrders.add(line.merchantOrderId()));
                    return parcels.lockOrdersOf(tx, merchantOrders)
                            .chain(() -> lockOne(tx, merchantId, parcelId))
                            .chain(row -> {
                                if (row.status() != ParcelStatus.READY) {
                                    throw wrongStatus(row, "a parcel is handed over when READY");
                                }
                                Waybill waybill = waybill(row, request);
                                return parcels.ship(tx, parcelId, waybill.carrier(), waybill.trackingNumber(), now)
                                        .chain(() -> events.append(tx, EventType.SHIPMENT_SHIPPED, row,
                                                ParcelStatus.SHIPPED.name(), waybill.carrier(),
                                                waybill.trackingNumber(), null, now))
                                        .replaceWith(waybill);
                            })
                            .chain(waybill -> Multi.createFrom().iterable(merchantOrders)
                                    .onItem().transformToUniAndConcatenate(merchantOrder ->
                                            parcels.openParcelsOf(tx, merchantOrder).chain(open -> open.isEmpty()
                                                    ? shipments.handOver(tx, merchantId, merchantOrder,
                                                            waybill.carrier(), waybill.trackingNumber(), now)
                                                            .replaceWithVoid()
                                                    : Uni.createFrom().voidItem()))
                                    .collect().last());
                })
                .chain(() -> parcels.find(tx, merchantId, parcelId))
                .chain(found -> view(tx, found.orElseThrow())));
    }

    /** The booked waybill (a request must then name the same or nothing), else the request's carrier. */
    private static Waybill waybill(ParcelRow row, HandOverRequest request) {
        if (!request.empty() && (request.carrier() == null || request.trackingNumber() == null)) {
            throw ApiException.invalidField(request.carrier() == null ? "carrier" : "trackingNumber",
                    "must be given with the other, or neither for a booked waybill");
        }
        if (row.trackingNumber() != null) {
            if (!request.empty() && (!request.carrier().strip().equals(row.carrier())
                    || !request.trackingNumber().strip().equals(row.trackingNumber()))) {
                throw ApiException.conflict("waybill-booked", "Parcel " + row.id() + " has a waybill of "
                        + row.carrier() + " (" + row.trackingNumber() + "); hand it over with {}");
            }
            return new Waybill(row.carrier(), row.trackingNumber());
        }
        if (request.empty()) {
            throw ApiException.unprocessable("waybill-missing", "Parcel " + row.id()
                    + " has no waybill: book one, or name the carrier and tracking number");
        }
        return new Waybill(request.carrier().strip(), request.trackingNumber().strip());
    }

    private record Waybill(String carrier, String trackingNumber) {
    }

    private Uni<Void> recordReview(SqlConnection tx, ParcelRow row, List<PackingCheck.Difference> differences,
                                   long weighed, long expectedGrams, boolean flagged, String by, Instant at) {
        JsonArray json = new JsonArray();
        differences.forEach(d -> json.add(new JsonObject().put("skuId", d.skuId().toString())
                .put("expected", d.expected()).put("scanned", d.scanned()).put("difference", d.difference())));
        return tx.preparedQuery("""
                        INSERT INTO packing_review (id, parcel_id, merchant_id, matched, differences, weight_grams,
                                                    expected_weight_grams, weight_flagged, reviewed_by, reviewed_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
                .execute(Tuple.from(new Object[] {Ids.newId(), row.id(), row.merchantId(), differences.isEmpty(), json,
                        weighed, expectedGrams, flagged, by, ParcelRepository.utc(at)}))
                .replaceWithVoid();
    }

    /** Catalog weight of the units (a SKU no longer in the catalog weighs nothing here). */
    private long expectedWeight(Map<UUID, Long> units) {
        var snapshot = catalog.current();
        long grams = 0;
        for (var entry : units.entrySet()) {
            long each = snapshot.sku(entry.getKey()).map(sku -> (long) sku.weightGrams()).orElse(0L);
            grams = Math.addExact(grams, Math.multiplyExact(each, entry.getValue()));
        }
        return grams;
    }

    private Uni<ParcelRow> lockOne(SqlConnection tx, UUID merchantId, UUID parcelId) {
        return parcels.lockOwned(tx, merchantId, List.of(parcelId)).map(rows -> rows.stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("parcel", parcelId)));
    }

    private Uni<ParcelView> view(io.vertx.mutiny.sqlclient.SqlClient client, ParcelRow row) {
        return parcels.lines(client, List.of(row.id()))
                .map(lines -> ParcelView.of(row, lines.getOrDefault(row.id(), List.of())));
    }

    /** One transaction of this feature: every statement bounded by the configured timeout. */
    <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return Transactions.withStatementTimeout(pool, Duration.ofMillis(config.statementTimeoutMillis()), work);
    }

    static void requireAll(java.util.Collection<UUID> ids, List<ParcelRow> found) {
        if (found.size() != ids.size()) {
            var present = found.stream().map(ParcelRow::id).collect(java.util.stream.Collectors.toSet());
            UUID missing = ids.stream().filter(id -> !present.contains(id)).findFirst().orElseThrow();
            throw ApiException.notFound("parcel", missing);
        }
    }

    static ApiException wrongStatus(ParcelRow row, String rule) {
        return ApiException.conflict("parcel-status", "Parcel " + row.id() + " is " + row.status() + "; " + rule,
                Map.of("parcelId", row.id(), "currentStatus", row.status()));
    }

    private static ApiException notMergeable(ParcelRow row, String why) {
        return ApiException.conflict("parcels-not-mergeable", "Parcel " + row.id() + " cannot join the others: " + why,
                Map.of("parcelId", row.id()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
    }

    private record ReviewOutcome(ParcelView parcel, List<PackingCheck.Difference> differences, long weighed,
                                 long expectedGrams, boolean flagged) {
    }
}
