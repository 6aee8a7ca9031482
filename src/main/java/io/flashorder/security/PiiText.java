package io.flashorder.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data inside free text a buyer or merchant writes (feedback comments and replies): e-mail addresses
 * keep their first character and domain, and every long number (phone numbers, ID card numbers with their final
 * check character X, bank cards) keeps only its last 4 characters, like {@link PiiCipher#maskPhone}. Full-width
 * digits count as digits: phones typed with a CJK keyboard are masked too.
 */
public final class PiiText {

    private static final String DIGIT = "[0-9\\uFF10-\\uFF19]";
    private static final Pattern EMAIL = Pattern.compile(
            "([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*@([\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+)");
    /**
     * At least 7 digits (spaces and dashes may separate them), an optional leading +, an optional final X. Letters
     * may touch it: Chinese text runs words and numbers together ("电话13812345678").
     */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<!" + DIGIT + ")\\+?" + DIGIT + "(?:[ -]?" + DIGIT + "){6,}[Xx]?(?!" + DIGIT + ")");

    private PiiText() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher emails = EMAIL.matcher(text);
        String withoutEmails = emails.replaceAll(
                match -> Matcher.quoteReplacement(match.group(1) + "***@" + match.group(2)));
        return NUMBER.matcher(withoutEmails).replaceAll(
                match -> Matcher.quoteReplacement(PiiCipher.maskPhone(match.group())));
    }
}
