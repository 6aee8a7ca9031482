package io.flashorder.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void arithmeticStaysInMinorUnits() {
        Money a = Money.of(19_990, "CNY");
        assertThat(a.plus(Money.of(10, "CNY"))).isEqualTo(Money.of(20_000, "CNY"));
        assertThat(a.minus(Money.of(20_000, "CNY"))).isEqualTo(Money.of(-10, "CNY"));
        assertThat(a.times(3)).isEqualTo(Money.of(59_970, "CNY"));
        assertThat(a.compareTo(Money.of(20_000, "CNY"))).isNegative();
    }

    @Test
    void signOfTheAmount() {
        assertThat(Money.of(-5, "CNY").signum()).isEqualTo(-1);
        assertThat(Money.zero("CNY").signum()).isZero();
        assertThat(Money.of(5, "CNY").signum()).isEqualTo(1);
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of(1, "CNY").plus(Money.of(1, "USD")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "CNY").compareTo(Money.of(1, "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMalformedCurrencyCodes() {
        assertThatThrownBy(() -> Money.of(1, "cny")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "CN")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void overflowIsAnErrorNotAWrapAround() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "CNY").plus(Money.of(1, "CNY")))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "CNY").times(2)).isInstanceOf(ArithmeticException.class);
    }
}
