package io.flashorder.review;

import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;

/**
 * Merchants' side of the review queue, when the platform allows it ({@code flashorder.review.merchant-decisions}; off:
 * 403). A merchant sees the reviews that hold one of its merchant orders (another merchant's review is a 404, as an
 * unknown one) and decides those whose whole order is its own, through the operators' paths (same guarded decision,
 * refunds and history), as {@code merchant:<id>}.
 */
@ApplicationScoped
public class MerchantReviewService {

    private final ReviewService reviews;
    private final ReviewRepository repository;
    private final Pool pool;
    private final ReviewConfig config;

    public MerchantReviewService(ReviewService reviews, ReviewRepository repository, Pool pool, ReviewConfig config) {
        this.reviews = reviews;
        this.repository = repository;
        this.pool = pool;
        this.config = config;
    }

    public Uni<Page<MerchantReviewView>> list(UUID merchantId, String status, PageRequest page) {
        requireAllowed();
        ReviewStatus filter = ReviewService.parseStatus(status);
        return pool.withConnection(c -> repository.listForMerchant(c, merchantId, filter, page))
                .map(rows -> Page.of(rows, page, ReviewView::orderId, view -> MerchantReviewView.of(view, merchantId)));
    }

    public Uni<MerchantReviewView> get(UUID merchantId, UUID orderId) {
        requireAllowed();
        return own(merchantId, orderId).map(view -> MerchantReviewView.of(view, merchantId));
    }

    public Uni<MerchantReviewView> approve(UUID merchantId, UUID orderId, String reason) {
        requireAllowed();
        return decidable(merchantId, orderId)
                .chain(() -> reviews.approve(orderId, actor(merchantId), reason))
                .map(view -> MerchantReviewView.of(view, merchantId));
    }

    public Uni<MerchantReviewView> reject(UUID merchantId, UUID orderId, String reason) {
        requireAllowed();
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalidField("reason", "a rejection says why");
        }
        return decidable(merchantId, orderId)
                .chain(() -> reviews.reject(orderId, actor(merchantId), reason))
                .map(view -> MerchantReviewView.of(view, merchantId));
    }

    private Uni<ReviewView> own(UUID merchantId, UUID orderId) {
        return reviews.get(orderId).map(view -> {
            if (!view.merchantIds().contains(merchantId)) {
                throw ApiException.notFound("review", orderId);
            }
            return view;
        });
    }

    private Uni<ReviewView> decidable(UUID merchantId, UUID orderId) {
        return own(merchantId, orderId).invoke(view -> {
            if (!MerchantReviewView.onlyOf(view, merchantId)) {
                throw ApiException.conflict("review-spans-merchants", "Order " + orderId
                        + " also holds other merchants' merchant orders: the platform's operators decide its review",
                        Map.of("orderId", orderId));
            }
        });
    }

    private void requireAllowed() {
        if (!config.merchantDecisions()) {
            throw ApiException.forbidden("merchant-review-disabled",
                    "The platform does not let merchants decide risk reviews; its operators do");
        }
    }

    private static String actor(UUID merchantId) {
        return "merchant:" + merchantId;
    }
}
