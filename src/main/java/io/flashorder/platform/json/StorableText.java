package io.flashorder.platform.json;

/**
 * The one rule for text the service accepts: every string it takes in must be storable as it is. Refused are
 * U+0000 (PostgreSQL's {@code text} cannot hold it), unpaired surrogates (not Unicode: UTF-8 cannot encode them, so
 * the store would silently replace them) and the other C0 control characters except tab, line feed and carriage
 * return (invisible in every view, and they break logs and exports).
 */
public final class StorableText {

    private StorableText() {
    }

    /** The index of the first refused character of {@code text}, or -1 when all of it can be stored. */
    public static int firstRefused(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    public static boolean isStorable(CharSequence text) {
        return firstRefused(text) < 0;
    }

    /** Says which character is refused and where, e.g. "U+0000 at position 3" (1-based, in UTF-16 units). */
    public static String describeRefused(CharSequence text, int index) {
        return String.format("U+%04X at position %d", (int) text.charAt(index), index + 1);
    }

    /**
     * A storable copy: each refused character replaced by U+FFFD. For data that must be recorded even though it
     * was accepted before this rule existed; input is refused, never cleaned.
     */
    public static String clean(String text) {
        if (text == null || isStorable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
