package io.flashorder.pricing.engine;

import io.flashorder.platform.Ids;
import io.flashorder.platform.money.Money;
import io.flashorder.pricing.model.Coupon;
import io.flashorder.pricing.model.CouponScope;
import io.flashorder.pricing.model.CouponTemplate;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.PricingError;
import io.flashorder.pricing.quote.PricingException;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * Checks the coupons of a cart: each exists, belongs to the buyer, is AVAILABLE and within its validity
 * window, applies to this cart, and at most one is platform-wide and one per merchant. Coupons are checked
 * in couponId order so the one reported does not depend on request order. The minimum spend is checked
 * later, when the coupon applies, because it depends on the discounts before it.
 */
final class CouponResolver {

    private CouponResolver() {
    }

    /** Attaches each merchant coupon to its {@link MerchantCart} and returns the platform coupon, or null. */
    static AcceptedCoupon resolve(PricingSnapshot snapshot, Map<UUID, Coupon> buyerCoupons, CartRequest cart,
                                  Instant at, String currency,
                                  MerchantCart[] merchants) {
        if (cart.couponIds().isEmpty()) {
            return null;
        }
        UUID[] ids = cart.couponIds().toArray(new UUID[0]);
        for (UUID id : ids) {
            if (id == null) {
                throw new PricingException(PricingError.COUPON_NOT_FOUND, null, "a coupon id is missing");
            }
        }
        Arrays.sort(ids, Ids.TEXT_ORDER);
        AcceptedCoupon platformCoupon = null;
        for (int i = 0; i < ids.length; i++) {
            if (i > 0 && ids[i].equals(ids[i - 1])) {
                throw new PricingException(PricingError.DUPLICATE_COUPON, ids[i], "the coupon is listed twice");
            }
            AcceptedCoupon accepted = check(snapshot, buyerCoupons, ids[i], cart.buyerUserId(), at, currency);
            CouponTemplate template = accepted.template();
            if (template.scope() == CouponScope.PLATFORM) {
                if (platformCoupon != null) {
                    throw new PricingException(PricingError.TOO_MANY_COUPONS, ids[i],
                            "at most one platform coupon per order");
                }
                platformCoupon = accepted;
            } else {
                MerchantCart merchant = find(merchants, template.merchantId());
                if (merchant == null) {
                    throw new PricingException(PricingError.COUPON_NOT_APPLICABLE, ids[i],
                            "the cart has nothing from merchant " + template.merchantId());
                }
                if (merchant.coupon != null) {
                    throw new PricingException(PricingError.TOO_MANY_COUPONS, ids[i],
                            "at most one coupon per merchant per order");
                }
                merchant.coupon = accepted;
            }
        }
        return platformCoupon;
    }

    private static AcceptedCoupon check(PricingSnapshot snapshot, Map<UUID, Coupon> buyerCoupons, UUID couponId,
                                        String buyerUserId, Instant at,
                                        String currency) {
        Coupon coupon = buyerCoupons.get(couponId);
        if (coupon == null) {
            throw new PricingException(PricingError.COUPON_NOT_FOUND, couponId, "no such coupon");
        }
        // Ownership first, so nobody learns the state of someone else's coupon.
        if (!coupon.ownerUserId().equals(buyerUserId)) {
            throw new PricingException(PricingError.COUPON_NOT_OWNED, couponId, "the coupon belongs to someone else");
        }
        switch (coupon.state()) {
            case AVAILABLE -> { }
            case LOCKED -> throw new PricingException(PricingError.COUPON_LOCKED, couponId,
                    "the coupon is held by another order awaiting payment");
            case USED -> throw new PricingException(PricingError.COUPON_USED, couponId, "the coupon was used");
            case EXPIRED -> throw new PricingException(PricingError.COUPON_EXPIRED, couponId, "the coupon expired");
        }
        CouponTemplate template = snapshot.couponTemplates().get(coupon.templateId());
        if (template == null) {
            throw new PricingException(PricingError.COUPON_NOT_FOUND, couponId, "the coupon's template is gone");
        }
        if (at.isBefore(template.validity().startsAt())) {
            throw new PricingException(PricingError.COUPON_NOT_YET_VALID, couponId,
                    "the coupon is valid from " + template.validity().startsAt());
        }
        if (template.validity().hasEnded(at)) {
            throw new PricingException(PricingError.COUPON_EXPIRED, couponId,
                    "the coupon was valid until " + template.validity().endsAt());
        }
        if (!inCurrency(template.fixedAmount(), currency) || !inCurrency(template.percentCap(), currency)
                || !inCurrency(template.minSpend(), currency)) {
            throw new PricingException(PricingError.MIXED_CURRENCY, couponId,
                    "the coupon is not in the cart's currency " + currency);
        }
        return new AcceptedCoupon(coupon, template);
    }

    private static MerchantCart find(MerchantCart[] merchants, UUID merchantId) {
        for (MerchantCart merchant : merchants) {
            if (merchant.merchantId.equals(merchantId)) {
                return merchant;
            }
        }
        return null;
    }

    private static boolean inCurrency(Money amountOrNull, String currency) {
        return amountOrNull == null || amountOrNull.hasCurrency(currency);
    }
}
