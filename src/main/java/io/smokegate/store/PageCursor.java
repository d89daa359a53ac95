package io.smokegate.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Keyset pagination position: the time and id of the last row of the previous page. Opaque to clients, so
 * the listing can change its order keys without breaking their scripts.
 */
record PageCursor(long at, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static PageCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new PageCursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("cursor is not one this server issued");
        }
    }
}
