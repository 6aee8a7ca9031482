package io.flashorder.feedback;

import io.flashorder.order.MerchantOrderProgress;
import io.flashorder.platform.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The stored ratings ({@code merchant_order_feedback}). */
@ApplicationScoped
public class FeedbackRepository {

    private static final String COLUMNS = """
            id, order_id, merchant_order_id, merchant_id, sku_ids, goods, service, delivery, tags, comment, reply,
            replied_at, created_at""";
    /** Inserts nothing when the merchant order was rated already (a second submit, concurrent or not). */
    private static final String INSERT = """
            INSERT INTO merchant_order_feedback (id, order_id, merchant_order_id, merchant_id, buyer_id, sku_ids, goods,
                service, delivery, tags, comment, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (merchant_order_id) DO NOTHING
            RETURNING\s""" + COLUMNS;
    private static final String BY_MERCHANT_ORDER = "SELECT " + COLUMNS
            + " FROM merchant_order_feedback WHERE order_id = $1 AND merchant_order_id = $2 AND buyer_id = $3";
    private static final String REPLY = """
            UPDATE merchant_order_feedback SET reply = $3, replied_at = $4
            WHERE id = $1 AND merchant_id = $2 AND reply IS NULL
            RETURNING\s""" + COLUMNS;
    private static final String OF_MERCHANT = "SELECT " + COLUMNS
            + " FROM merchant_order_feedback WHERE id = $1 AND merchant_id = $2";
    private static final String PAGE_OF_MERCHANT = "SELECT " + COLUMNS
            + " FROM merchant_order_feedback WHERE merchant_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3";
    private static final UUID NEWEST = new UUID(-1L, -1L);

    /** The new rating, or empty if its merchant order has one already. */
    public Uni<Optional<FeedbackView>> insert(SqlConnection tx, FeedbackView rating, String buyerId) {
        return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {rating.id(), rating.orderId(),
                        rating.merchantOrderId(), rating.merchantId(), buyerId, rating.skuIds().toArray(UUID[]::new),
                        (short) rating.goods(), (short) rating.service(), (short) rating.delivery(),
                        rating.tags().stream().map(Enum::name).toArray(String[]::new), rating.comment(),
                        rating.createdAt().atOffset(ZoneOffset.UTC)}))
                .map(FeedbackRepository::first);
    }

    public Uni<Optional<FeedbackView>> ofBuyer(SqlClient client, UUID orderId, UUID merchantOrderId, String buyerId) {
        return client.preparedQuery(BY_MERCHANT_ORDER).execute(Tuple.of(orderId, merchantOrderId, buyerId))
                .map(FeedbackRepository::first);
    }

    public Uni<Optional<FeedbackView>> ofMerchant(SqlClient client, UUID id, UUID merchantId) {
        return client.preparedQuery(OF_MERCHANT).execute(Tuple.of(id, merchantId)).map(FeedbackRepository::first);
    }

    /** Stores the reply if there is none yet; empty when the rating is unknown, another's, or replied to. */
    public Uni<Optional<FeedbackView>> reply(SqlConnection tx, UUID id, UUID merchantId, String reply, Instant at) {
        return tx.preparedQuery(REPLY).execute(Tuple.of(id, merchantId, reply, at.atOffset(ZoneOffset.UTC)))
                .map(FeedbackRepository::first);
    }

    /** Newest first, one row more than the page shows. */
    public Uni<List<FeedbackView>> pageOfMerchant(SqlClient client, UUID merchantId, PageRequest page) {
        return client.preparedQuery(PAGE_OF_MERCHANT)
                .execute(Tuple.of(merchantId, page.after().orElse(NEWEST), page.fetchSize()))
                .map(rows -> {
                    List<FeedbackView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    private static Optional<FeedbackView> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next()));
    }

    private static FeedbackView view(Row row) {
        return new FeedbackView(row.getUUID("id"), row.getUUID("order_id"), row.getUUID("merchant_order_id"),
                row.getUUID("merchant_id"), List.of(row.getArrayOfUUIDs("sku_ids")), row.getShort("goods"),
                row.getShort("service"), row.getShort("delivery"),
                Arrays.stream(row.getArrayOfStrings("tags")).map(FeedbackTag::valueOf).toList(),
                row.getString("comment"), row.getString("reply"),
                MerchantOrderProgress.instant(row.getOffsetDateTime("replied_at")),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
