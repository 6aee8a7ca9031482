package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.quote.MerchantOrderQuote;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.ShippingQuote;
import io.flashorder.pricing.quote.Totals;
import org.junit.jupiter.api.Test;

import static io.flashorder.pricing.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class ShippingTest {

    /** m-a ships to CN-31: first 1000 g for 10.00, then 5.00 per started 500 g, free from 150.00. */
    private static PricingSnapshot.Builder base() {
        return PricingSnapshot.builder()
                .sku(sku("sku-600g", "m-a", 40_00, 600))
                .sku(sku("sku-1kg", "m-a", 100_00, 1_000))
                .sku(sku("sku-1g", "m-a", 1_00, 1))
                .sku(sku("sku-light", "m-a", 160_00, 0))
                .sku(sku("sku-b", "m-b", 20_00, 2_000))
                .shippingTemplate(shipping("ship-a-sh", "m-a", "CN-31", 1_000, 10_00, 500, 5_00, 150_00L))
                .shippingTemplate(shipping("ship-a-any", "m-a", ShippingTemplate.ANY_REGION, 1_000, 25_00, 500, 9_00,
                        null))
                .shippingTemplate(shipping("ship-b-any", "m-b", ShippingTemplate.ANY_REGION, 500, 6_00, 1_000, 2_00,
                        null));
    }

    @Test
    void firstWeightCoversUpToItsGrams() {
        PriceQuote quote = price(base().build(), cart(line("sku-1kg", 1)));
        // 1000 g ≤ 1000 g → 10.00
        ShippingQuote shipping = orderOf(quote, "m-a").shipping();
        assertThat(shipping.templateId()).isEqualTo(id("ship-a-sh"));
        assertThat(shipping.weightGrams()).isEqualTo(1_000);
        assertThat(shipping.fee()).isEqualTo(10_00);
        assertThat(quote.totals()).isEqualTo(new Totals(100_00, 0, 10_00, 110_00, CNY));
    }

    @Test
    void everyStartedStepIsCharged() {
        // 1001 g → 1 step → 15.00
        assertThat(orderOf(price(base().build(), cart(line("sku-1kg", 1), line("sku-1g", 1))), "m-a")
                .shipping().fee()).isEqualTo(15_00);
        // 600 g × 2 = 1200 g, ONE fee for the merchant order → 1 step → 15.00
        assertThat(orderOf(price(base().build(), cart(line("sku-600g", 2))), "m-a").shipping().fee())
                .isEqualTo(15_00);
        // 600 × 3 = 1800 g → 800 g over → 2 steps → 20.00
        assertThat(orderOf(price(base().build(), cart(line("sku-600g", 3))), "m-a").shipping().fee())
                .isEqualTo(20_00);
    }

    @Test
    void weightlessGoodsStillPayTheFirstWeight() {
        // 0 g to CN-11 → m-a's default template, which never ships free: 25.00
        ShippingQuote shipping = orderOf(price(base().build(), withRegion(cart(line("sku-light", 1)), "CN-11")),
                "m-a").shipping();
        assertThat(shipping.weightGrams()).isZero();
        assertThat(shipping.fee()).isEqualTo(25_00);
    }

    @Test
    void freeShippingFromTheThresholdInclusive() {
        // 40.00 × 4 = 160.00 ≥ 150.00 → free (2400 g would cost 10.00 + 3 × 5.00 = 25.00)
        ShippingQuote free = orderOf(price(base().build(), cart(line("sku-600g", 4))), "m-a").shipping();
        assertThat(free.freeShipping()).isTrue();
        assertThat(free.standardFee()).isEqualTo(25_00);
        assertThat(free.freeShippingThreshold()).isEqualTo(150_00);
        assertThat(free.fee()).isZero();
        // 150.00 exactly (sku-1kg + 50 × sku-1g = 100.00 + 50.00, 1050 g) → free
        assertThat(orderOf(price(base().build(), cart(line("sku-1kg", 1), line("sku-1g", 50))), "m-a")
                .shipping().fee()).isZero();
        // 149.00 → 15.00
        assertThat(orderOf(price(base().build(), cart(line("sku-1kg", 1), line("sku-1g", 49))), "m-a")
                .shipping().fee()).isEqualTo(15_00);
    }

    @Test
    void freeShippingThresholdIsMeasuredAfterAllDiscounts() {
        PricingSnapshot snapshot = base()
                .couponTemplate(fixedCoupon("plat-20", null, 20_00, null))
                .coupon(owned("cp-p", "plat-20"))
                .build();
        // 160.00 would ship free, but after the 20.00 platform coupon the goods cost 140.00 < 150.00
        // → 0 g pays the first weight: 10.00
        PriceQuote quote = price(snapshot, withCoupons(cart(line("sku-light", 1)), "cp-p"));
        MerchantOrderQuote order = orderOf(quote, "m-a");
        assertThat(order.shipping().freeShipping()).isFalse();
        assertThat(order.shipping().fee()).isEqualTo(10_00);
        assertThat(order.payable()).isEqualTo(140_00 + 10_00);
    }

    @Test
    void merchantDefaultTemplateWhenNoneForTheRegion() {
        PriceQuote quote = price(base().build(), withRegion(cart(line("sku-1kg", 1)), "CN-11"));
        // CN-11 has no template for m-a → default "*": 25.00 for the first 1000 g
        assertThat(orderOf(quote, "m-a").shipping().templateId()).isEqualTo(id("ship-a-any"));
        assertThat(orderOf(quote, "m-a").shipping().regionCode()).isEqualTo("CN-11");
        assertThat(orderOf(quote, "m-a").shipping().fee()).isEqualTo(25_00);
    }

    @Test
    void oneFeePerMerchantOrder() {
        PriceQuote quote = price(base().build(), cart(line("sku-1kg", 1), line("sku-b", 1)));
        // m-a 10.00 + m-b 10.00 (2000 g) = 20.00
        assertThat(quote.merchantOrders()).extracting(o -> o.shipping().fee()).containsExactly(10_00L, 10_00L);
        assertThat(quote.totals().shipping()).isEqualTo(20_00);
        assertThat(quote.totals().payable()).isEqualTo(100_00 + 20_00 + 20_00);
    }
}
