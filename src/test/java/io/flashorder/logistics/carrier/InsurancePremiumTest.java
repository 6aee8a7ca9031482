package io.flashorder.logistics.carrier;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The insurance premium: exact, rounded up to the minor unit, never below the minimum fee. */
class InsurancePremiumTest {

    @Property
    void thePremiumIsTheShareRoundedUpOrTheMinimum(
            @ForAll @LongRange(min = 0, max = InsurancePremium.MAX_DECLARED_VALUE) long value,
            @ForAll @IntRange(min = 0, max = 10_000) int basisPoints,
            @ForAll @LongRange(min = 0, max = 1_000_000_000) long minimum) {
        BigDecimal share = BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(basisPoints))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.CEILING);
        long premium = InsurancePremium.premium(value, basisPoints, minimum);
        assertThat(premium).isEqualTo(share.max(BigDecimal.valueOf(minimum)).longValueExact());
        assertThat(premium).isGreaterThanOrEqualTo(minimum);
    }

    @Property
    void aHigherValueNeverCostsLess(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long value,
                                    @ForAll @LongRange(min = 0, max = 1_000_000) long more,
                                    @ForAll @IntRange(min = 0, max = 10_000) int basisPoints,
                                    @ForAll @LongRange(min = 0, max = 10_000) long minimum) {
        assertThat(InsurancePremium.premium(value + more, basisPoints, minimum))
                .isGreaterThanOrEqualTo(InsurancePremium.premium(value, basisPoints, minimum));
    }

    @Test
    void examples() {
        assertThat(InsurancePremium.premium(100_000, 50, 100)).isEqualTo(500);  // 0.5 % of 1000.00
        assertThat(InsurancePremium.premium(100_001, 50, 100)).isEqualTo(501);  // 500.005 rounds up
        assertThat(InsurancePremium.premium(10_000, 50, 100)).isEqualTo(100);   // 50 < minimum
        assertThat(InsurancePremium.insured(10_000, 10_000)).isFalse();
        assertThat(InsurancePremium.insured(10_001, 10_000)).isTrue();
        assertThatThrownBy(() -> InsurancePremium.premium(-1, 50, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InsurancePremium.premium(1, 10_001, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
