package io.flashorder.platform.money;

import java.util.Objects;

/**
 * An exact amount of money: a {@code long} count of minor units (cents, fen...) in an ISO 4217 currency.
 * Never a floating-point number, so sums and allocations are exact.
 *
 * @param amountMinor the amount in minor units of {@code currency}
 * @param currency    an ISO 4217 alphabetic code, e.g. {@code "CNY"}
 */
public record Money(long amountMinor, String currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!isIsoCurrencyCode(currency)) {
            throw new IllegalArgumentException("not an ISO 4217 currency code: " + currency);
        }
    }

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amountMinor, other.amountMinor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amountMinor, other.amountMinor), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(amountMinor, factor), currency);
    }

    /** -1, 0 or 1 as the amount is negative, zero or positive. (Not {@code isNegative()}: that would show up
     * in JSON as a bean property.) */
    public int signum() {
        return Long.signum(amountMinor);
    }

    public boolean hasCurrency(String code) {
        return currency.equals(code);
    }

    /** Orders amounts of the same currency; comparing different currencies is a bug, so it throws. */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(amountMinor, other.amountMinor);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    /** Three upper-case ASCII letters; we do not consult {@link java.util.Currency} so new codes are not refused. */
    static boolean isIsoCurrencyCode(String code) {
        if (code.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = code.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return amountMinor + " " + currency;
    }
}
