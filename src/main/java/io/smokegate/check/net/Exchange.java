package io.smokegate.check.net;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request whose response head has arrived: HTTP/1.1 ({@link HttpExchange}) or HTTP/2 ({@link H2Exchange}),
 * so redirects and bodies are handled alike for both.
 */
sealed interface Exchange permits HttpExchange, H2Exchange {

    int status();

    /** The response headers by lower-case name, each with its values in order. */
    Map<String, List<String>> headers();

    /** The first value of a response header; names are case-insensitive. */
    default Optional<String> header(String name) {
        List<String> values = headers().get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Reads the body into {@code sink} (TRANSFER is timed) and releases what the exchange holds. */
    HttpResponse finish(BodySink sink) throws IOException;
}
