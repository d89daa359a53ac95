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
import io.smokegate.testing.OneCulpritHistory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications of attributions ({@code attribution.notify}) to webhooks served by the test, after an Alertmanager
 * notification reaches {@code POST /api/v1/alerts}: the repository of {@link OneCulpritHistory}, deployed.
 */
class AttributionNotifyTest {

    private static final String FINGERPRINT = "c0ffee0123456789";
    private static final String SHOP = "https://github.com/acme/shop";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    private OneCulpritHistory history;
    private ApiTestSupport api;
    private HttpServer receiver;
    private final Map<String, BlockingQueue<JsonNode>> received = Map.of("/json", new LinkedBlockingQueue<>(),
            "/slack", new LinkedBlockingQueue<>());

    @BeforeEach
    void receiverAndRepository() throws Exception {
        history = OneCulpritHistory.build(root.resolve("shop"));
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        received.forEach((path, queue) -> receiver.createContext(path, exchange -> {
            queue.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }));
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        receiver.stop(0);
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + path);
    }

    private void start(List<AttributionConfig.Notify> notify) throws Exception {
        AttributionConfig config = new AttributionConfig(Map.of("api", new AttributionConfig.Service(root.resolve("shop"),
                List.of("services/api/**"), "prod", RepoLinks.of(SHOP))), AlertInput.DEFAULT_SERVICE_LABELS, Limits.DEFAULT)
                .withNotify(notify, Optional.of(URI.create("https://smokegate.example.com/")));
        api = new ApiTestSupport(root, c -> c.withAttribution(config));
        deploy(history.base(), OneCulpritHistory.at(5));
        deploy(history.deployed(), OneCulpritHistory.at(220));
    }

    private void deploy(String commit, java.time.Instant time) throws Exception {
        HttpResponse<String> r = api.post("/api/v1/deployments", TOKEN, "{\"service\": \"api\", \"environment\": \"prod\", "
                + "\"repository\": \"" + SHOP + "\", \"commit\": \"" + commit + "\", \"time\": \"" + time + "\"}");
        assertEquals(201, r.statusCode(), r.body());
    }

    private HttpResponse<String> fire() throws Exception {
        return api.post("/api/v1/alerts", TOKEN, "{\"version\": \"4\", \"status\": \"firing\", \"receiver\": \"smokegate\", "
                + "\"groupKey\": \"{}\", \"alerts\": [{\"status\": \"firing\", \"labels\": {\"alertname\": \"HighErrorRate\", "
                + "\"service\": \"api\"}, \"annotations\": {}, \"startsAt\": \"" + OneCulpritHistory.at(300) + "\", "
                + "\"endsAt\": \"0001-01-01T00:00:00Z\", \"fingerprint\": \"" + FINGERPRINT + "\"}]}");
    }

    private JsonNode next(String path) throws InterruptedException {
        JsonNode body = received.get(path).poll(20, TimeUnit.SECONDS);
        if (body == null) {
            throw new AssertionError("no notification reached " + path + " within 20 s");
        }
        return body;
    }

    /** What the one receiver at {@code path} got after a firing webhook. */
    private JsonNode notifiedAfterAWebhook(AttributionConfig.Format format, String path) throws Exception {
        start(List.of(new AttributionConfig.Notify(at(path), format)));
        assertEquals(200, fire().statusCode());
        return next(path);
    }

    /** The stored attribution of the test's alert, once the notification told of it. */
    private JsonNode stored() throws Exception {
        String id = json(api.get("/api/v1/attributions?fingerprint=" + FINGERPRINT)).get("attributions").get(0).get("id").asText();
        return json(api.get("/api/v1/attributions/" + id));
    }

    @Test
    void aWebhookAlertIsToldToAJsonReceiverWithTheTopThreeSuspects() throws Exception {
        JsonNode body = notifiedAfterAWebhook(AttributionConfig.Format.JSON, "/json");
        JsonNode stored = stored();
        assertEquals(List.of("alert", "confidence", "note", "suspects", "attribution"), names(body));
        assertEquals(JSON.readTree("{\"alertname\": \"HighErrorRate\", \"service\": \"api\", \"startsAt\": \""
                + OneCulpritHistory.at(300) + "\", \"fingerprint\": \"" + FINGERPRINT + "\"}"), body.get("alert"));
        assertEquals("high", body.get("confidence").asText());
        assertEquals(stored.get("note"), body.get("note"));
        assertEquals(3, body.get("suspects").size());
        JsonNode first = body.get("suspects").get(0);
        JsonNode best = stored.get("suspects").get(0);
        assertEquals(List.of("commit", "subject", "author", "url", "pullRequest", "score", "reasons"), names(first));
        assertEquals(history.culprit(), first.get("commit").asText());
        assertEquals("api: new handler", first.get("subject").asText());
        assertEquals("Dev Eloper <dev@example.com>", first.get("author").asText());
        assertEquals(SHOP + "/commit/" + history.culprit(), first.get("url").asText());
        assertEquals(true, first.get("pullRequest").isNull());
        assertEquals(best.get("score"), first.get("score"));
        assertEquals(best.get("reasons"), first.get("reasons"));
        assertEquals("https://smokegate.example.com/api/v1/attributions/" + stored.get("id").asText(),
                body.get("attribution").asText());
    }

    @Test
    void aWebhookAlertIsToldToASlackReceiverWithSuspectLinks() throws Exception {
        JsonNode body = notifiedAfterAWebhook(AttributionConfig.Format.SLACK, "/slack");
        JsonNode stored = stored();
        String culprit = history.culprit();
        assertEquals("HighErrorRate (api): confidence high, " + stored.get("suspects").size() + " suspect commits",
                body.get("text").asText());
        JsonNode blocks = body.get("blocks");
        assertEquals(3, blocks.size());
        assertEquals("mrkdwn", blocks.get(1).get("text").get("type").asText());
        String firstLine = blocks.get(1).get("text").get("text").asText().lines().findFirst().orElseThrow();
        assertEquals("• <" + SHOP + "/commit/" + culprit + "|" + culprit.substring(0, 7) + "> api: new handler — Dev Eloper &lt;dev@example.com&gt;",
                firstLine);
        assertEquals(3, blocks.get(1).get("text").get("text").asText().lines().count());
        assertEquals("<https://smokegate.example.com/api/v1/attributions/" + stored.get("id").asText() + "|Full attribution>",
                blocks.get(2).get("text").get("text").asText());
    }

    @Test
    void aReceiverThatIsDownNeitherBreaksTheWebhookNorTheOtherReceivers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        start(List.of(new AttributionConfig.Notify(URI.create("http://127.0.0.1:" + closedPort + "/down"),
                AttributionConfig.Format.JSON), new AttributionConfig.Notify(at("/json"), AttributionConfig.Format.JSON)));

        HttpResponse<String> r = fire();

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(history.culprit(), next("/json").get("suspects").get(0).get("commit").asText());
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
