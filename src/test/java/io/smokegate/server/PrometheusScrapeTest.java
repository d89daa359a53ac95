package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.httpChecklist;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.testing.PrometheusServer;
import io.smokegate.testing.TargetServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus scrapes a real {@code serve} and answers queries for its series. */
class PrometheusScrapeTest {

    @TempDir
    Path root;

    @Test
    void prometheusScrapesServeAndAnswersAQueryForACheckSeries() throws Exception {
        try (TargetServer target = new TargetServer();
             ApiTestSupport api = new ApiTestSupport(root, TOKEN, 2, 4, Duration.ofSeconds(2))) {
            api.checklist("ok.yaml", httpChecklist("ok", target.url("/ok"), "5s"));
            api.checklist("failing.yaml", httpChecklist("failing", target.url("/fail"), "5s"));
            assertEquals(200, api.post("/api/v1/checklists/ok/runs?wait=true", TOKEN).statusCode());
            assertEquals(200, api.post("/api/v1/checklists/failing/runs?wait=true", TOKEN).statusCode());

            try (PrometheusServer prometheus = PrometheusServer.start(root.resolve("prometheus"), """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    scrape_configs:
                      - job_name: smokegate
                        static_configs: [{targets: ["127.0.0.1:%d"]}]
                    """.formatted(api.app.port()))) {
                Duration wait = Duration.ofSeconds(30);
                assertEquals("1", prometheus.awaitSingleValue("up{job=\"smokegate\"}", wait));
                assertEquals("1", prometheus.awaitSingleValue(
                        "smokegate_check_success{checklist=\"ok\",check=\"probe\",type=\"http\"}", wait));
                assertEquals("0", prometheus.awaitSingleValue("smokegate_check_success{checklist=\"failing\"}", wait));
                assertEquals("1", prometheus.awaitSingleValue("sum(smokegate_runs_total{status=\"failed\"})", wait));
            }
        }
    }
}
