package io.flashorder.logistics.documents;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.logistics.warehouse.ParcelLine;
import io.flashorder.logistics.warehouse.ParcelRepository;
import io.flashorder.logistics.warehouse.ParcelRepository.EncryptedAddress;
import io.flashorder.logistics.warehouse.ParcelRow;
import io.flashorder.logistics.warehouse.ParcelStatus;
import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.Problem;
import io.flashorder.security.PiiCipher;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints pick lists, packing slips and waybill labels (批量打印) as PDF for up to 500 of the merchant's own parcels.
 * The buyer's name, phone and address are decrypted here, for the owning merchant's documents only (another
 * merchant's parcel is refused as not found, so its buyer never reaches the document); every print is audited.
 * Rendering runs on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class DocumentService {

    private final Pool pool;
    private final DocumentRepository documents;
    private final ParcelRepository parcels;
    private final CatalogSnapshotService catalog;
    private final PiiCipher pii;
    private final Clock clock;

    public DocumentService(Pool pool, DocumentRepository documents, ParcelRepository parcels,
                           CatalogSnapshotService catalog, PiiCipher pii, Clock clock) {
        this.pool = pool;
        this.documents = documents;
        this.parcels = parcels;
        this.catalog = catalog;
        this.pii = pii;
        this.clock = clock;
    }

    @Timeout(30000) // up to 500 parcels rendered
    public Uni<PrintResult> print(UUID merchantId, PrintRequest request, String by) {
        Set<UUID> asked = new LinkedHashSet<>(request.parcelIds());
        if (asked.size() != request.parcelIds().size()) {
            return Uni.createFrom().failure(ApiException.invalidField("parcelIds", "must not repeat a parcel"));
        }
        if (request.templateId() != null && request.kind() != DocumentKind.WAYBILL) {
            return Uni.createFrom().failure(ApiException.invalidField("templateId", "is for waybills only"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return pool.withConnection(connection -> template(connection, merchantId, request)
                        .chain(template -> documents.ownedParcels(connection, merchantId, asked)
                                .chain(found -> gather(connection, merchantId, request.kind(), template, asked, found))))
                .chain(job -> {
                    if (job.printable().isEmpty()) {
                        throw new ApiException(Problem.of(422, "nothing-to-print", "Unprocessable request",
                                "None of the parcels can have this document").withExtensions(
                                Map.of("refused", job.refused())));
                    }
                    return Uni.createFrom().item(() -> PdfRenderer.render(job.paper(), job.sheets()))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .chain(rendered -> {
                                UUID id = Ids.newId();
                                List<UUID> printed = job.printable().stream().map(ParcelRow::id).toList();
                                return pool.withTransaction(tx -> documents.audit(tx, id, merchantId, request.kind(),
                                                job.template().id(), printed, rendered.pages(), by, now))
                                        .replaceWith(new PrintResult(id, request.kind(), rendered.pages(), printed,
                                                job.refused(), "application/pdf",
                                                Base64.getEncoder().encodeToString(rendered.pdf())));
                            });
                });
    }

    private Uni<TemplateView> template(SqlConnection connection, UUID merchantId, PrintRequest request) {
        if (request.kind() != DocumentKind.WAYBILL) {
            return Uni.createFrom().item(TemplateView.STANDARD);
        }
        if (request.templateId() != null) {
            return documents.template(connection, merchantId, request.templateId())
                    .map(found -> found.orElseThrow(() -> ApiException.notFound("waybill-template",
                            request.templateId())));
        }
        return documents.defaultTemplate(connection, merchantId).map(found -> found.orElse(TemplateView.STANDARD));
    }

    private Uni<Job> gather(SqlConnection connection, UUID merchantId, DocumentKind kind, TemplateView template,
                            Set<UUID> asked, List<ParcelRow> found) {
        Map<UUID, ParcelRow> byId = found.stream().collect(Collectors.toMap(ParcelRow::id, Function.identity()));
        List<PrintResult.Refused> refused = new ArrayList<>();
        List<ParcelRow> printable = new ArrayList<>();
        for (UUID id : asked) {
            ParcelRow parcel = byId.get(id);
            if (parcel == null) {
                refused.add(new PrintResult.Refused(id, "parcel-not-found", "No parcel with id " + id));
            } else if (parcel.status() == ParcelStatus.MERGED) {
                refused.add(new PrintResult.Refused(id, "parcel-merged", "Merged into " + parcel.mergedInto()));
            } else if (parcel.status() == ParcelStatus.CANCELLED) {
                refused.add(new PrintResult.Refused(id, "parcel-cancelled", "Refunded before shipment: nothing to "
                        + "pick, pack or ship"));
            } else if (kind == DocumentKind.WAYBILL && parcel.trackingNumber() == null) {
                refused.add(new PrintResult.Refused(id, "waybill-missing", "No waybill booked or tracking number"));
            } else {
                printable.add(parcel);
            }
        }
        if (printable.isEmpty()) {
            return Uni.createFrom().item(new Job(template, PaperSize.A4, List.of(), printable, refused));
        }
        List<UUID> ids = printable.stream().map(ParcelRow::id).toList();
        List<UUID> orders = printable.stream().map(ParcelRow::orderId).distinct().toList();
        return parcels.lines(connection, ids).chain(lines -> documents.bins(connection, merchantId)
                .chain(bins -> documents.cashOnDelivery(connection, orders).chain(cod -> parcels.addresses(connection,
                        orders).map(addresses -> {
                            CatalogSnapshot snapshot = catalog.current();
                            List<PdfRenderer.Sheet> sheets = switch (kind) {
                                case PICK_LIST -> List.of(pickList(printable, lines, bins, snapshot));
                                case PACKING_SLIP -> printable.stream().map(parcel -> packingSlip(parcel,
                                        lines.getOrDefault(parcel.id(), List.of()), addresses.get(parcel.orderId()),
                                        snapshot)).toList();
                                case WAYBILL -> printable.stream().map(parcel -> waybill(template, parcel,
                                        lines.getOrDefault(parcel.id(), List.of()), addresses.get(parcel.orderId()),
                                        cod, snapshot)).toList();
                            };
                            PaperSize paper = kind == DocumentKind.WAYBILL ? template.paperSize() : PaperSize.A4;
                            return new Job(template, paper, sheets, printable, refused);
                        }))));
    }

    private static PdfRenderer.Sheet pickList(List<ParcelRow> printable, Map<UUID, List<ParcelLine>> lines,
                                              Map<String, String> bins, CatalogSnapshot snapshot) {
        record Pick(String bin, UUID warehouse, UUID sku) {
        }
        Map<Pick, Long> units = new TreeMap<>(Comparator.comparing((Pick p) -> p.bin() == null ? "\uffff" : p.bin())
                .thenComparing(Pick::warehouse).thenComparing(Pick::sku));
        for (ParcelRow parcel : printable) {
            for (ParcelLine line : lines.getOrDefault(parcel.id(), List.of())) {
                units.merge(new Pick(bins.get(parcel.warehouseId() + "/" + line.skuId()), parcel.warehouseId(),
                        line.skuId()), (long) line.quantity(), Long::sum);
            }
        }
        List<String> rows = new ArrayList<>();
        rows.add("Parcels: " + printable.size() + "  Units: " + units.values().stream().mapToLong(Long::longValue).sum());
        units.forEach((pick, quantity) -> rows.add((pick.bin() == null ? "(no bin)" : pick.bin()) + "   "
                + quantity + " x " + title(snapshot, pick.sku()) + "   [" + pick.sku() + "]"));
        rows.add("");
        printable.forEach(parcel -> rows.add("Parcel " + parcel.id() + (parcel.trackingNumber() == null ? ""
                : "  " + parcel.trackingNumber())));
        return new PdfRenderer.Sheet("Pick list", rows);
    }

    private PdfRenderer.Sheet packingSlip(ParcelRow parcel, List<ParcelLine> lines, EncryptedAddress address,
                                          CatalogSnapshot snapshot) {
        List<String> rows = new ArrayList<>();
        rows.add("Order " + parcel.orderId());
        rows.add("Parcel " + parcel.id() + (parcel.trackingNumber() == null ? "" : "   Tracking "
                + parcel.trackingNumber()));
        rows.add("Ship to: " + pii.decrypt(address.recipient()));
        rows.add(pii.decrypt(address.detail()) + ", " + address.regionCode());
        rows.add("");
        for (ParcelLine line : lines) {
            rows.add(line.quantity() + " x " + title(snapshot, line.skuId()) + "   [" + line.skuId() + "]");
        }
        return new PdfRenderer.Sheet("Packing slip", rows);
    }

    private PdfRenderer.Sheet waybill(TemplateView template, ParcelRow parcel, List<ParcelLine> lines,
                                      EncryptedAddress address, Set<UUID> cashOnDelivery, CatalogSnapshot snapshot) {
        List<String> rows = new ArrayList<>();
        for (WaybillField field : template.fields()) {
            rows.add(switch (field) {
                case CARRIER -> "Carrier: " + parcel.carrier();
                case TRACKING_NUMBER -> "Tracking: " + parcel.trackingNumber();
                case RECIPIENT -> "To: " + pii.decrypt(address.recipient());
                case PHONE -> "Phone: " + pii.decrypt(address.phone());
                case ADDRESS -> "Address: " + pii.decrypt(address.detail());
                case REGION -> "Region: " + address.regionCode();
                case WEIGHT -> "Weight: " + (parcel.packedWeightGrams() == null ? "-" : parcel.packedWeightGrams()
                        + " g");
                case DECLARED_VALUE -> "Declared value: " + (parcel.declaredValue() == null ? "-"
                        : parcel.declaredValue() + " " + parcel.currency()) + (parcel.insured() ? " (insured)" : "");
                case COD -> "Payment: " + (cashOnDelivery.contains(parcel.orderId()) ? "cash on delivery"
                        : "prepaid");
                case ORDER_ID -> "Order: " + parcel.orderId();
                case PARCEL_ID -> "Parcel: " + parcel.id();
                case WAREHOUSE -> "From warehouse: " + parcel.warehouseId();
                case ITEMS -> "Items: " + lines.stream().map(line -> line.quantity() + " x "
                        + title(snapshot, line.skuId())).collect(Collectors.joining("; "));
            });
        }
        return new PdfRenderer.Sheet("Waybill " + parcel.carrier() + " " + parcel.trackingNumber(), rows);
    }

    private static String title(CatalogSnapshot snapshot, UUID sku) {
        return snapshot.sku(sku).map(CatalogSnapshot.SkuInfo::title).orElse("SKU");
    }

    private record Job(TemplateView template, PaperSize paper, List<PdfRenderer.Sheet> sheets,
                       List<ParcelRow> printable, List<PrintResult.Refused> refused) {
    }
}
