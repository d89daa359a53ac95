package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.httpChecklist;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.testing.ExternalTool;
import io.smokegate.testing.ManagedProcess;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TargetServer;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus scrapes a real {@code serve} and answers queries for its series. */
class PrometheusScrapeTest {

    @TempDir
    Path root;

    @Test
    void prometheusScrapesServeAndAnswersAQueryForACheckSeries() throws Exception {
        Path prometheus = ExternalTool.require("prometheus", "prometheus");
        try (TargetServer target = new TargetServer();
             ApiTestSupport api = new ApiTestSupport(root, TOKEN, 2, 4, Duration.ofSeconds(2))) {
            api.checklist("ok.yaml", httpChecklist("ok", target.url("/ok"), "5s"));
            api.checklist("failing.yaml", httpChecklist("failing", target.url("/fail"), "5s"));
            assertEquals(200, api.post("/api/v1/checklists/ok/runs?wait=true", TOKEN).statusCode());
            assertEquals(200, api.post("/api/v1/checklists/failing/runs?wait=true", TOKEN).statusCode());

            Path config = root.resolve("prometheus.yml");
            Files.writeString(config, """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    scrape_configs:
                      - job_name: smokegate
                        static_configs: [{targets: ["127.0.0.1:%d"]}]
                    """.formatted(api.app.port()));
            int port = Ports.free();
            try (ManagedProcess p = ManagedProcess.start(root, List.of(prometheus.toString(),
                    "--config.file=" + config, "--storage.tsdb.path=" + root.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + port))) {
                p.awaitHttp("http://127.0.0.1:" + port + "/-/ready", Duration.ofSeconds(30));
                String base = "http://127.0.0.1:" + port;
                assertEquals("1", awaitValue(base, "up{job=\"smokegate\"}"));
                assertEquals("1", awaitValue(base, "smokegate_check_success{checklist=\"ok\",check=\"probe\",type=\"http\"}"));
                assertEquals("0", awaitValue(base, "smokegate_check_success{checklist=\"failing\"}"));
                assertEquals("1", awaitValue(base, "sum(smokegate_runs_total{status=\"failed\"})"));
            }
        }
    }

    private static String awaitValue(String base, String promql) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            last = new ObjectMapper().readTree(r.body());
            JsonNode result = last.path("data").path("result");
            if (result.size() == 1) {
                return result.get(0).get("value").get(1).asText();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no single result for " + promql + ": " + last);
    }
}
