package io.flashorder.logistics.carrier;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Carrier rules: who may take a parcel, and which of them is chosen. */
class CarrierChoiceTest {

    private static CarrierRule rule(String carrier, String region, long minGrams, long maxGrams, Long maxValue,
                                    boolean cod, long base, long perKg, boolean preferred) {
        return new CarrierRule(UUID.randomUUID(), carrier, region, minGrams, maxGrams, maxValue, cod, "EUR", base,
                perKg, preferred, Instant.EPOCH);
    }

    private static CarrierChoice.Parcel parcel(String region, long grams, long value, boolean cod) {
        return new CarrierChoice.Parcel(region, grams, value, cod, "EUR");
    }

    @Test
    void theCostIsTheBasePlusEveryStartedKilogram() {
        CarrierRule rule = rule("A", "*", 0, 100_000, null, true, 500, 200, false);
        assertThat(rule.cost(0)).isEqualTo(500);
        assertThat(rule.cost(1)).isEqualTo(700);
        assertThat(rule.cost(1_000)).isEqualTo(700);
        assertThat(rule.cost(1_001)).isEqualTo(900);
    }

    @Test
    void theLowestQuoteAmongTheEligibleWinsWithItsReason() {
        List<CarrierRule> rules = List.of(
                rule("CHEAP-SOUTH", "SOUTH", 0, 50_000, null, true, 100, 0, false),
                rule("HEAVY-ONLY", "*", 20_000, 50_000, null, true, 50, 0, false),
                rule("NO-COD", "*", 0, 50_000, null, false, 150, 0, false),
                rule("CAPPED", "*", 0, 50_000, 10_000L, true, 160, 0, false),
                rule("EXPRESS", "NORTH", 0, 50_000, null, true, 300, 100, false),
                rule("STANDARD", "*", 0, 50_000, null, true, 200, 100, false));

        var prepaid = CarrierChoice.choose(rules, parcel("NORTH", 1_500, 5_000, false)).orElseThrow();
        assertThat(prepaid.rule().carrier()).isEqualTo("NO-COD");
        assertThat(prepaid.cost()).isEqualTo(150);
        assertThat(prepaid.reason()).startsWith("lowest quote: NO-COD at 150 EUR")
                .contains("CAPPED 160", "STANDARD 400", "EXPRESS 500").doesNotContain("CHEAP-SOUTH", "HEAVY-ONLY");

        var cod = CarrierChoice.choose(rules, parcel("NORTH", 1_500, 5_000, true)).orElseThrow();
        assertThat(cod.rule().carrier()).isEqualTo("CAPPED");
        var valuable = CarrierChoice.choose(rules, parcel("NORTH", 1_500, 10_001, true)).orElseThrow();
        assertThat(valuable.rule().carrier()).isEqualTo("STANDARD");
        assertThat(CarrierChoice.choose(rules, parcel("NORTH", 60_000, 5_000, false))).isEmpty();
        assertThat(CarrierChoice.choose(rules, new CarrierChoice.Parcel("NORTH", 1_500, 5_000, false, "USD")))
                .isEmpty();
    }

    @Test
    void anEligiblePreferredCarrierWinsOverACheaperOne() {
        List<CarrierRule> rules = List.of(rule("CHEAP", "*", 0, 50_000, null, true, 100, 0, false),
                rule("FAVOURITE", "*", 0, 5_000, null, true, 900, 0, true));
        var light = CarrierChoice.choose(rules, parcel("EAST", 1_000, 100, false)).orElseThrow();
        assertThat(light.rule().carrier()).isEqualTo("FAVOURITE");
        assertThat(light.reason()).startsWith("merchant's preferred carrier: FAVOURITE at 900 EUR");
        var heavy = CarrierChoice.choose(rules, parcel("EAST", 6_000, 100, false)).orElseThrow();
        assertThat(heavy.rule().carrier()).isEqualTo("CHEAP");
    }
}
