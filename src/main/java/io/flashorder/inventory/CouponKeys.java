package io.flashorder.inventory;


import java.util.UUID;
/**
 * Redis layout of claimed coupons, in the {@code {p}} partition so the checkout's reservation script can touch a
 * coupon in the same slot as the stock it reserves. Pricing writes a coupon when it is claimed; the order scripts
 * (reserve, commit, release, revive) lock, use or free it, so the layout lives here, beside the stock keys.
 * <ul>
 *   <li>{@code coupon:{p}:<couponId>} hash: {@value #OWNER} (user id), {@value #TEMPLATE_ID}, {@value #STATE}
 *       ({@code AVAILABLE}; the checkout's reservation sets {@code LOCKED} and {@value #ORDER_ID}, payment sets
 *       {@code USED}). Written once when the claim commits. Redis is the authority for the state; EXPIRED is never
 *       stored, it follows from the template's validity.</li>
 * </ul>
 */
public final class CouponKeys {

    public static final String OWNER = "owner";
    public static final String TEMPLATE_ID = "templateId";
    public static final String STATE = "state";
    public static final String ORDER_ID = "orderId";

    private CouponKeys() {
    }

    public static String coupon(String couponId) {
        return "coupon:{p}:" + couponId;
    }

    public static String coupon(UUID couponId) {
        return coupon(couponId.toString());
    }
}
