package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smokegate.attribution.AlertInput;
import io.smokegate.attribution.Limits;
import io.smokegate.attribution.RepoLinks;
import io.smokegate.config.AttributionConfig;
import io.smokegate.testing.AlertmanagerServer;
import io.smokegate.testing.OneCulpritHistory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribution fed by a real Alertmanager (Debian {@code prometheus-alertmanager}): an alert posted to its API is
 * routed by the shipped {@code alerts/alertmanager.example.yml} (only placeholders, waits and one Slack receiver
 * added) to smokegate's webhook, attributed to the culprit of {@link OneCulpritHistory}, stored, and sent on enriched
 * to a JSON and a Slack-format webhook; Alertmanager's own Slack message carries the shipped template's suspects
 * link. Lives in {@code server/} because it starts smokegate as {@link AttributionNotifyTest} does, with the
 * package-private {@link ApiTestSupport}. One stack per class: the alert fires once, the tests read what it caused in
 * order, the last resolves it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertmanagerAttributionTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final String SHOP = "https://github.com/acme/shop";
    private static final String PUBLIC_URL = "https://smokegate.example.com/";
    private static final Map<String, String> LABELS = Map.of("alertname", "HighErrorRate", "service", "api",
            "severity", "warning");
    private static final Instant STARTS_AT = OneCulpritHistory.at(300);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path root;
    private static OneCulpritHistory history;
    private static HttpServer webhooks;
    /** What the test's webhooks received: smokegate's JSON and Slack notifications, Alertmanager's Slack message. */
    private static final Map<String, BlockingQueue<JsonNode>> RECEIVED = Map.of("/json", new LinkedBlockingQueue<>(),
            "/slack", new LinkedBlockingQueue<>(), "/alertmanager-slack", new LinkedBlockingQueue<>());
    private static ApiTestSupport api;
    private static AlertmanagerServer alertmanager;
    /** The fingerprint Alertmanager gave the test's alert. */
    private static String fingerprint;

    @BeforeAll
    static void startTheStackAndFire() throws Exception {
        history = OneCulpritHistory.build(root.resolve("shop"));
        webhooks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RECEIVED.forEach((path, queue) -> webhooks.createContext(path, exchange -> {
            queue.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }));
        webhooks.start();
        AttributionConfig config = new AttributionConfig(Map.of("api", new AttributionConfig.Service(root.resolve("shop"),
                List.of("services/api/**"), "prod", RepoLinks.of(SHOP))), AlertInput.DEFAULT_SERVICE_LABELS, Limits.DEFAULT)
                .withNotify(List.of(new AttributionConfig.Notify(webhook("/json"), AttributionConfig.Format.JSON),
                        new AttributionConfig.Notify(webhook("/slack"), AttributionConfig.Format.SLACK)),
                        Optional.of(URI.create(PUBLIC_URL)));
        api = new ApiTestSupport(root, c -> c.withAttribution(config));
        deploy(history.base(), OneCulpritHistory.at(5));
        deploy(history.deployed(), OneCulpritHistory.at(220));

        Path dir = Files.createDirectories(root.resolve("alertmanager"));
        Path secrets = Files.createDirectories(root.resolve("secrets"));
        Files.writeString(secrets.resolve("smokegate-api-token"), TOKEN);
        Files.writeString(secrets.resolve("pagerduty-routing-key"), "never-used-by-a-warning");
        Files.writeString(dir.resolve("attribution-link.tmpl"), shippedTemplate(smokegateUrl()));
        alertmanager = AlertmanagerServer.start(dir, shippedConfig(smokegateUrl(), secrets, webhook("/alertmanager-slack")));

        HttpResponse<String> posted = postAlerts(Map.of("labels", LABELS, "annotations",
                Map.of("summary", "5xx above 0.5 % for 5 minutes"), "startsAt", STARTS_AT.toString()));
        assertEquals(200, posted.statusCode(), posted.body());
        fingerprint = alertmanagerFingerprint();
    }

    private static String smokegateUrl() {
        return "http://127.0.0.1:" + api.app.port();
    }

    private static URI webhook(String path) {
        return URI.create("http://127.0.0.1:" + webhooks.getAddress().getPort() + path);
    }

    /**
     * The example as an operator would deploy it, pointed at this test's smokegate and secrets, waits in seconds, plus
     * a route (continuing, so the shipped routes still apply) to a Slack receiver whose text is the shipped template.
     */
    private static String shippedConfig(String smokegate, Path secrets, URI slack) throws Exception {
        String shipped = Files.readString(Path.of("alerts/alertmanager.example.yml"));
        String config = replaced(shipped, "http://smokegate:8080", smokegate)
                .replace("/etc/alertmanager/secrets", secrets.toString())
                .replaceAll("group_wait: \\d+s", "group_wait: 1s")
                .replaceAll("group_interval: \\d+m", "group_interval: 1s");
        config = replaced(config, "\n  routes:\n", """

                  routes:
                    - matchers: ['service="api"']
                      receiver: suspects-slack
                      continue: true
                """);
        if (!config.stripTrailing().endsWith("'{{ template \"smokegate.suspects\" . }}'")) {
            throw new AssertionError("alertmanager.example.yml no longer ends with its receivers, where this test adds one");
        }
        return config.stripTrailing() + """

                  - name: suspects-slack
                    slack_configs:
                      - api_url: %s
                        text: '{{ template "smokegate.suspects" . }}'
                """.formatted(slack);
    }

    /** The shipped template with {@code smokegate.url} set to this test's smokegate. */
    private static String shippedTemplate(String smokegate) throws Exception {
        return replaced(Files.readString(Path.of("alerts/attribution-link.tmpl")),
                "{{ define \"smokegate.url\" }}http://smokegate:8080{{ end }}",
                "{{ define \"smokegate.url\" }}" + smokegate + "{{ end }}");
    }

    private static String replaced(String text, String placeholder, String value) {
        if (!text.contains(placeholder)) {
            throw new AssertionError("a shipped alerts/ file no longer has '" + placeholder + "', which this test replaces");
        }
        return text.replace(placeholder, value);
    }

    private static void deploy(String commit, Instant time) throws Exception {
        HttpResponse<String> r = api.post("/api/v1/deployments", TOKEN, "{\"service\": \"api\", \"environment\": \"prod\", "
                + "\"repository\": \"" + SHOP + "\", \"commit\": \"" + commit + "\", \"time\": \"" + time + "\"}");
        assertEquals(201, r.statusCode(), r.body());
    }

    private static HttpResponse<String> postAlerts(Map<String, Object> alert) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + alertmanager.target() + "/api/v2/alerts"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(List.of(alert)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The fingerprint Alertmanager reports for the alert, checked against how Alertmanager computes it. */
    private static String alertmanagerFingerprint() throws Exception {
        String filter = URLEncoder.encode("alertname=\"HighErrorRate\"", StandardCharsets.UTF_8);
        JsonNode alerts = JSON.readTree(CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + alertmanager.target()
                + "/api/v2/alerts?filter=" + filter)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(1, alerts.size(), alerts.toString());
        String reported = alerts.get(0).get("fingerprint").asText();
        assertEquals(labelsFingerprint(LABELS), reported);
        return reported;
    }

    /**
     * Prometheus's label-set fingerprint, which Alertmanager assigns: FNV-1a 64 over the labels sorted by name, each
     * name and value followed by the byte 0xff, as 16 hex digits.
     */
    private static String labelsFingerprint(Map<String, String> labels) {
        long hash = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            for (String part : List.of(label.getKey(), label.getValue())) {
                for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                    hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
                }
                hash = (hash ^ 0xff) * 0x100000001b3L;
            }
        }
        return String.format("%016x", hash);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (alertmanager != null) {
                alertmanager.close();
            }
        } finally {
            if (api != null) {
                api.close();
            }
            if (webhooks != null) {
                webhooks.stop(0);
            }
        }
    }

    /** Polls the attributions of the alert's fingerprint until {@code done} holds of the list. */
    private static JsonNode awaitAttributions(Predicate<JsonNode> done, String what) throws Exception {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        JsonNode list = null;
        while (System.nanoTime() < deadline) {
            list = json(api.get("/api/v1/attributions?fingerprint=" + fingerprint)).get("attributions");
            if (done.test(list)) {
                return list;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no attribution " + what + " within " + DELIVERY + "; last: " + list
                + "\nalertmanager log:\n" + alertmanager.log());
    }

    private static JsonNode stored() throws Exception {
        String id = awaitAttributions(l -> l.size() == 1, "stored").get(0).get("id").asText();
        return json(api.get("/api/v1/attributions/" + id));
    }

    private static JsonNode next(String path) throws Exception {
        JsonNode body = RECEIVED.get(path).poll(DELIVERY.toSeconds(), TimeUnit.SECONDS);
        if (body == null) {
            throw new AssertionError("nothing reached " + path + " within " + DELIVERY + "\nalertmanager log:\n"
                    + alertmanager.log());
        }
        return body;
    }

    @Test
    @Order(1)
    void anAlertFromAlertmanagerIsAttributedToTheCulpritAndStoredUnderItsFingerprint() throws Exception {
        JsonNode stored = stored();

        assertEquals(fingerprint, stored.get("fingerprint").asText());
        assertEquals("HighErrorRate", stored.get("alertname").asText());
        assertEquals("api", stored.get("service").asText());
        assertEquals(STARTS_AT.toString(), stored.get("startsAt").asText());
        assertEquals("high", stored.get("confidence").asText());
        assertEquals(history.culprit(), stored.get("suspects").get(0).get("commit").asText());
        assertEquals(SHOP + "/commit/" + history.culprit(), stored.get("suspects").get(0).get("url").asText());
        assertEquals(history.deployed(), stored.get("deploy").get("commit").asText());
        assertEquals(history.base(), stored.get("deploy").get("previousCommit").asText());
        assertEquals(true, stored.get("resolvedAt").isNull());
    }

    @Test
    @Order(2)
    void theEnrichedJsonNotificationNamesTheCulprit() throws Exception {
        JsonNode body = next("/json");
        String id = stored().get("id").asText();

        assertEquals(fingerprint, body.get("alert").get("fingerprint").asText());
        assertEquals("HighErrorRate", body.get("alert").get("alertname").asText());
        assertEquals("high", body.get("confidence").asText());
        assertEquals(history.culprit(), body.get("suspects").get(0).get("commit").asText());
        assertEquals("api: new handler", body.get("suspects").get(0).get("subject").asText());
        assertEquals(PUBLIC_URL + "api/v1/attributions/" + id, body.get("attribution").asText());
    }

    @Test
    @Order(3)
    void theEnrichedSlackNotificationLinksTheCulprit() throws Exception {
        JsonNode body = next("/slack");
        JsonNode stored = stored();
        String culprit = history.culprit();

        assertEquals("HighErrorRate (api): confidence high, " + stored.get("suspects").size() + " suspect commits",
                body.get("text").asText());
        assertEquals("• <" + SHOP + "/commit/" + culprit + "|" + culprit.substring(0, 7) + "> api: new handler — "
                + "Dev Eloper &lt;dev@example.com&gt;",
                body.get("blocks").get(1).get("text").get("text").asText().lines().findFirst().orElseThrow());
    }

    @Test
    @Order(4)
    void alertmanagersOwnSlackMessageCarriesTheShippedSuspectsLinkToTheStoredAttribution() throws Exception {
        JsonNode message = next("/alertmanager-slack");
        String link = smokegateUrl() + "/api/v1/attributions?fingerprint=" + fingerprint;

        assertEquals("Suspect commits for HighErrorRate: " + link,
                message.get("attachments").get(0).get("text").asText().strip());
        JsonNode followed = json(api.get(link.substring(smokegateUrl().length()))).get("attributions");
        assertEquals(1, followed.size());
        assertEquals(stored().get("id").asText(), followed.get(0).get("id").asText());
    }

    @Test
    @Order(5)
    void theAlertResolvedInAlertmanagerSetsTheRecoveryTime() throws Exception {
        Instant endsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> posted = postAlerts(Map.of("labels", LABELS, "annotations",
                Map.of("summary", "5xx above 0.5 % for 5 minutes"), "startsAt", STARTS_AT.toString(),
                "endsAt", endsAt.toString()));
        assertEquals(200, posted.statusCode(), posted.body());

        JsonNode list = awaitAttributions(l -> l.size() == 1 && !l.get(0).get("resolvedAt").isNull(), "resolved");

        assertEquals(endsAt.toString(), list.get(0).get("resolvedAt").asText());
        assertEquals(Duration.between(STARTS_AT, endsAt).toSeconds(), list.get(0).get("recoverySeconds").asLong());
    }
}
