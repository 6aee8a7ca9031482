package io.flashorder.pricing.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flashorder.platform.money.Money;
import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.model.PricingSnapshot;
import io.flashorder.pricing.quote.PriceQuote;
import org.junit.jupiter.api.Test;

import static io.flashorder.pricing.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The quote is plain records: Jackson writes camelCase JSON from the components alone, and reads it back. */
class QuoteJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void quoteRoundTripsThroughJson() throws Exception {
        PricingSnapshot snapshot = PricingSnapshot.builder()
                .sku(sku("sku-a", "m-a", 100_00, 1_200))
                .memberTier(new MemberTier("GOLD", "Gold 5%", 500))
                .shippingTemplate(shipping("ship-a", "m-a", "*", 1_000, 10_00, 500, 5_00, 200_00L))
                .build();
        PriceQuote quote = price(snapshot, withTier(cart(line("sku-a", 2)), "GOLD"));

        String text = json.writeValueAsString(quote);
        JsonNode tree = json.readTree(text);
        assertThat(tree.get("pricedAt").asText()).isEqualTo("2026-06-18T12:00:00Z");
        assertThat(tree.get("totals").get("payable").asLong()).isEqualTo(quote.totals().payable());
        JsonNode order = tree.get("merchantOrders").get(0);
        assertThat(order.get("shipping").get("freeShippingThreshold").asLong()).isEqualTo(200_00);
        assertThat(order.get("lines").get(0).get("discounts").get(0).get("kind").asText()).isEqualTo("MEMBER_TIER");
        assertThat(tree.get("appliedRules").get(0).get("ruleId").asText()).isEqualTo("GOLD");
        assertThat(json.readValue(text, PriceQuote.class)).isEqualTo(quote);
    }

    @Test
    void moneyIsJustAmountAndCurrency() throws Exception {
        JsonNode money = json.readTree(json.writeValueAsString(Money.of(19_90, "CNY")));
        assertThat(money.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("amountMinor", "currency");
        assertThat(json.readValue("{\"amountMinor\":1990,\"currency\":\"CNY\"}", Money.class))
                .isEqualTo(Money.of(19_90, "CNY"));
    }

    @Test
    void snapshotRoundTripsThroughJsonToo() throws Exception {
        PricingSnapshot snapshot = PricingSnapshot.builder()
                .sku(sku("sku-a", "m-a", 100_00, 1_200))
                .campaign(campaign("flash", LIVE, java.util.Map.of("sku-a", cny(80_00))))
                .memberTier(new MemberTier("GOLD", "Gold 5%", 500))
                .promotion(percentOff("pct", "m-a", 1_000, LIVE, "sku-a"))
                .promotion(threshold("thr", "m-a", LIVE, 50_00, 5_00))
                .shippingTemplate(shipping("ship-a", "m-a", "*", 1_000, 10_00, 500, 5_00, null))
                .couponTemplate(percentCoupon("tpl", null, 500, 10_00L, null))
                .coupon(owned("cp", "tpl"))
                .build();
        String text = json.writeValueAsString(snapshot);
        assertThat(text).doesNotContain("\"negative\"", "\"zero\"");
        assertThat(json.readValue(text, PricingSnapshot.class)).isEqualTo(snapshot);
    }
}
