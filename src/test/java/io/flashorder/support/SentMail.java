package io.flashorder.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The mail the local SMTP server received (scripts/services.sh: aiosmtpd writes each message as a file of the maildir
 * build/services/mail), decoded: headers (encoded words decoded) and the text body. Test code only.
 */
public record SentMail(Map<String, String> headers, String body) {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=\\s*");

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String subject() {
        return header("Subject");
    }

    /** Every message received so far. */
    public static List<SentMail> all() {
        return in(Path.of(System.getenv().getOrDefault("FLASHORDER_SERVICES_DIR", "build/services"), "mail"));
    }

    /** Every message of another server's maildir ({@link SmtpServer}). */
    public static List<SentMail> in(Path maildir) {
        Path folder = maildir.resolve("new");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<SentMail> mail = new ArrayList<>();
            for (Path file : files.toList()) {
                mail.add(parse(Files.readString(file, StandardCharsets.ISO_8859_1)));
            }
            return mail;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages sent for one event (header X-Flashorder-Event). */
    public static List<SentMail> forEvent(String eventId) {
        return all().stream().filter(mail -> eventId.equals(mail.header("X-Flashorder-Event"))).toList();
    }

    /** The messages of one kind of notice that mention this order. */
    public static List<SentMail> of(String kind, String orderId) {
        return all().stream().filter(mail -> kind.equals(mail.header("X-Flashorder-Notice"))
                && mail.body().contains(orderId)).toList();
    }

    static SentMail parse(String raw) {
        String text = raw.replace("\r\n", "\n");
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        String rawBody = blank < 0 ? "" : text.substring(blank + 2);
        Map<String, String> headers = new LinkedHashMap<>();
        String name = null;
        for (String line : head.split("\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                headers.put(name, headers.get(name) + line.substring(1));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.put(name, line.substring(colon + 1).trim());
            }
        }
        headers.replaceAll((key, value) -> decodeWords(value));
        String encoding = headers.getOrDefault("content-transfer-encoding", "7bit").toLowerCase(Locale.ROOT);
        Charset charset = charsetOf(headers.getOrDefault("content-type", ""));
        byte[] bytes = switch (encoding) {
            case "base64" -> Base64.getMimeDecoder().decode(rawBody.trim());
            case "quoted-printable" -> quotedPrintable(rawBody);
            default -> rawBody.getBytes(StandardCharsets.ISO_8859_1);
        };
        return new SentMail(headers, new String(bytes, charset));
    }

    private static Charset charsetOf(String contentType) {
        Matcher matcher = Pattern.compile("charset=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE).matcher(contentType);
        return matcher.find() ? Charset.forName(matcher.group(1).trim()) : StandardCharsets.UTF_8;
    }

    private static String decodeWords(String value) {
        Matcher matcher = ENCODED_WORD.matcher(value);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            out.append(value, last, matcher.start());
            Charset charset = Charset.forName(matcher.group(1));
            byte[] bytes = matcher.group(2).equalsIgnoreCase("B") ? Base64.getDecoder().decode(matcher.group(3))
                    : quotedPrintable(matcher.group(3).replace('_', ' '));
            out.append(new String(bytes, charset));
            last = matcher.end();
        }
        return out.append(value.substring(last)).toString();
    }

    private static byte[] quotedPrintable(String text) {
        String joined = text.replace("=\n", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length()) {
                out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write((byte) c);
            }
        }
        return out.toByteArray();
    }
}
