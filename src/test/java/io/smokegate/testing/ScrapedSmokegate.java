package io.smokegate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.config.ApiToken;
import io.smokegate.config.AppConfig;
import io.smokegate.config.AttributionConfig;
import io.smokegate.config.ConnectionLimits;
import io.smokegate.config.AuthConfig;
import io.smokegate.config.Scope;
import io.smokegate.config.TechDebtSettings;
import io.smokegate.kube.KubeSettings;
import io.smokegate.server.ServerApp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real {@code smokegate serve} in this JVM and a real Prometheus scraping it every second, with an API to
 * add checklists, run and gate them, send it alerts, and ask Prometheus what a dashboard would ask.
 */
public final class ScrapedSmokegate implements AutoCloseable {

    public static final String JOB = "smokegate";
    private static final String TOKEN = "dashboards-test-token";
    /** Alertmanager's own token: scope run is all its webhook needs. */
    private static final String ALERTMANAGER_TOKEN = "alertmanager-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerApp app;
    private final Path checklists;
    private final PrometheusServer prometheus;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ScrapedSmokegate(Path root) throws Exception {
        this(root, 0, "");
    }

    /**
     * On {@code port} (0: any free one), with {@code prometheusConfig} appended to the generated
     * prometheus.yml: top-level sections such as {@code rule_files} and {@code alerting}.
     */
    public ScrapedSmokegate(Path root, int port, String prometheusConfig) throws Exception {
        this(root, port, prometheusConfig, KubeSettings.defaults(), TechDebtSettings.defaults(), AttributionConfig.defaults(),
                List.of());
    }

    /**
     * With {@code kubernetes} for its kube checks, {@code techdebt} for its tech-debt scans and {@code attribution} for
     * its deploy and attribution series; Prometheus also scrapes
     * {@code alsoScraped} (host:port of other /metrics endpoints) as instances of the same job, for series the service
     * cannot produce in a test.
     */
    public ScrapedSmokegate(Path root, KubeSettings kubernetes, TechDebtSettings techdebt, AttributionConfig attribution,
            List<String> alsoScraped) throws Exception {
        this(root, 0, "", kubernetes, techdebt, attribution, alsoScraped);
    }

    private ScrapedSmokegate(Path root, int port, String prometheusConfig, KubeSettings kubernetes, TechDebtSettings techdebt,
            AttributionConfig attribution, List<String> alsoScraped) throws Exception {
        this.checklists = Files.createDirectories(root.resolve("checklists"));
        this.app = ServerApp.start(new AppConfig("127.0.0.1", port, checklists, root.resolve("data"), null, null, null,
                new AuthConfig(List.of(ApiToken.withEveryScope(TOKEN),
                        new ApiToken("alertmanager", Set.of(Scope.RUN), ALERTMANAGER_TOKEN)), false), 4, 16,
                Duration.ofSeconds(1), 64 * 1024, ConnectionLimits.defaults(), null, kubernetes, techdebt)
                .withAttribution(attribution),
                Map.<String, String>of()::get, "dashboards-test");
        try {
            this.prometheus = PrometheusServer.start(root.resolve("prometheus"), """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    scrape_configs:
                      - job_name: %s
                        static_configs: [{targets: ["127.0.0.1:%d"%s]}]
                    """.formatted(JOB, app.port(), alsoScraped.stream().map(t -> ", \"" + t + "\"").collect(Collectors.joining()))
                    + prometheusConfig);
        } catch (IOException | InterruptedException | AssertionError e) {
            app.close();
            throw e;
        }
    }

    public void checklist(String name, String yaml) throws IOException {
        Files.writeString(checklists.resolve(name + ".yaml"), yaml);
    }

    /** Starts a run of the checklist; with {@code wait} returns when it has finished. */
    public void run(String checklist, boolean wait) throws Exception {
        post("/api/v1/checklists/" + checklist + "/runs?wait=" + wait, "");
    }

    /** Runs the checklist and judges it by its SLO, as a release pipeline would. */
    public void gate(String checklist) throws Exception {
        post("/api/v1/gates", "{\"checklist\": \"" + checklist + "\"}");
    }

    /** Starts an analysis over a window ({@code POST /api/v1/analyses}, answered 202 at once). */
    public void analyse(String body) throws Exception {
        post("/api/v1/analyses", body);
    }

    /** Delivers a notification as Alertmanager's webhook would. */
    public void alert(String payload) throws Exception {
        post("/api/v1/alerts", payload);
    }

    /** Stores a deploy marker as CI would ({@code POST /api/v1/deployments}, the API's JSON shape). */
    public void deploy(String marker) throws Exception {
        post("/api/v1/deployments", marker);
    }

    /** Asks for a tech-debt scan now ({@code POST /api/v1/techdebt/scans}, answered 202 at once). */
    public void scanTechDebt() throws Exception {
        post("/api/v1/techdebt/scans", "");
    }

    /** The URL of smokegate's API, for example for an Alertmanager webhook. */
    public String apiUrl(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    /** The bearer token with every scope. */
    public String token() {
        return TOKEN;
    }

    /** A token with only scope run, as Alertmanager's webhook should have. */
    public String alertmanagerToken() {
        return ALERTMANAGER_TOKEN;
    }

    /** GET of an API path of smokegate, its JSON answer. */
    public JsonNode api(String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(apiUrl(path)))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private void post(String path, String body) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(apiUrl(path)))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Prometheus's whole answer to an instant query at the current time, errors included. */
    public JsonNode query(String promql) throws Exception {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The series a selector matches over the last hour, as Grafana asks for label_values(selector, label). */
    public JsonNode series(String selector) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        return get("/api/v1/series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8)
                + "&start=" + (now - 3600) + "&end=" + now);
    }

    /** Polls an instant query until its single value reaches {@code atLeast}. */
    public void awaitValue(String promql, double atLeast) throws Exception {
        prometheus.await(promql, r -> r.size() == 1 && r.get(0).path("value").get(1).asDouble() >= atLeast,
                Duration.ofSeconds(20));
    }

    /** Polls a Prometheus instant query until its result satisfies {@code done}. */
    public JsonNode await(String promql, Predicate<JsonNode> done, Duration timeout) throws Exception {
        return prometheus.await(promql, done, timeout);
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(prometheus.url() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws InterruptedException {
        try {
            prometheus.close();
        } finally {
            app.close();
        }
    }
}
