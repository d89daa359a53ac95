package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.attribution.AlertInput;
import io.smokegate.attribution.Limits;
import io.smokegate.config.AttributionConfig;
import io.smokegate.testing.OneCulpritHistory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy, attribution and DORA series on {@code /metrics}, after deploys and alerts went through the API: the
 * repository of {@link OneCulpritHistory} is service {@code api}'s, deployed in the last days so the 30-day DORA
 * period covers it.
 */
class AttributionMetricsTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant FIRST_DEPLOY = NOW.minus(Duration.ofDays(3));
    private static final Instant SECOND_DEPLOY = NOW.minus(Duration.ofDays(2));
    private static final Instant ALERT_START = NOW.minus(Duration.ofDays(1));

    @TempDir
    Path root;
    private OneCulpritHistory history;
    private ApiTestSupport api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private void start(String repository) throws Exception {
        history = OneCulpritHistory.build(root.resolve("shop"));
        AttributionConfig config = new AttributionConfig(Map.of("api", new AttributionConfig.Service(repository,
                List.of("services/api/**"), "prod", Optional.empty(), List.of("api-smoke", "api-checkout"))),
                AlertInput.DEFAULT_SERVICE_LABELS, Limits.DEFAULT);
        api = new ApiTestSupport(root, c -> c.withAttribution(config));
    }

    private void startWithShopDeployedTwice() throws Exception {
        start(root.resolve("shop").toString());
        deploy(history.base(), FIRST_DEPLOY);
        deploy(history.deployed(), SECOND_DEPLOY);
    }

    private void deploy(String commit, Instant time) throws Exception {
        HttpResponse<String> r = api.post("/api/v1/deployments", TOKEN, "{\"service\": \"api\", \"environment\": \"prod\", "
                + "\"repository\": \"https://github.com/acme/shop\", \"commit\": \"" + commit + "\", \"time\": \"" + time + "\"}");
        assertEquals(201, r.statusCode(), r.body());
    }

    private HttpResponse<String> attribute(String service) throws Exception {
        return api.post("/api/v1/attributions", TOKEN, "{\"labels\": {\"alertname\": \"HighErrorRate\", \"service\": \""
                + service + "\"}, \"startsAt\": \"" + ALERT_START + "\", \"fingerprint\": \"c0ffee0123456789\"}");
    }

    private void notify(String status, Instant endsAt) throws Exception {
        HttpResponse<String> r = api.post("/api/v1/alerts", TOKEN, "{\"version\": \"4\", \"status\": \"" + status
                + "\", \"receiver\": \"smokegate\", \"groupKey\": \"{}\", \"alerts\": [{\"status\": \"" + status
                + "\", \"labels\": {\"alertname\": \"HighErrorRate\", \"service\": \"api\"}, \"startsAt\": \"" + ALERT_START
                + "\", \"endsAt\": \"" + (endsAt == null ? "0001-01-01T00:00:00Z" : endsAt) + "\", \"fingerprint\": "
                + "\"c0ffee0123456789\"}]}");
        assertEquals(200, r.statusCode(), r.body());
    }

    /**
     * The value of {@code series} (name and labels exactly as exported) once {@code /metrics} shows it with
     * {@code expected}, polled for 10 s: the series read from the database are refreshed in the background.
     */
    private void awaitSeries(String series, double expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Double last = null;
        String metrics = "";
        while (System.nanoTime() < deadline) {
            metrics = api.get("/metrics", TOKEN).body();
            last = value(metrics, series);
            if (last != null && last == expected) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(series + " is " + last + ", expected " + expected + ", in\n" + metrics);
    }

    private static Double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return null;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    @Test
    void theLastDeployOfEachServiceIsExportedAsItsTime() throws Exception {
        startWithShopDeployedTwice();

        awaitSeries("smokegate_deployment_last_timestamp_seconds{environment=\"prod\",service=\"api\"}",
                SECOND_DEPLOY.getEpochSecond());
    }

    @Test
    void theChecklistsThatWatchAServiceAreExportedForAlertRulesToJoinOn() throws Exception {
        startWithShopDeployedTwice();

        awaitSeries("smokegate_service_checklist_info{checklist=\"api-smoke\",environment=\"prod\",service=\"api\"}", 1);
        awaitSeries("smokegate_service_checklist_info{checklist=\"api-checkout\",environment=\"prod\",service=\"api\"}", 1);
    }

    @Test
    void theCountersOfEveryConfiguredServiceStartAtZeroSoAFirstFailureIsAnIncrease() throws Exception {
        startWithShopDeployedTwice();

        awaitSeries("smokegate_attribution_failures_total{service=\"api\"}", 0);
        awaitSeries("smokegate_attribution_failures_total", 0);
        awaitSeries("smokegate_attributions_total{confidence=\"high\",service=\"api\"}", 0);
        awaitSeries("smokegate_attributions_total{confidence=\"none\"}", 0);
    }

    @Test
    void anAttributionIsCountedByConfidenceAndTimed() throws Exception {
        startWithShopDeployedTwice();

        assertEquals(200, attribute("api").statusCode());

        awaitSeries("smokegate_attributions_total{confidence=\"high\",service=\"api\"}", 1);
        awaitSeries("smokegate_attribution_duration_seconds_count", 1);
    }

    @Test
    void anAlertOfAServiceWithoutConfigurationIsCountedWithoutAServiceLabel() throws Exception {
        startWithShopDeployedTwice();

        assertEquals(200, attribute("billing").statusCode());

        awaitSeries("smokegate_attributions_total{confidence=\"none\"}", 1);
    }

    @Test
    void theTopSuspectOfTheLatestAttributionIsExportedAsAnInfoSeries() throws Exception {
        startWithShopDeployedTwice();

        String id = json(attribute("api")).get("id").asText();

        awaitSeries("smokegate_attribution_suspect_info{alertname=\"HighErrorRate\",attribution=\"" + id + "\",commit=\""
                + history.culprit() + "\",confidence=\"high\",deploy_commit=\"" + history.deployed()
                + "\",fingerprint=\"c0ffee0123456789\",service=\"api\"}", 1);
    }

    @Test
    void anAttributionThatCannotReadTheRepositoryIsCountedAsAFailure() throws Exception {
        start(root.resolve("no-such-repository").toString());

        assertEquals(503, attribute("api").statusCode());

        awaitSeries("smokegate_attribution_failures_total{service=\"api\"}", 1);
    }

    @Test
    void doraFiguresOfTheLast30DaysAreExportedPerServiceAndEnvironment() throws Exception {
        startWithShopDeployedTwice();
        deploy(history.culprit(), NOW.minus(Duration.ofDays(40)));
        notify("firing", null);
        awaitSeries("smokegate_attributions_total{confidence=\"high\",service=\"api\"}", 1);
        notify("resolved", ALERT_START.plus(Duration.ofMinutes(30)));

        String labels = "{environment=\"prod\",service=\"api\"}";
        awaitSeries("smokegate_dora_deployments" + labels, 2);
        awaitSeries("smokegate_dora_deployments_per_day" + labels, 2 / 30.0);
        awaitSeries("smokegate_dora_failed_deployments" + labels, 1);
        awaitSeries("smokegate_dora_change_failure_ratio" + labels, 0.5);
        awaitSeries("smokegate_dora_recovery_time_seconds" + labels, 1800);
        awaitSeries("smokegate_dora_unrecovered_deployments" + labels, 0);
        // The median of two lead times is their mean: each deploy time minus its commit's time.
        awaitSeries("smokegate_dora_lead_time_seconds" + labels, (seconds(OneCulpritHistory.at(0), FIRST_DEPLOY)
                + seconds(OneCulpritHistory.at(210), SECOND_DEPLOY)) / 2);
    }
}
