package io.flashorder.feedback;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rating rollups per merchant and per SKU, counted up in the transaction that stores each rating. Rows are
 * upserted in one fixed order (the statements sort by scope, then dimension or tag), so two ratings of one
 * merchant never deadlock.
 */
@ApplicationScoped
public class FeedbackRollups {

    static final String GOODS = "GOODS";
    static final String SERVICE = "SERVICE";
    static final String DELIVERY = "DELIVERY";
    /** The scope of a merchant's rollup rows, beside one row set per SKU. */
    static final UUID WHOLE_MERCHANT = new UUID(0L, 0L);

    private static final String ADD_STARS = """
            INSERT INTO feedback_star_rollup (merchant_id, sku_id, dimension, stars, ratings)
            SELECT $1, scope, dimension, stars, 1
            FROM unnest($2::uuid[]) AS s(scope)
                 CROSS JOIN unnest($3::text[], $4::smallint[]) AS d(dimension, stars)
            ORDER BY scope, dimension
            ON CONFLICT (merchant_id, sku_id, dimension, stars)
                DO UPDATE SET ratings = feedback_star_rollup.ratings + 1""";
    private static final String ADD_TAGS = """
            INSERT INTO feedback_tag_rollup (merchant_id, sku_id, tag, ratings)
            SELECT $1, scope, tag, 1
            FROM unnest($2::uuid[]) AS s(scope) CROSS JOIN unnest($3::text[]) AS t(tag)
            ORDER BY scope, tag
            ON CONFLICT (merchant_id, sku_id, tag) DO UPDATE SET ratings = feedback_tag_rollup.ratings + 1""";
    private static final String STARS = """
            SELECT dimension, stars, ratings FROM feedback_star_rollup WHERE merchant_id = $1 AND sku_id = $2""";
    private static final String TAGS = """
            SELECT tag, ratings FROM feedback_tag_rollup WHERE merchant_id = $1 AND sku_id = $2""";

    /** Counts one rating in its merchant's rollup and in each of its SKUs' rollups. */
    public Uni<Void> add(SqlConnection tx, UUID merchantId, List<UUID> skuIds, int goods, int service, int delivery,
                         List<FeedbackTag> tags) {
        UUID[] scopes = scopes(skuIds);
        Uni<Void> stars = tx.preparedQuery(ADD_STARS).execute(Tuple.of(merchantId, scopes,
                        new String[] {DELIVERY, GOODS, SERVICE},
                        new Short[] {(short) delivery, (short) goods, (short) service}))
                .replaceWithVoid();
        if (tags.isEmpty()) {
            return stars;
        }
        String[] tagNames = tags.stream().map(Enum::name).sorted().toArray(String[]::new);
        return stars.chain(() -> tx.preparedQuery(ADD_TAGS).execute(Tuple.of(merchantId, scopes, tagNames)))
                .replaceWithVoid();
    }

    /** The summary of a merchant ({@code skuId} null) or of one of its SKUs. */
    public Uni<RatingSummary> summary(SqlClient client, UUID merchantId, UUID skuId) {
        Tuple scope = Tuple.of(merchantId, skuId == null ? WHOLE_MERCHANT : skuId);
        return client.preparedQuery(STARS).execute(scope).chain(starRows -> {
            List<RatingSummary.StarCount> stars = new ArrayList<>();
            starRows.forEach(row -> stars.add(new RatingSummary.StarCount(row.getString("dimension"),
                    row.getShort("stars"), row.getLong("ratings"))));
            return client.preparedQuery(TAGS).execute(scope).map(tagRows -> {
                Map<FeedbackTag, Long> tags = new EnumMap<>(FeedbackTag.class);
                tagRows.forEach(row -> tags.put(FeedbackTag.valueOf(row.getString("tag")), row.getLong("ratings")));
                return RatingSummary.of(merchantId, skuId, stars, tags);
            });
        });
    }

    /** The merchant's scope and each distinct SKU (the statements sort them). */
    private static UUID[] scopes(List<UUID> skuIds) {
        List<UUID> scopes = new ArrayList<>();
        scopes.add(WHOLE_MERCHANT);
        skuIds.stream().distinct().forEach(scopes::add);
        return scopes.toArray(UUID[]::new);
    }
}
