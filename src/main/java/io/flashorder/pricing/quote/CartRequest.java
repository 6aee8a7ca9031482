package io.flashorder.pricing.quote;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * What the buyer asks to price. The engine validates it (and throws {@link PricingException}) rather than
 * trusting earlier layers, so nonsense never turns into a price. Null lists mean empty.
 *
 * @param buyerUserId the authenticated buyer (from the JWT), who must own every coupon
 * @param memberTier  the buyer's tier (from the JWT), or null for no tier
 * @param campaignId  the flash-sale campaign the buyer is buying in, or null
 * @param regionCode  destination region code, which picks each merchant's shipping template
 * @param lines       SKUs and quantities; order does not matter
 * @param couponIds   coupon instances to apply; order does not matter
 * @param points      member points to spend and the platform's rate and cap, or null for none
 */
public record CartRequest(String buyerUserId, String memberTier, UUID campaignId, String regionCode,
                          List<CartLine> lines, List<UUID> couponIds, PointsRedemption points) {

    public CartRequest {
        lines = immutableCopy(lines);
        couponIds = immutableCopy(couponIds);
    }

    /** A cart that spends no points. */
    public CartRequest(String buyerUserId, String memberTier, UUID campaignId, String regionCode,
                       List<CartLine> lines, List<UUID> couponIds) {
        this(buyerUserId, memberTier, campaignId, regionCode, lines, couponIds, null);
    }

    /** Unlike {@link List#copyOf}, keeps null elements so the engine can refuse them with a proper code. */
    private static <T> List<T> immutableCopy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
