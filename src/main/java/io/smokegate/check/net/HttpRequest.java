package io.smokegate.check.net;

import java.net.URI;
import java.util.Map;

/** What one HTTP probe sends. Header names keep the case the user wrote. */
public record HttpRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    public HttpRequest {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }
}
