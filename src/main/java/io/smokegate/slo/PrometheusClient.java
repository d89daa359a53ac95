package io.smokegate.slo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.input.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Instant queries through Prometheus's HTTP API ({@code POST /api/v1/query}, so long expressions fit).
 * A query must yield one number: a scalar or a single-series vector. Answers are read up to a limit, so a
 * misbehaving server cannot exhaust memory. Blocking: call it off the event loop.
 */
public final class PrometheusClient {

    public static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    /** Credentials in the URL ({@code https://user:password@host}) become Basic auth and are kept out of messages. */
    public PrometheusClient(URI url, Duration timeout) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        this.base = URI.create(url.getScheme() + "://" + url.getRawAuthority().replaceFirst("^.*@", "")
                + (path.endsWith("/") ? path : path + "/"));
        this.authorization = url.getRawUserInfo() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                URLDecoder.decode(url.getRawUserInfo(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Checks a URL given by a user: absolute http(s), no query string; credentials allowed. */
    public static URI parseUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' is not an http(s) URL of Prometheus, e.g. http://prometheus:9090");
        }
        return uri;
    }

    public URI base() {
        return base;
    }

    /** The expression's value at {@code time}. */
    public SliValue query(String expression, Instant time) throws PrometheusException {
        String form = "query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)
                + "&time=" + time.toEpochMilli() / 1000.0
                + "&timeout=" + Math.max(1, timeout.toSeconds()) + "s";
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/v1/query")).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
        } catch (IOException e) {
            throw new PrometheusException(PrometheusException.Kind.UNREACHABLE, unreachable(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusException(PrometheusException.Kind.UNREACHABLE, "interrupted while asking Prometheus");
        }
        if (body.length > MAX_ANSWER_BYTES) {
            throw new PrometheusException(PrometheusException.Kind.BAD_QUERY, "the answer is larger than "
                    + MAX_ANSWER_BYTES / 1024 + " KiB; aggregate the expression to one series");
        }
        return answer(response.statusCode(), body);
    }

    /** Why Prometheus could not be asked, as an operator reads it: never a bare exception class name. */
    private String unreachable(IOException e) {
        String at = "Prometheus at " + (base.getRawPath().equals("/") ? base.toString().replaceFirst("/$", "") : base);
        if (e instanceof HttpConnectTimeoutException) {
            return "cannot connect to " + at + ": no answer within " + Durations.format(timeout);
        }
        if (e instanceof HttpTimeoutException) {
            return at + " did not answer within " + Durations.format(timeout);
        }
        if (e instanceof SSLException) {
            return "TLS handshake with " + at + " failed: " + e.getMessage();
        }
        // The HTTP client wraps the socket's exception, often without a message of its own.
        String detail = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "cannot connect to " + at + ": DNS lookup failed for " + base.getHost();
            }
            detail = t.getMessage() == null ? detail : t.getMessage();
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + at + ": " + (detail == null || detail.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : detail);
        }
        return at + " did not answer: " + (detail == null ? "the connection failed" : detail);
    }

    private SliValue answer(int status, byte[] body) throws PrometheusException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.path("status").isTextual()) {
            throw new PrometheusException(PrometheusException.Kind.UNREACHABLE, "HTTP " + status + " from " + base
                    + " is not an answer of Prometheus's API");
        }
        if (!root.path("status").asText().equals("success")) {
            String error = root.path("errorType").asText("error") + ": " + root.path("error").asText("no message");
            // 400 and 422 are verdicts on the expression; anything else (503 overloaded, 5xx) on the server.
            throw new PrometheusException(status == 400 || status == 422 ? PrometheusException.Kind.BAD_QUERY
                    : PrometheusException.Kind.UNREACHABLE, "Prometheus answered HTTP " + status + ", " + error);
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        return switch (type) {
            case "scalar" -> sample(result);
            case "vector" -> {
                if (result.isEmpty()) {
                    yield new SliValue.Missing("the query returned no series");
                }
                if (result.size() > 1) {
                    yield new SliValue.Missing("the query returned " + result.size()
                            + " series; aggregate it to one, e.g. max(...) or sum(...)");
                }
                yield sample(result.get(0).path("value"));
            }
            case "matrix" -> new SliValue.Missing("the query returned a range vector; wrap it, e.g. avg_over_time(...)");
            default -> new SliValue.Missing("the query returned a " + (type.isEmpty() ? "malformed" : type) + " result");
        };
    }

    private static SliValue sample(JsonNode pair) throws PrometheusException {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
            throw new PrometheusException(PrometheusException.Kind.UNREACHABLE, "malformed sample in Prometheus's answer: "
                    + abbreviate(pair));
        }
        try {
            return SliValue.of(Double.parseDouble(pair.get(1).asText().replace("Inf", "Infinity")));
        } catch (NumberFormatException e) {
            throw new PrometheusException(PrometheusException.Kind.UNREACHABLE, "malformed sample value '"
                    + abbreviate(pair.get(1)) + "' in Prometheus's answer");
        }
    }

    private static String abbreviate(JsonNode node) {
        try {
            String s = JSON.writeValueAsString(node);
            return s.length() > 80 ? s.substring(0, 80) + "…" : s;
        } catch (JsonProcessingException e) {
            return "?";
        }
    }
}
