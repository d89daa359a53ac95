package io.smokegate.check.net;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A response as read off the wire. {@code body} holds at most the probe's read limit;
 * {@code bodyTruncated} says the server sent more.
 */
public record HttpResponse(String version, int status, String reason, Map<String, List<String>> headers,
                           byte[] body, boolean bodyTruncated) {

    /** Header names are case-insensitive; {@code headers} is keyed by lower-case name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
