package io.flashorder.pricing.engine;

import io.flashorder.platform.money.Money;
import io.flashorder.pricing.model.Campaign;
import io.flashorder.pricing.model.Coupon;
import io.flashorder.pricing.model.CouponState;
import io.flashorder.pricing.model.CouponTemplate;
import io.flashorder.pricing.model.PercentOffPromotion;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.model.Sku;
import io.flashorder.pricing.model.SpendThresholdPromotion;
import io.flashorder.pricing.model.ThresholdTier;
import io.flashorder.pricing.model.TimeWindow;
import io.flashorder.pricing.quote.CartLine;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.Discount;
import io.flashorder.pricing.quote.LineQuote;
import io.flashorder.pricing.quote.MerchantOrderQuote;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.RuleKind;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Small builders so each worked example reads like its arithmetic. All money is CNY minor units (fen). Ids are named
 * ("sku-a1", "m-a") and turned into the same UUID each time by {@link #id}, so examples stay readable.
 */
final class Fixtures {

    static final String CNY = "CNY";
    static final Instant NOW = Instant.parse("2026-06-18T12:00:00Z");
    static final TimeWindow LIVE = new TimeWindow(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
    static final TimeWindow ENDED = new TimeWindow(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)));
    static final TimeWindow FUTURE = new TimeWindow(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)));
    static final String BUYER = "user-1";
    static final String REGION = "CN-31";

    private Fixtures() {
    }

    /**
     * The UUID a readable name (at most 16 ASCII characters) stands for: its bytes, zero-padded. Different names give
     * different ids, and ids sort as their names do, so every order the engine keeps by id (lines, merchant orders,
     * promotions, coupons) is the order of the names in the examples.
     */
    static UUID id(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > 16) {
            throw new IllegalArgumentException("a test id name has at most 16 characters: " + name);
        }
        ByteBuffer padded = ByteBuffer.wrap(Arrays.copyOf(bytes, 16));
        return new UUID(padded.getLong(), padded.getLong());
    }

    static Money cny(long fen) {
        return Money.of(fen, CNY);
    }

    static Sku sku(String skuId, String merchantId, long priceFen, int weightGrams) {
        return new Sku(id(skuId), id(merchantId), cny(priceFen), weightGrams, true);
    }

    /** A flat fee with no weight steps that matter and no free shipping, for tests about something else. */
    static ShippingTemplate flatShipping(String merchantId, long feeFen) {
        return new ShippingTemplate(id("ship-" + merchantId), id(merchantId), ShippingTemplate.ANY_REGION,
                1_000_000, cny(feeFen), 1_000, cny(0), null);
    }

    static ShippingTemplate shipping(String templateId, String merchantId, String region, int firstGrams,
                                     long firstFen, int stepGrams, long stepFen, Long freeFromFenOrNull) {
        return new ShippingTemplate(id(templateId), id(merchantId), region, firstGrams, cny(firstFen), stepGrams, cny(stepFen),
                freeFromFenOrNull == null ? null : cny(freeFromFenOrNull));
    }

    /** @param prices by SKU name */
    static Campaign campaign(String campaignId, TimeWindow window, Map<String, Money> prices) {
        Map<UUID, Money> bySku = new HashMap<>();
        prices.forEach((sku, price) -> bySku.put(id(sku), price));
        return new Campaign(id(campaignId), "Flash sale " + campaignId, window, bySku);
    }

    static PercentOffPromotion percentOff(String promotionId, String merchantId, int bp, TimeWindow window,
                                          String... skuIds) {
        return new PercentOffPromotion(id(promotionId), id(merchantId), promotionId + " " + bp / 100 + "% off", window,
                Arrays.stream(skuIds).map(Fixtures::id).collect(Collectors.toSet()), bp);
    }

    static SpendThresholdPromotion threshold(String promotionId, String merchantId, TimeWindow window,
                                             long... spendThenReductionFen) {
        ThresholdTier[] tiers = new ThresholdTier[spendThenReductionFen.length / 2];
        for (int i = 0; i < tiers.length; i++) {
            tiers[i] = new ThresholdTier(cny(spendThenReductionFen[2 * i]), cny(spendThenReductionFen[2 * i + 1]));
        }
        return new SpendThresholdPromotion(id(promotionId), id(merchantId), promotionId + " spend & save", window,
                List.of(tiers));
    }

    static CouponTemplate fixedCoupon(String templateId, String merchantIdOrNull, long offFen, Long minSpendFen) {
        return CouponTemplate.fixed(id(templateId), templateId + " coupon", idOrNull(merchantIdOrNull), cny(offFen),
                minSpendFen == null ? null : cny(minSpendFen), LIVE, 1_000);
    }

    static CouponTemplate percentCoupon(String templateId, String merchantIdOrNull, int bp, Long capFen,
                                        Long minSpendFen) {
        return CouponTemplate.percent(id(templateId), templateId + " coupon", idOrNull(merchantIdOrNull), bp,
                capFen == null ? null : cny(capFen), minSpendFen == null ? null : cny(minSpendFen), LIVE, 1_000);
    }

    static Coupon owned(String couponId, String templateId) {
        return new Coupon(id(couponId), id(templateId), BUYER, CouponState.AVAILABLE);
    }

    static UUID idOrNull(String nameOrNull) {
        return nameOrNull == null ? null : id(nameOrNull);
    }

    static CartLine line(String skuId, int quantity) {
        return new CartLine(idOrNull(skuId), quantity);
    }

    static CartRequest cart(CartLine... lines) {
        return new CartRequest(BUYER, null, null, REGION, Arrays.asList(lines), List.of());
    }

    static CartRequest withTier(CartRequest cart, String tier) {
        return new CartRequest(cart.buyerUserId(), tier, cart.campaignId(), cart.regionCode(), cart.lines(),
                cart.couponIds());
    }

    static CartRequest withCampaign(CartRequest cart, String campaignId) {
        return new CartRequest(cart.buyerUserId(), cart.memberTier(), id(campaignId), cart.regionCode(), cart.lines(),
                cart.couponIds());
    }

    static CartRequest withCoupons(CartRequest cart, String... couponIds) {
        return new CartRequest(cart.buyerUserId(), cart.memberTier(), cart.campaignId(), cart.regionCode(),
                cart.lines(), Arrays.stream(couponIds).map(Fixtures::id).toList());
    }

    static CartRequest withRegion(CartRequest cart, String region) {
        return new CartRequest(cart.buyerUserId(), cart.memberTier(), cart.campaignId(), region, cart.lines(),
                cart.couponIds());
    }

    static PriceQuote price(PricingSnapshot snapshot, CartRequest cart) {
        return new PricingEngine().price(snapshot, cart, NOW);
    }

    static LineQuote lineOf(PriceQuote quote, String skuId) {
        return quote.merchantOrders().stream().flatMap(o -> o.lines().stream())
                .filter(l -> l.skuId().equals(id(skuId))).findFirst().orElseThrow();
    }

    static MerchantOrderQuote orderOf(PriceQuote quote, String merchantId) {
        return quote.merchantOrders().stream().filter(o -> o.merchantId().equals(id(merchantId))).findFirst()
                .orElseThrow();
    }

    /** The amount one rule took off a line, 0 when it took nothing. */
    static long discountOn(LineQuote line, RuleKind kind) {
        return line.discounts().stream().filter(d -> d.kind() == kind).mapToLong(Discount::amount).sum();
    }
}
