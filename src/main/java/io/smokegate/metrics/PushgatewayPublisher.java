package io.smokegate.metrics;

import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Pushes a CLI run's series to a Prometheus Pushgateway, grouped by job {@code smokegate} and the
 * checklist, replacing that group's previous push so the gateway always holds the latest run.
 */
public final class PushgatewayPublisher {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

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

    public void push(SmokegateMetrics metrics, String checklist) throws IOException {
        int port = url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        PushGateway gateway = PushGateway.builder()
                .scheme(url.getScheme().equals("https") ? Scheme.HTTPS : Scheme.HTTP)
                .address(url.getHost() + ":" + port + path)
                .job("smokegate")
                .groupingKey("checklist", checklist)
                .registry(metrics.registry().getPrometheusRegistry())
                .connectionFactory(target -> {
                    HttpURLConnection c = (HttpURLConnection) target.openConnection();
                    c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
                    c.setReadTimeout((int) READ_TIMEOUT.toMillis());
                    return c;
                })
                .build();
        gateway.push();
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
