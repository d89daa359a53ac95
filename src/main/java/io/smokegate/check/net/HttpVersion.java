package io.smokegate.check.net;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code httpVersion} parameter: which HTTP versions a probe offers over TLS (with ALPN). {@code auto} offers
 * h2 and http/1.1 and takes what the server picks; {@code 2} offers the same but fails unless the server picks
 * h2 (so the failure can say what it picked); {@code 1.1} offers nothing, as smokegate did before HTTP/2. A plain
 * http:// request is always HTTP/1.1: HTTP/2 without TLS (h2c) is not spoken.
 */
public enum HttpVersion {
    AUTO("auto"), HTTP_1_1("1.1"), HTTP_2("2");

    /** The ALPN names of HTTP/2 and HTTP/1.1. */
    static final String H2 = "h2";
    static final String HTTP_1_1_ALPN = "http/1.1";

    private final String label;

    HttpVersion(String label) {
        this.label = label;
    }

    public static Optional<HttpVersion> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.label.equalsIgnoreCase(text.strip())).findFirst();
    }

    /** The protocols offered in the TLS handshake. */
    List<String> alpn() {
        return this == HTTP_1_1 ? List.of() : List.of(H2, HTTP_1_1_ALPN);
    }

    public String label() {
        return label;
    }

    /** A response's version as the {@code httpVersion} detail and {@code expectHttpVersion} name it: 1.0, 1.1 or 2. */
    static String ofResponse(HttpResponse response) {
        String v = response.version();
        return v.startsWith("HTTP/") ? v.substring("HTTP/".length()) : v;
    }
}
