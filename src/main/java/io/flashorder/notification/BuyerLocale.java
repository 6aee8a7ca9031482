package io.flashorder.notification;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages notices are written in; a buyer who chose none reads Chinese. */
public enum BuyerLocale {
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE),
    EN("en", Locale.ENGLISH);

    public static final BuyerLocale DEFAULT = ZH_CN;

    private final String tag;
    private final Locale locale;

    BuyerLocale(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** The language of a tag such as {@code en}, {@code en-US}, {@code zh-CN} or {@code zh}; empty if none fits. */
    public static Optional<BuyerLocale> of(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        return Arrays.stream(values()).filter(value -> value.locale.getLanguage().equals(language)).findFirst();
    }
}
