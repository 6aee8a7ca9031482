package io.flashorder.notification;

import io.quarkus.qute.i18n.Localized;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Renders a notice in the buyer's language: a subject and a text (the SMS), and the email around the text. */
@ApplicationScoped
public class NoticeTexts {

    /** What is sent: subject and body of the email, and the text message. */
    public record Rendered(String subject, String emailBody, String sms) {
    }

    /**
     * Building a currency format costs more than the rest of a notice's text (the profile of an order's background
     * work showed it), and a NumberFormat is not thread-safe: one per thread, locale and currency, built once.
     */
    private static final ThreadLocal<Map<String, NumberFormat>> CURRENCY_FORMATS = ThreadLocal.withInitial(HashMap::new);

    private final NoticeMessages chinese;
    private final NoticeMessages english;
    private final DateTimeFormatter times;

    public NoticeTexts(NoticeMessages chinese, @Localized("en") NoticeMessages english, NotificationConfig config) {
        this.chinese = chinese;
        this.english = english;
        this.times = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx").withZone(config.zone());
    }

    public Rendered render(Notice notice, BuyerLocale locale) {
        NoticeMessages words = words(locale);
        String text = text(notice, locale, words);
        String email = NoticeEmail.body(words.greeting(), text, words.footer()).render();
        return new Rendered(words.subject(notice.kind(), notice.orderId().toString()), email, text);
    }

    /** The text message alone (what {@link #render} puts in {@link Rendered#sms()}), without the email. */
    public String sms(Notice notice, BuyerLocale locale) {
        return text(notice, locale, words(locale));
    }

    private NoticeMessages words(BuyerLocale locale) {
        return locale == BuyerLocale.EN ? english : chinese;
    }

    private String text(Notice notice, BuyerLocale locale, NoticeMessages words) {
        String orderNo = notice.orderId().toString();
        String amount = amount(notice.amount(), notice.currency(), locale.locale());
        return switch (notice.kind()) {
            case ORDER_PLACED -> notice.deadline() == null ? words.orderPlacedCashOnDelivery(orderNo, amount)
                    : words.orderPlaced(orderNo, amount, time(notice.deadline()));
            case PAYMENT_SUCCEEDED -> words.paymentSucceeded(orderNo, amount);
            case PAYMENT_FAILED -> words.paymentFailed(orderNo, amount, time(notice.deadline()),
                    notice.detail() == null ? "-" : notice.detail());
            case PAYMENT_EXPIRED -> words.paymentExpired(orderNo);
            case ORDER_CANCELLED -> words.orderCancelled(orderNo);
            case ORDER_SHIPPED -> words.orderShipped(orderNo, notice.carrier(), notice.trackingNumber());
            case ORDER_DELIVERED -> words.orderDelivered(orderNo, notice.carrier(), notice.trackingNumber());
            case AFTER_SALE_UPDATED -> words.afterSaleUpdated(orderNo, String.valueOf(notice.detail()));
            case REFUND_COMPLETED -> words.refundCompleted(orderNo, amount);
        };
    }

    /** An amount of minor units in its currency, as the language writes it (e.g. ¥1,234.50, CN¥1,234.50). */
    static String amount(long minorUnits, String currencyCode, Locale locale) {
        NumberFormat format = CURRENCY_FORMATS.get().computeIfAbsent(locale.toLanguageTag() + " " + currencyCode,
                ignored -> currencyFormat(currencyCode, locale));
        return format.format(BigDecimal.valueOf(minorUnits, format.getMaximumFractionDigits()));
    }

    private static NumberFormat currencyFormat(String currencyCode, Locale locale) {
        Currency currency = Currency.getInstance(currencyCode);
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format;
    }

    private String time(Instant at) {
        return at == null ? "-" : times.format(at);
    }
}
