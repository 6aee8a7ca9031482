package io.flashorder.logistics.documents;

import io.flashorder.logistics.warehouse.ParcelRow;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL of waybill templates, what documents print of parcels, and the print audit. */
@ApplicationScoped
public class DocumentRepository {

    private static final String TEMPLATE_COLUMNS = "id, name, paper_size, fields::text AS fields, is_default, created_at";

    /** The merchant's parcels among the ids (another merchant's are simply not found). */
    public Uni<List<ParcelRow>> ownedParcels(SqlClient client, UUID merchantId, Collection<UUID> ids) {
        return client.preparedQuery("SELECT " + ParcelRow.COLUMNS
                        + " FROM parcel WHERE id = ANY($1) AND merchant_id = $2 ORDER BY id")
                .execute(Tuple.of(ids.toArray(UUID[]::new), merchantId)).map(rows -> {
                    List<ParcelRow> parcels = new ArrayList<>();
                    rows.forEach(row -> parcels.add(ParcelRow.of(row)));
                    return parcels;
                });
    }

    /** Bins of the SKUs per warehouse: key warehouse id + "/" + SKU id. */
    public Uni<Map<String, String>> bins(SqlClient client, UUID merchantId) {
        return client.preparedQuery("SELECT warehouse_id, sku_id, bin FROM stock_bin WHERE merchant_id = $1")
                .execute(Tuple.of(merchantId)).map(rows -> {
                    Map<String, String> bins = new HashMap<>();
                    for (Row row : rows) {
                        bins.put(row.getUUID("warehouse_id") + "/" + row.getUUID("sku_id"), row.getString("bin"));
                    }
                    return bins;
                });
    }

    /** Which of the orders are paid on delivery. */
    public Uni<java.util.Set<UUID>> cashOnDelivery(SqlClient client, Collection<UUID> orderIds) {
        return client.preparedQuery("SELECT id FROM customer_order WHERE id = ANY($1) AND payment_method = 'COD'")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new))).map(rows -> {
                    java.util.Set<UUID> cod = new java.util.HashSet<>();
                    rows.forEach(row -> cod.add(row.getUUID("id")));
                    return cod;
                });
    }

    public Uni<List<TemplateView>> templates(SqlClient client, UUID merchantId) {
        return client.preparedQuery("SELECT " + TEMPLATE_COLUMNS + " FROM waybill_template WHERE merchant_id = $1"
                        + " ORDER BY id")
                .execute(Tuple.of(merchantId)).map(DocumentRepository::templates);
    }

    public Uni<Optional<TemplateView>> template(SqlClient client, UUID merchantId, UUID id) {
        return client.preparedQuery("SELECT " + TEMPLATE_COLUMNS
                        + " FROM waybill_template WHERE merchant_id = $1 AND id = $2")
                .execute(Tuple.of(merchantId, id)).map(rows -> templates(rows).stream().findFirst());
    }

    public Uni<Optional<TemplateView>> defaultTemplate(SqlClient client, UUID merchantId) {
        return client.preparedQuery("SELECT " + TEMPLATE_COLUMNS
                        + " FROM waybill_template WHERE merchant_id = $1 AND is_default")
                .execute(Tuple.of(merchantId)).map(rows -> templates(rows).stream().findFirst());
    }

    /** Inserts a template; a new default takes over from the old one. */
    public Uni<Void> insertTemplate(SqlClient client, UUID merchantId, TemplateView template) {
        JsonArray fields = new JsonArray();
        template.fields().forEach(field -> fields.add(field.name()));
        Uni<Void> clearDefault = template.isDefault()
                ? client.preparedQuery("UPDATE waybill_template SET is_default = false WHERE merchant_id = $1"
                        + " AND is_default").execute(Tuple.of(merchantId)).replaceWithVoid()
                : Uni.createFrom().voidItem();
        return clearDefault.chain(() -> client.preparedQuery("""
                        INSERT INTO waybill_template (id, merchant_id, name, paper_size, fields, is_default, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(new Object[] {template.id(), merchantId, template.name(),
                        template.paperSize().name(), fields, template.isDefault(),
                        template.createdAt().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid());
    }

    public Uni<Boolean> deleteTemplate(SqlClient client, UUID merchantId, UUID id) {
        return client.preparedQuery("DELETE FROM waybill_template WHERE id = $1 AND merchant_id = $2"
                        + " AND NOT EXISTS (SELECT 1 FROM document_print WHERE template_id = $1)")
                .execute(Tuple.of(id, merchantId)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> audit(SqlClient client, UUID id, UUID merchantId, DocumentKind kind, UUID templateId,
                           List<UUID> parcelIds, int pages, String by, Instant at) {
        return client.preparedQuery("""
                        INSERT INTO document_print (id, merchant_id, kind, template_id, parcel_ids, pages, printed_by,
                                                    printed_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(new Object[] {id, merchantId, kind.name(), templateId,
                        parcelIds.toArray(UUID[]::new), pages, by, at.atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    private static List<TemplateView> templates(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<TemplateView> templates = new ArrayList<>();
        for (Row row : rows) {
            List<WaybillField> fields = new JsonArray(row.getString("fields")).stream()
                    .map(field -> WaybillField.valueOf(field.toString())).toList();
            templates.add(new TemplateView(row.getUUID("id"), row.getString("name"),
                    PaperSize.valueOf(row.getString("paper_size")), fields, row.getBoolean("is_default"),
                    row.getOffsetDateTime("created_at").toInstant()));
        }
        return templates;
    }
}
