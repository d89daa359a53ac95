package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.READ_TOKEN;
import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.config.TechDebtSettings;
import io.smokegate.schedule.Schedule;
import io.smokegate.techdebt.ReleaseVersion;
import io.smokegate.techdebt.Thresholds;
import io.smokegate.testing.ManifestRepos;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tech-debt API and gauges of a real serve that scans a manifest directory. */
class TechDebtApiTest {

    /** Never fires during a test: scans happen when a test asks for them. */
    private static final Schedule NEW_YEAR = Schedule.of(null, "0 0 1 1 *", null);

    @TempDir
    Path root;

    ApiTestSupport api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** {@link ManifestRepos#sample}: two deprecated objects in one file, a skipped template; judged against v1.25. */
    private TechDebtSettings settings() throws Exception {
        ManifestRepos.sample(Files.createDirectories(root.resolve("repo")));
        return TechDebtSettings.defaults().withSchedule(NEW_YEAR).withRepos(List.of(root.resolve("repo")))
                .withTargetVersions(Map.of("k8s", new ReleaseVersion(1, 25, 0)))
                .withThresholds(Thresholds.NONE.with("deprecatedApiFiles", 0).with("manifestFilesScanned", 10));
    }

    /** Asks for a scan and waits until it is stored (one more scan listed), then answers the latest. */
    private JsonNode scan() throws Exception {
        int stored = json(api.get("/api/v1/techdebt/scans")).get("scans").size();
        HttpResponse<String> accepted = api.post("/api/v1/techdebt/scans", TOKEN);
        assertEquals(202, accepted.statusCode(), accepted.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (json(api.get("/api/v1/techdebt/scans")).get("scans").size() > stored) {
                return json(api.get("/api/v1/techdebt"));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no scan stored within 20 s");
    }

    @Test
    void beforeTheFirstScanTheLatestIs404SayingHowToGetOne() throws Exception {
        api = new ApiTestSupport(root, settings());

        HttpResponse<String> r = api.get("/api/v1/techdebt");

        assertEquals(404, r.statusCode());
        assertEquals("{\"error\":\"not_found\",\"message\":\"no tech-debt scan yet: the first is under way or scheduled "
                + "(POST /api/v1/techdebt/scans runs one now)\"}", r.body().strip());
    }

    @Test
    void withNothingToScanTheApiSaysWhatToConfigure() throws Exception {
        api = new ApiTestSupport(root, TechDebtSettings.defaults());

        HttpResponse<String> latest = api.get("/api/v1/techdebt");
        HttpResponse<String> scan = api.post("/api/v1/techdebt/scans", TOKEN);

        assertEquals(404, latest.statusCode());
        assertEquals(404, scan.statusCode());
        assertEquals("tech-debt scans are off: serve scans once techdebt.repos (or techdebt.contexts) is configured",
                json(scan).get("message").asText());
    }

    @Test
    void aScanAskedForIsAcceptedAndTheLatestListsTheOffendingObjects() throws Exception {
        api = new ApiTestSupport(root, settings());

        HttpResponse<String> accepted = api.post("/api/v1/techdebt/scans", TOKEN);
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals("/api/v1/techdebt", accepted.headers().firstValue("Location").orElseThrow());
        assertEquals("running", json(accepted).get("status").asText());
        assertEquals("api", json(accepted).get("trigger").asText());
        JsonNode latest = scan();

        assertEquals("v1.25.0", latest.get("targetVersion").asText());
        assertEquals("{\"deprecatedApiFiles\":1,\"deprecatedApiObjects\":2,\"manifestFilesScanned\":3}",
                latest.get("figures").toString());
        assertEquals(("{\"source\":\"file\",\"file\":\"%s/app/web.yaml\",\"line\":1,\"kind\":\"Ingress\",\"name\":\"web\","
                + "\"namespace\":\"shop\",\"apiVersion\":\"extensions/v1beta1\",\"replacement\":\"networking.k8s.io/v1\","
                + "\"deprecatedIn\":\"v1.14.0\",\"removedIn\":\"v1.22.0\",\"status\":\"removed\"}").formatted(root.resolve("repo")),
                latest.get("deprecatedApis").get(0).toString());
        assertEquals("removed-in-next", latest.get("deprecatedApis").get(1).get("status").asText());
        assertTrue(latest.get("partial").asBoolean());
        assertTrue(latest.get("skipped").get(0).get("reason").asText().startsWith(root.resolve("repo") + "/chart/templates/pdb.yaml:4:10: "),
                latest.get("skipped").toString());
    }

    @Test
    void figuresOverTimeListEveryStoredScanOldestFirstWithinTheRange() throws Exception {
        api = new ApiTestSupport(root, settings());
        Instant before = Instant.now().minusSeconds(1);
        scan();
        scan();

        JsonNode all = json(api.get("/api/v1/techdebt/scans"));
        JsonNode range = json(api.get("/api/v1/techdebt/scans?from=" + before + "&to=" + (Instant.now().getEpochSecond() + 1)
                + "&limit=1"));
        JsonNode future = json(api.get("/api/v1/techdebt/scans?from=" + (Instant.now().getEpochSecond() + 60)));

        assertEquals(2, all.get("scans").size(), all.toString());
        JsonNode first = all.get("scans").get(0);
        assertEquals(List.of("scannedAt", "figures", "partial"), fields(first));
        assertEquals("{\"deprecatedApiFiles\":1,\"deprecatedApiObjects\":2,\"manifestFilesScanned\":3}", first.get("figures").toString());
        assertTrue(first.get("partial").asBoolean());
        assertTrue(Instant.parse(first.get("scannedAt").asText()).isBefore(Instant.parse(all.get("scans").get(1).get("scannedAt").asText())));
        assertEquals(List.of(all.get("scans").get(1)), List.copyOf(toList(range.get("scans"))), "limit keeps the newest");
        assertEquals("{\"scans\":[]}", future.toString());
    }

    @Test
    void badTimesAndParametersAre400sNamingTheParameter() throws Exception {
        api = new ApiTestSupport(root, settings());

        assertEquals("from must be an ISO-8601 time such as 2026-01-31T12:00:00Z or Unix seconds such as 1769860800",
                message(api.get("/api/v1/techdebt/scans?from=yesterday"), 400));
        assertEquals("to must be an ISO-8601 time such as 2026-01-31T12:00:00Z or Unix seconds such as 1769860800",
                message(api.get("/api/v1/techdebt/scans?to=2026-13-01T00:00:00Z"), 400));
        assertEquals("from (2026-02-01T00:00:00Z) is after to (2026-01-01T00:00:00Z)",
                message(api.get("/api/v1/techdebt/scans?from=2026-02-01T00:00:00Z&to=1767225600"), 400));
        assertEquals("limit must be a number from 1 to 500", message(api.get("/api/v1/techdebt/scans?limit=0"), 400));
        assertEquals("unknown query parameter 'since' (known: from, limit, to)",
                message(api.get("/api/v1/techdebt/scans?since=1"), 400));
    }

    @Test
    void readingNeedsScopeReadAndScanningScopeRun() throws Exception {
        api = new ApiTestSupport(root, settings());

        assertEquals(401, api.get("/api/v1/techdebt", null).statusCode());
        assertEquals(401, api.get("/api/v1/techdebt/scans", null).statusCode());
        assertEquals(401, api.post("/api/v1/techdebt/scans", null).statusCode());
        assertEquals("token 'reader' lacks scope 'run' needed for POST /api/v1/techdebt/scans",
                message(api.post("/api/v1/techdebt/scans", READ_TOKEN), 403));
        assertEquals(200, api.get("/api/v1/techdebt/scans", READ_TOKEN).statusCode());
    }

    @Test
    void afterAScanTheMetricsShowItsFiguresObjectsAndThresholds() throws Exception {
        api = new ApiTestSupport(root, settings());
        String before = scrape();
        assertTrue(before.contains("\nsmokegate_techdebt_scan_failures_total 0.0\n"), before);
        assertTrue(!before.contains("smokegate_techdebt_figure"), "no figures before the first scan");

        JsonNode latest = scan();
        String text = scrape();

        List<String> lines = Arrays.stream(text.split("\n")).filter(l -> l.startsWith("smokegate_techdebt_")).toList();
        String duration = lines(text, "smokegate_techdebt_scan_duration_seconds ").get(0).split(" ")[1];
        assertEquals(List.of(
                "smokegate_techdebt_deprecated_api_objects{api_version=\"autoscaling/v2beta2\",kind=\"HorizontalPodAutoscaler\",status=\"removed-in-next\"} 1.0",
                "smokegate_techdebt_deprecated_api_objects{api_version=\"extensions/v1beta1\",kind=\"Ingress\",status=\"removed\"} 1.0",
                "smokegate_techdebt_figure{figure=\"deprecatedApiFiles\"} 1.0",
                "smokegate_techdebt_figure{figure=\"deprecatedApiObjects\"} 2.0",
                "smokegate_techdebt_figure{figure=\"manifestFilesScanned\"} 3.0",
                "smokegate_techdebt_last_scan_timestamp_seconds " + timestamp(latest),
                "smokegate_techdebt_scan_duration_seconds " + duration,
                "smokegate_techdebt_scan_failures_total 0.0",
                "smokegate_techdebt_threshold_crossed{figure=\"deprecatedApiFiles\"} 1.0",
                "smokegate_techdebt_threshold_crossed{figure=\"manifestFilesScanned\"} 0.0"), lines);
        // The one value no test can know: a scan of two files takes well under the 20 s this test waits at most.
        assertTrue(Double.parseDouble(duration) >= 0 && Double.parseDouble(duration) < 20, duration);
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = api.get("/metrics", null);
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static List<String> lines(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).toList();
    }

    /** The scan time as the gauge writes it: Unix seconds with milliseconds. */
    private static String timestamp(JsonNode scan) {
        return String.valueOf(Instant.parse(scan.get("scannedAt").asText()).toEpochMilli() / 1000.0);
    }

    private static String message(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return json(r).get("message").asText();
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
