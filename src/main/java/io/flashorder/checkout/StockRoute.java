package io.flashorder.checkout;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.bucket.StockBuckets;
import io.flashorder.platform.error.ApiException;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Where an order's placement runs in Redis. An order with a line of a campaign item split into B > 1 stock buckets
 * runs in the buyer's home bucket slot (CRC-32 of the buyer id mod B, see {@link StockBuckets#homeOf}), and falls
 * back to the other buckets in ring order when home lacks the units; every other order runs in {@code {p}}, as always.
 *
 * @param buckets the bucket count of the order's split items (1: {@code {p}})
 * @param home    the buyer's home bucket slot ({@link OrderSlot#HOME} for {@code {p}})
 */
record StockRoute(int buckets, OrderSlot home) {

    static final StockRoute PARTITION = new StockRoute(1, OrderSlot.HOME);

    /** The route of an order of {@code skuIds} under {@code campaignId} (null: none) by {@code userId}. */
    static StockRoute of(String userId, UUID campaignId, Collection<UUID> skuIds, CatalogSnapshot catalog) {
        CatalogSnapshot.CampaignInfo campaign = campaignId == null ? null : catalog.campaign(campaignId).orElse(null);
        if (campaign == null) {
            return PARTITION;
        }
        int buckets = skuIds.stream().mapToInt(campaign::stockBuckets).max().orElse(1);
        return buckets == 1 ? PARTITION : new StockRoute(buckets, OrderSlot.of(StockBuckets.homeOf(userId, buckets)));
    }

    boolean bucketed() {
        return buckets > 1;
    }

    /** The other buckets, in the order a fallback asks them: at most B - 1. */
    List<OrderSlot> donors() {
        return StockBuckets.fallbacksOf(home.index(), buckets).stream().map(OrderSlot::of).toList();
    }

    /**
     * A bucketed order's keys live in bucket slots only, so it holds nothing whose keys live in {@code {p}}: only
     * items of its campaign split over the same buckets (their stock is in the same slots), no coupons, no points.
     * Refused with a 422 before anything is written.
     */
    void requirePlaceable(PlaceOrderRequest request, CatalogSnapshot catalog) {
        if (!bucketed()) {
            return;
        }
        CatalogSnapshot.CampaignInfo campaign = catalog.campaign(request.campaignId()).orElseThrow();
        for (PlaceOrderRequest.Item item : request.items()) {
            if (!campaign.pricesBySku().containsKey(item.skuId()) || campaign.stockBuckets(item.skuId()) != buckets) {
                throw ApiException.unprocessable("bucketed-order-mixed", "An order of an item whose stock is split "
                        + "over " + buckets + " buckets may hold only items of campaign " + campaign.id()
                        + " split the same way; SKU " + item.skuId() + " is not one: order it separately");
            }
        }
        if (!request.couponIdsOrEmpty().isEmpty()) {
            throw ApiException.unprocessable("bucketed-order-coupons", "Coupons cannot be used on an order of an item "
                    + "whose stock is split over buckets (campaign " + campaign.id() + ")");
        }
        if (request.pointsOrZero() > 0) {
            throw ApiException.unprocessable("bucketed-order-points", "Points cannot be spent on an order of an item "
                    + "whose stock is split over buckets (campaign " + campaign.id() + ")");
        }
    }
}
