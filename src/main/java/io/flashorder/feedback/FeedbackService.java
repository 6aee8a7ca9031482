package io.flashorder.feedback;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.order.MerchantOrderProgress;
import io.flashorder.order.PlacedOrder;
import io.flashorder.order.StoredOrder;
import io.flashorder.order.query.OrderQueries;
import io.flashorder.platform.Ids;
import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.platform.sql.Transactions;
import io.flashorder.security.PiiText;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Buyer feedback on completed merchant orders: one rating per merchant order within the feedback window, one
 * reply by its merchant, and the rollups per merchant and SKU counted up in the rating's own transaction. Comments
 * and replies are masked of personal data before they are stored.
 */
@ApplicationScoped
public class FeedbackService {

    private final Pool pool;
    private final FeedbackRepository ratings;
    private final FeedbackRollups rollups;
    private final OrderQueries orders;
    private final CatalogSnapshotService catalog;
    private final FeedbackConfig config;
    private final Clock clock;

    public FeedbackService(Pool pool, FeedbackRepository ratings, FeedbackRollups rollups, OrderQueries orders,
                           CatalogSnapshotService catalog, FeedbackConfig config, Clock clock) {
        this.pool = pool;
        this.ratings = ratings;
        this.rollups = rollups;
        this.orders = orders;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    /** Rates one of the buyer's merchant orders; another buyer's or an unknown one answers 404. */
    @Timeout(10_000)
    public Uni<FeedbackView> submit(String buyerId, UUID orderId, UUID merchantOrderId, FeedbackRequest request) {
        List<FeedbackTag> tags = distinct(request.tagList());
        String comment = masked(request.comment());
        return orders.stored(orderId).chain(found -> {
            PlacedOrder.MerchantPart part = found.filter(stored -> stored.order().buyerId().equals(buyerId))
                    .flatMap(stored -> partOf(stored, merchantOrderId))
                    .orElseThrow(() -> ApiException.notFound("merchant-order", merchantOrderId));
            MerchantOrderProgress progress = found.get().progress().get(merchantOrderId);
            Instant now = clock.instant();
            new FeedbackWindow(config.window()).check(progress == null ? null : progress.completedAt(), now);
            List<UUID> skuIds = part.lines().stream().map(PlacedOrder.Line::skuId).distinct().toList();
            FeedbackView rating = new FeedbackView(Ids.newId(), orderId, merchantOrderId, part.merchantId(), skuIds,
                    request.goods(), request.service(), request.delivery(), tags, comment, null, null, now);
            return inTransaction(tx -> ratings.insert(tx, rating, buyerId).chain(inserted -> {
                if (inserted.isEmpty()) {
                    throw ApiException.conflict("feedback-already-given", "This merchant order was rated already");
                }
                return rollups.add(tx, part.merchantId(), skuIds, rating.goods(), rating.service(),
                        rating.delivery(), tags).replaceWith(inserted.get());
            }));
        });
    }

    @Timeout(5_000)
    public Uni<FeedbackView> ofBuyer(String buyerId, UUID orderId, UUID merchantOrderId) {
        return pool.withConnection(c -> ratings.ofBuyer(c, orderId, merchantOrderId, buyerId))
                .map(found -> found.orElseThrow(() -> ApiException.notFound("feedback", merchantOrderId)));
    }

    /** The merchant's one reply; a rating of another merchant answers 404, a second reply 409. */
    @Timeout(5_000)
    public Uni<FeedbackView> reply(UUID merchantId, UUID feedbackId, ReplyRequest request) {
        String reply = masked(request.text());
        return inTransaction(tx -> ratings.reply(tx, feedbackId, merchantId, reply, clock.instant())
                .chain(replied -> replied.isPresent() ? Uni.createFrom().item(replied.get())
                        : ratings.ofMerchant(tx, feedbackId, merchantId).map(existing -> {
                            throw existing.isPresent()
                                    ? ApiException.conflict("reply-already-given", "This rating has a reply already")
                                    : ApiException.notFound("feedback", feedbackId);
                        })));
    }

    @Timeout(5_000)
    public Uni<Page<FeedbackView>> ofMerchant(UUID merchantId, PageRequest page) {
        return pool.withConnection(c -> ratings.pageOfMerchant(c, merchantId, page))
                .map(rows -> Page.of(rows, page, FeedbackView::id, Function.identity()));
    }

    @Timeout(5_000)
    public Uni<FeedbackView> ofMerchant(UUID merchantId, UUID feedbackId) {
        return pool.withConnection(c -> ratings.ofMerchant(c, feedbackId, merchantId))
                .map(found -> found.orElseThrow(() -> ApiException.notFound("feedback", feedbackId)));
    }

    /** A merchant's summary, from its rollup (zero ratings for a merchant nobody rated yet). */
    @Timeout(5_000)
    public Uni<RatingSummary> merchantSummary(UUID merchantId) {
        return pool.withConnection(c -> rollups.summary(c, merchantId, null));
    }

    /** A SKU's summary for whoever the scope allows: a merchant only its own SKUs (another's: 404). */
    @Timeout(5_000)
    public Uni<RatingSummary> skuSummary(MerchantScope scope, UUID skuId) {
        Optional<CatalogSnapshot.SkuInfo> sku = catalog.current().sku(skuId)
                .filter(found -> scope.allows(found.merchantId()));
        if (sku.isEmpty()) {
            return Uni.createFrom().failure(ApiException.notFound("sku", skuId));
        }
        return pool.withConnection(c -> rollups.summary(c, sku.get().merchantId(), skuId));
    }

    private <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return Transactions.withStatementTimeout(pool, Duration.ofMillis(config.statementTimeoutMillis()), work);
    }

    private static Optional<PlacedOrder.MerchantPart> partOf(StoredOrder stored, UUID merchantOrderId) {
        return stored.order().merchantOrders().stream().filter(part -> part.id().equals(merchantOrderId)).findFirst();
    }

    private static List<FeedbackTag> distinct(List<FeedbackTag> tags) {
        if (new HashSet<>(tags).size() != tags.size()) {
            throw ApiException.invalidField("tags", "must not repeat a tag");
        }
        return tags;
    }

    /** Blank text is no text; the rest is stored masked, never raw. */
    private static String masked(String text) {
        return text == null || text.isBlank() ? null : PiiText.mask(text.strip());
    }
}
