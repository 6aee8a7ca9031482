package io.flashorder.platform.page;

import io.flashorder.platform.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Opaque pagination cursor: the id of the last row seen, base64url-encoded so clients do not build their own. */
public final class Cursor {

    private static final String PREFIX = "after:";

    private Cursor() {
    }

    public static String encode(UUID lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                throw new IllegalArgumentException("no prefix");
            }
            return UUID.fromString(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-cursor", "The cursor is not one this service issued");
        }
    }
}
