package io.flashorder.pricing.engine;

import io.flashorder.platform.money.Money;
import io.flashorder.pricing.model.Coupon;
import io.flashorder.pricing.model.CouponState;
import io.flashorder.pricing.model.CouponTemplate;
import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.model.PercentOffPromotion;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.model.Sku;
import io.flashorder.pricing.model.SpendThresholdPromotion;
import io.flashorder.pricing.model.ThresholdTier;
import io.flashorder.pricing.model.TimeWindow;
import io.flashorder.pricing.quote.CartLine;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.PriceQuote;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Single-thread throughput of {@link PricingEngine}: a 5-line cart over 2 merchants with a member tier,
 * a percentage-off and a spend-threshold promotion, a merchant coupon and a platform coupon, priced against a
 * 10,000-SKU catalog. Plain Java (no JMH): warm-up rounds, then measured rounds; prints the median.
 * Not named *Test, so surefire skips it; run it with {@code load-tests/pricing-bench.sh}.
 *
 * <p>Arguments: {@code [warmupRounds=5] [measuredRounds=7] [roundMillis=1000]}.
 */
public final class PricingBenchmark {

    private static final String CNY = "CNY";
    private static final Instant NOW = Instant.parse("2026-06-18T12:00:00Z");
    private static final TimeWindow LIVE = new TimeWindow(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
    private static final int CATALOG_SKUS = 10_000;
    /** The cart's SKUs: m-0 sells the even ones, m-1 the odd ones. */
    private static final Map<String, Long> CART_PRICES = Map.of(
            "sku-00042", 89_00L, "sku-00056", 45_50L, "sku-00001", 129_00L, "sku-00007", 199_00L, "sku-00099", 35_90L);

    /** Written after each round so the JIT cannot drop the work as dead code. */
    private static volatile long sink;

    private PricingBenchmark() {
    }

    public static void main(String[] args) {
        int warmupRounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int measuredRounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long roundNanos = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 1_000).toNanos();

        PricingSnapshot snapshot = snapshot();
        CartRequest cart = cart();
        PricingEngine engine = new PricingEngine();
        PriceQuote quote = engine.price(snapshot, cart, NOW);
        System.out.printf("cart: %d lines, %d merchants, %d rules applied, payable %d %s%n",
                cart.lines().size(), quote.merchantOrders().size(), quote.appliedRules().size(),
                quote.totals().payable(), quote.currency());

        for (int r = 1; r <= warmupRounds; r++) {
            System.out.printf("warm-up  %d: %,12.0f prices/s%n", r, round(engine, snapshot, cart, roundNanos));
        }
        double[] rates = new double[measuredRounds];
        for (int r = 0; r < measuredRounds; r++) {
            rates[r] = round(engine, snapshot, cart, roundNanos);
            System.out.printf("measured %d: %,12.0f prices/s%n", r + 1, rates[r]);
        }
        Arrays.sort(rates);
        double median = measuredRounds % 2 == 1 ? rates[measuredRounds / 2]
                : (rates[measuredRounds / 2 - 1] + rates[measuredRounds / 2]) / 2;
        System.out.printf("median: %,.0f prices/s on one thread (min %,.0f, max %,.0f)%n",
                median, rates[0], rates[measuredRounds - 1]);
    }

    /** Prices the cart repeatedly for about {@code roundNanos}; returns prices per second. */
    private static double round(PricingEngine engine, PricingSnapshot snapshot, CartRequest cart, long roundNanos) {
        long start = System.nanoTime();
        long deadline = start + roundNanos;
        long count = 0;
        long checksum = 0;
        long now;
        do {
            for (int i = 0; i < 256; i++) {
                checksum += engine.price(snapshot, cart, NOW).totals().payable();
            }
            count += 256;
            now = System.nanoTime();
        } while (now < deadline);
        sink = checksum;
        return count * 1e9 / (now - start);
    }

    private static CartRequest cart() {
        return new CartRequest("user-1", "GOLD", null, "CN-31",
                List.of(new CartLine(Fixtures.id("sku-00042"), 2), new CartLine(Fixtures.id("sku-00007"), 1), new CartLine(Fixtures.id("sku-00099"), 3),
                        new CartLine(Fixtures.id("sku-00001"), 1), new CartLine(Fixtures.id("sku-00056"), 4)),
                List.of(Fixtures.id("cp-platform"), Fixtures.id("cp-m-0")));
    }

    private static PricingSnapshot snapshot() {
        PricingSnapshot.Builder builder = PricingSnapshot.builder();
        for (int i = 0; i < CATALOG_SKUS; i++) {
            String merchantId = "m-" + (i % 2 == 0 ? 0 : 1) + (i < 100 ? "" : "-" + i / 100);
            String skuId = String.format("sku-%05d", i);
            long price = CART_PRICES.getOrDefault(skuId, 1_00 + (i * 37L) % 50_000);
            builder.sku(new Sku(Fixtures.id(skuId), Fixtures.id(merchantId), money(price), 50 + (i * 13) % 2_000, true));
        }
        for (int m = 0; m < 2; m++) {
            String merchantId = "m-" + m;
            builder.promotion(new PercentOffPromotion(Fixtures.id("pct-" + m), Fixtures.id(merchantId), "Summer 10% off", LIVE,
                    Set.of(Fixtures.id("sku-00042"), Fixtures.id("sku-00056"), Fixtures.id("sku-00007"), Fixtures.id("sku-00099")), 1_000));
            builder.promotion(new SpendThresholdPromotion(Fixtures.id("thr-" + m), Fixtures.id(merchantId), "Spend & save", LIVE, List.of(
                    new ThresholdTier(money(200_00), money(20_00)), new ThresholdTier(money(500_00), money(60_00)))));
            builder.shippingTemplate(new ShippingTemplate(Fixtures.id("ship-" + m), Fixtures.id(merchantId), "CN-31", 1_000, money(10_00), 500,
                    money(5_00), money(300_00)));
            builder.shippingTemplate(new ShippingTemplate(Fixtures.id("ship-any-" + m), Fixtures.id(merchantId), ShippingTemplate.ANY_REGION,
                    1_000, money(20_00), 500, money(8_00), null));
        }
        builder.memberTier(new MemberTier("GOLD", "Gold member 5% off", 500))
                .memberTier(new MemberTier("SILVER", "Silver member 2% off", 200))
                .couponTemplate(CouponTemplate.fixed(Fixtures.id("tpl-platform"), "Platform 30 off 300", null, money(30_00),
                        money(300_00), LIVE, 100_000))
                .couponTemplate(CouponTemplate.percent(Fixtures.id("tpl-m-0"), "Shop 8% off", Fixtures.id("m-0"), 800, money(25_00), null,
                        LIVE, 10_000))
                .coupon(new Coupon(Fixtures.id("cp-platform"), Fixtures.id("tpl-platform"), "user-1", CouponState.AVAILABLE))
                .coupon(new Coupon(Fixtures.id("cp-m-0"), Fixtures.id("tpl-m-0"), "user-1", CouponState.AVAILABLE));
        return builder.build();
    }

    private static Money money(long fen) {
        return Money.of(fen, CNY);
    }
}
