package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.LineQuote;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.pricing.quote.PricingException;
import io.flashorder.pricing.quote.Totals;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.flashorder.pricing.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitPriceTest {

    private final PricingSnapshot snapshot = PricingSnapshot.builder()
            .sku(sku("sku-phone", "m-a", 1_999_00, 300))
            .sku(sku("sku-case", "m-a", 29_90, 50))
            .campaign(campaign("flash-1", LIVE, Map.of("sku-phone", cny(1_499_00))))
            .campaign(campaign("flash-old", ENDED, Map.of("sku-phone", cny(999_00))))
            .shippingTemplate(flatShipping("m-a", 0))
            .build();

    @Test
    void listPriceTimesQuantity() {
        PriceQuote quote = price(snapshot, cart(line("sku-case", 3)));
        LineQuote line = lineOf(quote, "sku-case");
        // 29.90 × 3 = 89.70
        assertThat(line.unitPrice()).isEqualTo(29_90);
        assertThat(line.campaignId()).isNull();
        assertThat(line.subtotal()).isEqualTo(89_70);
        assertThat(line.payable()).isEqualTo(89_70);
        assertThat(quote.totals()).isEqualTo(new Totals(89_70, 0, 0, 89_70, CNY));
        assertThat(quote.appliedRules()).isEmpty();
    }

    @Test
    void campaignPriceWhileTheNamedCampaignIsLive() {
        PriceQuote quote = price(snapshot, withCampaign(cart(line("sku-phone", 2), line("sku-case", 1)), "flash-1"));
        LineQuote phone = lineOf(quote, "sku-phone");
        // 1499.00 × 2 = 2998.00 ; the case is not in the campaign: list price 29.90
        assertThat(phone.listUnitPrice()).isEqualTo(1_999_00);
        assertThat(phone.unitPrice()).isEqualTo(1_499_00);
        assertThat(phone.campaignId()).isEqualTo(id("flash-1"));
        assertThat(phone.subtotal()).isEqualTo(2_998_00);
        LineQuote caseLine = lineOf(quote, "sku-case");
        assertThat(caseLine.unitPrice()).isEqualTo(29_90);
        assertThat(caseLine.campaignId()).isNull();
        assertThat(quote.totals().payable()).isEqualTo(2_998_00 + 29_90);
    }

    @Test
    void noCampaignPriceWhenTheCartDoesNotNameTheCampaign() {
        PriceQuote quote = price(snapshot, cart(line("sku-phone", 1)));
        assertThat(lineOf(quote, "sku-phone").unitPrice()).isEqualTo(1_999_00);
    }

    @Test
    void campaignWindowIsHalfOpen() {
        CartRequest cart = withCampaign(cart(line("sku-phone", 1)), "flash-1");
        PricingEngine engine = new PricingEngine();
        assertThat(lineOf(engine.price(snapshot, cart, LIVE.startsAt()), "sku-phone").unitPrice())
                .isEqualTo(1_499_00);
        assertThat(lineOf(engine.price(snapshot, cart, LIVE.endsAt().minusNanos(1)), "sku-phone").unitPrice())
                .isEqualTo(1_499_00);
        assertThatThrownBy(() -> engine.price(snapshot, cart, LIVE.endsAt()))
                .isInstanceOfSatisfying(PricingException.class,
                        e -> assertThat(e.code()).isEqualTo("campaign-not-live"));
    }
}
