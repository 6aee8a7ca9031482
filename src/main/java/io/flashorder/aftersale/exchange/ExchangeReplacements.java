package io.flashorder.aftersale.exchange;

import io.flashorder.catalog.CatalogSnapshot.SkuInfo;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;
import io.flashorder.platform.error.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What an exchange sends back out. At opening, the SKU the buyer wants per line: the same one, or another active SKU
 * of the same merchant at the same list price and currency (the catalog has no product grouping yet: a merchant's
 * SKUs at one price stand for the variants of a product). At approval, those units leave available stock — Redis
 * first (all or nothing; sold out: 409 and nothing written, the case stays under review), then the record here in
 * the same transaction, counted as sold by the reconciliation. A case that ends before the goods came back gives
 * them back through the ordinary stock return.
 */
@ApplicationScoped
public class ExchangeReplacements {

    private static final String INSERT_UNITS = """
            INSERT INTO after_sale_exchange_unit (case_id, line_id, sku_id, warehouse_id, quantity, reservation_id,
                reserved_at)
            SELECT $1, line_id, sku_id, warehouse_id, quantity, $6, $7
            FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[]) AS u(line_id, sku_id, warehouse_id, quantity)""";
    private static final String RELEASE = """
            INSERT INTO after_sale_stock_return (case_id, line_id, sku_id, warehouse_id, quantity, created_at)
            SELECT case_id, line_id, sku_id, warehouse_id, quantity, $2 FROM after_sale_exchange_unit WHERE case_id = $1
            ON CONFLICT DO NOTHING""";

    /** Units of one line the case covers, and the SKU that replaces them. */
    public record Wanted(UUID lineId, UUID replacementSkuId, int quantity) {
    }

    private final CatalogSnapshotService catalog;
    private final ReplacementStock stock;

    public ExchangeReplacements(CatalogSnapshotService catalog, ReplacementStock stock) {
        this.catalog = catalog;
        this.stock = stock;
    }

    /**
     * The replacement SKU per line: {@code asked} (null: the line's own SKU) when it is a variant of the line's SKU;
     * otherwise a 422 naming the field {@code lines[i].replacementSkuId}.
     */
    public UUID replacement(int index, UUID lineSku, UUID asked) {
        if (asked == null || asked.equals(lineSku)) {
            return lineSku;
        }
        Optional<SkuInfo> original = catalog.current().sku(lineSku);
        Optional<SkuInfo> wanted = catalog.current().sku(asked);
        String problem = null;
        if (wanted.isEmpty() || original.isEmpty() || !wanted.get().merchantId().equals(original.get().merchantId())) {
            problem = "is not a SKU of this merchant";
        } else if (!wanted.get().active()) {
            problem = "is not on sale";
        } else if (wanted.get().listPrice() != original.get().listPrice()
                || !wanted.get().currency().equals(original.get().currency())) {
            problem = "costs " + wanted.get().listPrice() + " " + wanted.get().currency() + ", not the "
                    + original.get().listPrice() + " " + original.get().currency() + " of the line's SKU";
        }
        if (problem != null) {
            String field = "lines[" + index + "].replacementSkuId";
            throw new ApiException(Problem.of(422, "replacement-not-a-variant", "Unprocessable request",
                    field + " " + problem + ": an exchange sends the same SKU or another variant at the same price")
                    .withErrors(List.of(new FieldViolation(field, problem))));
        }
        return asked;
    }

    /** Takes the replacement units (Redis, then the record): a 409 when a SKU is sold out, nothing changed. */
    public Uni<Void> reserve(SqlConnection tx, UUID caseId, List<Wanted> lines, Duration markerTtl, Instant now) {
        UUID reservationId = Ids.newId();
        List<ReplacementStock.Request> requests = lines.stream()
                .map(line -> new ReplacementStock.Request(line.lineId(), line.replacementSkuId(), line.quantity()))
                .toList();
        return stock.take(reservationId, requests, markerTtl).chain(taken -> {
            if (taken.isEmpty()) {
                Map<String, Object> skus = new LinkedHashMap<>();
                skus.put("skuIds", requests.stream().map(request -> request.skuId().toString()).distinct().toList());
                return Uni.createFrom().failure(new ReplacementSoldOutException("The replacement of case " + caseId
                        + " is sold out; approve it once the SKU is restocked, or reject it", skus));
            }
            int n = requests.size();
            UUID[] lineIds = new UUID[n];
            UUID[] skus = new UUID[n];
            UUID[] warehouses = new UUID[n];
            Integer[] quantities = new Integer[n];
            for (int i = 0; i < n; i++) {
                lineIds[i] = requests.get(i).lineId();
                skus[i] = requests.get(i).skuId();
                warehouses[i] = taken.get().get(i);
                quantities[i] = requests.get(i).quantity();
            }
            return tx.preparedQuery(INSERT_UNITS).execute(Tuple.from(new Object[] {caseId, lineIds, skus, warehouses,
                    quantities, reservationId, now.atOffset(ZoneOffset.UTC)})).replaceWithVoid();
        });
    }

    /** The case ended before the goods came back: its replacement units go back to stock (after the commit). */
    public Uni<Void> release(SqlConnection tx, UUID caseId, Instant now) {
        return tx.preparedQuery(RELEASE).execute(Tuple.of(caseId, now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }
}
