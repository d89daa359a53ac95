package io.smokegate.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Pushes a CLI run's series to a Prometheus Pushgateway, grouped by job {@code smokegate} and the
 * checklist, replacing that group's previous push (HTTP PUT) so the gateway always holds the latest run.
 * The body is the same text {@code /metrics} serves; no client library is needed for one PUT.
 */
public final class PushgatewayPublisher {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_ERROR_BODY = 300;

    private final URI url;

    /** @throws IllegalArgumentException naming what is wrong with the URL */
    public PushgatewayPublisher(String url) {
        try {
            URI parsed = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (parsed.getHost() == null || !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))) {
                throw new IllegalArgumentException("'" + url + "' is not an http(s) URL, e.g. http://pushgateway:9091");
            }
            this.url = parsed;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason());
        }
    }

    /** {@code checklist} is a checklist name: lower-case letters, digits and '-', so it is one URL path segment as is. */
    public void push(SmokegateMetrics metrics, String checklist) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/metrics/job/smokegate/checklist/" + checklist))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", PrometheusText.CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(metrics.scrape()))
                .build();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String body = response.body().strip();
                throw new IOException("the Pushgateway answered HTTP " + response.statusCode()
                        + (body.isEmpty() ? "" : ": " + (body.length() > MAX_ERROR_BODY ? body.substring(0, MAX_ERROR_BODY) + "…" : body)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pushing", e);
        }
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
