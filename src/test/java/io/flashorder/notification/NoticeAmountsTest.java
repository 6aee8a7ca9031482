package io.flashorder.notification;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Amounts are written from exact minor units, with the currency's own number of decimals, as each language does. */
class NoticeAmountsTest {

    @Test
    void minorUnitsBecomeTheCurrencysDecimals() {
        assertThat(NoticeTexts.amount(123_450, "CNY", BuyerLocale.ZH_CN.locale())).isEqualTo("¥1,234.50");
        assertThat(NoticeTexts.amount(123_450, "CNY", BuyerLocale.EN.locale())).isEqualTo("CN¥1,234.50");
        assertThat(NoticeTexts.amount(1, "EUR", BuyerLocale.EN.locale())).isEqualTo("€0.01");
        assertThat(NoticeTexts.amount(1_234, "JPY", BuyerLocale.EN.locale())).isEqualTo("¥1,234");
        assertThat(NoticeTexts.amount(1_234_567, "KWD", BuyerLocale.EN.locale())).isEqualTo("KWD1,234.567");
    }

    @Test
    void languagesAreReadFromTagsAndUnknownOnesAreNone() {
        assertThat(BuyerLocale.of("en-GB")).contains(BuyerLocale.EN);
        assertThat(BuyerLocale.of("zh_CN")).contains(BuyerLocale.ZH_CN);
        assertThat(BuyerLocale.of("zh")).contains(BuyerLocale.ZH_CN);
        assertThat(BuyerLocale.of("fr")).isEmpty();
        assertThat(BuyerLocale.of(" ")).isEmpty();
    }

    @Test
    void essentialNoticesAlwaysGoBySmsOthersCanBeTurnedOff() {
        NotificationProfile everythingOff = new NotificationProfile("b", java.util.Optional.empty(), BuyerLocale.EN,
                java.util.Arrays.stream(NoticeKind.values()).flatMap(kind -> java.util.Arrays.stream(Channel.values())
                        .map(channel -> new NotificationProfile.OptOut(channel, kind))).collect(
                        java.util.stream.Collectors.toSet()));
        for (NoticeKind kind : NoticeKind.values()) {
            assertThat(everythingOff.wants(Channel.EMAIL, kind)).as("email of %s", kind).isFalse();
            assertThat(everythingOff.wants(Channel.SMS, kind)).as("sms of %s", kind).isEqualTo(kind.essential());
        }
        assertThat(PreferencesView.ALWAYS_BY_SMS).containsExactly(NoticeKind.ORDER_PLACED,
                NoticeKind.PAYMENT_SUCCEEDED, NoticeKind.PAYMENT_FAILED, NoticeKind.PAYMENT_EXPIRED,
                NoticeKind.ORDER_CANCELLED, NoticeKind.REFUND_COMPLETED);
    }

    @Test
    void failuresAreRedactedOfAddressesAndNumbers() {
        assertThat(BuyerNotifier.redacted(new IllegalStateException("550 <ada@example.com> refused, +44 20 7946 0958")))
                .isEqualTo("IllegalStateException: 550 <a***@example.com> refused, ************0958");
    }
}
