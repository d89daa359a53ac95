package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smokegate.Main;
import io.smokegate.analysis.AnalysisPhase;
import io.smokegate.report.AnalysisJson;
import io.smokegate.store.AnalysisStore;
import io.smokegate.store.Database;
import io.smokegate.testing.ChildJvm;
import io.smokegate.testing.PrometheusServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code gate --for --interval}: a release whose health the test turns bad part-way through the window, watched
 * through its /health endpoint and through a real Prometheus scraping its /metrics every second.
 */
class GateAnalysisTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The release under watch: /health answers 200 while healthy, else 500; /metrics has release_healthy 1 or 0. */
    HttpServer release;
    final AtomicBoolean healthy = new AtomicBoolean(true);
    /** What /metrics tells Prometheus, apart from /health: a fault only Prometheus sees. */
    final AtomicBoolean scrapedHealthy = new AtomicBoolean(true);

    @BeforeEach
    void startRelease() throws Exception {
        release = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        release.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        release.createContext("/", exchange -> {
            boolean metrics = exchange.getRequestURI().getPath().equals("/metrics");
            boolean ok = metrics ? scrapedHealthy.get() : healthy.get();
            byte[] body = (metrics ? "release_healthy " + (ok ? 1 : 0) + "\n" : ok ? "ok" : "broken").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(metrics || ok ? 200 : 500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        release.start();
    }

    @AfterEach
    void stopRelease() {
        release.stop(0);
    }

    private String releaseUrl() {
        return "http://127.0.0.1:" + release.getAddress().getPort();
    }

    /** A checklist watching /health (sli) and, when {@code promql}, release_healthy over each interval. */
    private Path checklist(boolean promql) throws Exception {
        String objectives = "      - {name: health, sli: \"check.success{id=health}\", pass: \"=1\", key: true}\n"
                + (promql ? "      - {name: healthy-all-interval, promql: 'min_over_time(release_healthy[$window])', pass: \">= 1\", key: true}\n" : "");
        return Files.writeString(dir.resolve("release.yaml"), """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: release}
                spec:
                  checks:
                    - {id: health, type: http, with: {url: "%s/health"}}
                  slo:
                    objectives:
                """.formatted(releaseUrl()) + objectives);
    }

    private CliRun gate(Path checklist, String... more) {
        List<String> args = new ArrayList<>(List.of("gate", checklist.toString(), "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private PrometheusServer prometheusScrapingTheRelease() throws Exception {
        PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"), """
                global: {scrape_interval: 1s}
                scrape_configs:
                  - job_name: release
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                """.formatted(release.getAddress().getPort()));
        prometheus.awaitSingleValue("release_healthy", Duration.ofSeconds(30));
        return prometheus;
    }

    /** Turns the release bad {@code after} from now, on a timer of its own. */
    private void breakReleaseIn(Duration after) {
        Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().unstarted(r))
                .schedule(() -> healthy.set(false), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aHealthyWindowSucceedsAfterEveryMeasurement() throws Exception {
        try (PrometheusServer prometheus = prometheusScrapingTheRelease()) {
            CliRun run = gate(checklist(true), "--prometheus", prometheus.url(), "--for", "6s", "--interval", "2s",
                    "--format", "json", "-q");
            assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
            JsonNode analysis = JSON.readTree(run.out());
            assertEquals("Successful", analysis.get("phase").asText(), run.out());
            assertEquals(3, analysis.get("measurements").size());
            assertEquals("all 3 measurements taken: 3 successful, 0 failed, 0 not judged", analysis.get("message").asText());
            for (JsonNode m : analysis.get("measurements")) {
                assertEquals("pass", m.get("result").asText(), m.toString());
                assertEquals("Successful", m.get("phase").asText(), m.toString());
            }
        }
    }

    @Test
    void aSeriesThatTurnsBadMidWindowFailsTheAnalysisEarly() throws Exception {
        try (PrometheusServer prometheus = prometheusScrapingTheRelease()) {
            Path file = checklist(true);
            // Only Prometheus sees it: /health keeps answering, so the promql objective alone must catch it.
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().unstarted(r))
                    .schedule(() -> scrapedHealthy.set(false), 3_000, TimeUnit.MILLISECONDS);
            CliRun run = gate(file, "--prometheus", prometheus.url(), "--for", "20s", "--interval", "2s",
                    "--format", "json", "-q");
            assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
            JsonNode analysis = JSON.readTree(run.out());
            assertEquals("Failed", analysis.get("phase").asText(), run.out());
            JsonNode measurements = analysis.get("measurements");
            assertEquals("pass", measurements.get(0).get("result").asText(), "the first interval was healthy: " + measurements);
            assertEquals("fail", measurements.get(measurements.size() - 1).get("result").asText(), measurements.toString());
            assertTrue(measurements.size() <= 3, "stopped at the first failure, not after all 10: " + measurements);
            assertEquals("1 of " + measurements.size() + " measurements failed, more than the failure limit (0)",
                    analysis.get("message").asText());
        }
    }

    @Test
    void failuresWithinTheLimitLetTheWindowGoOn() throws Exception {
        breakReleaseIn(Duration.ofMillis(2_500));
        CliRun run = gate(checklist(false), "--for", "4s", "--interval", "1s", "--failure-limit", "5", "--format", "json", "-q");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        JsonNode analysis = JSON.readTree(run.out());
        assertEquals("Successful", analysis.get("phase").asText());
        assertEquals(4, analysis.get("measurements").size());
        assertEquals("Failed", analysis.get("measurements").get(3).get("phase").asText(), analysis.toString());
    }

    @Test
    void prometheusLostMidWindowEndsItInconclusiveNeverSuccessful() throws Exception {
        PrometheusServer prometheus = prometheusScrapingTheRelease();
        try {
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().unstarted(r)).schedule(() -> {
                prometheus.close();
                return null;
            }, 3_000, TimeUnit.MILLISECONDS);
            CliRun run = gate(checklist(true), "--prometheus", prometheus.url(), "--for", "20s", "--interval", "2s",
                    "--format", "junit", "-q");
            assertEquals(ExitCode.UNREACHABLE, run.exitCode(), run.err());
            Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
            org.w3c.dom.NodeList errors = junit.getElementsByTagName("error");
            assertEquals(2, errors.getLength(), "the measurement that could not be judged, and the analysis: " + run.out());
            String measurement = errors.item(0).getAttributes().getNamedItem("message").getNodeValue();
            assertTrue(measurement.startsWith("error: ") && measurement.contains("nothing was judged (no score)"), measurement);
            String analysisCase = errors.item(1).getAttributes().getNamedItem("message").getNodeValue();
            assertTrue(analysisCase.startsWith("Inconclusive: 1 of "), analysisCase);
            assertTrue(analysisCase.endsWith(" measurements could not be judged, more than the inconclusive limit (0)"), analysisCase);
        } finally {
            prometheus.close();
        }
    }

    @Test
    void eachMeasurementIsALineAndTheLastLineIsThePhase() throws Exception {
        breakReleaseIn(Duration.ofMillis(1_500));
        CliRun run = gate(checklist(false), "--for", "3s", "--interval", "1s");
        assertEquals(ExitCode.FAILED, run.exitCode(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("smokegate analysis \\S+ of checklist release: 3 measurements, one every 1s for 3s "
                + "\\(failure limit 0, inconclusive limit 0\\)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1/3  OK    pass    score 100.0 · "), lines.get(1));
        assertTrue(lines.get(2).startsWith("2/3  FAIL  fail    score 0.0 · key objective 'health' failed"), lines.get(2));
        assertTrue(lines.getLast().startsWith("ANALYSIS FAILED: 1 of 2 measurements failed, more than the failure limit (0)"
                + " · analysis "), lines.getLast());
    }

    @Test
    void theMarkdownSummaryHasARowPerMeasurement() throws Exception {
        CliRun run = gate(checklist(false), "--for", "2s", "--interval", "1s", "--format", "markdown", "-q");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("### ✅ smokegate analysis: `release` Successful\n"), run.out());
        assertTrue(run.out().contains("| 1 | "), run.out());
        assertTrue(run.out().contains("| 2 | "), run.out());
        assertTrue(run.out().contains("| ✅ Successful | pass | 100.0 |"), run.out());
    }

    @Test
    void theAnalysisIsStoredWithItsMeasurementsAsTheServiceStoresItsOwn() throws Exception {
        CliRun run = gate(checklist(false), "--for", "2s", "--interval", "1s", "--format", "json", "-q");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        String id = JSON.readTree(run.out()).get("id").asText();
        try (Database db = Database.sqlite(dir.resolve("data"), Duration.ofSeconds(5))) {
            AnalysisStore.Owned stored = new AnalysisStore(db).find(id).orElseThrow();
            assertEquals(AnalysisStore.CLI_OWNER, stored.owner());
            assertEquals(AnalysisPhase.SUCCESSFUL, stored.analysis().phase());
            assertEquals(2, stored.analysis().measurements().size());
            assertEquals(JSON.readTree(run.out()), JSON.readTree(AnalysisJson.document(stored.analysis())),
                    "the report is the stored document");
        }
    }

    @Test
    void anAbortRequestedThroughTheDatabaseStopsTheCliWithinASecond() throws Exception {
        Path file = checklist(false);
        java.util.concurrent.CompletableFuture<CliRun> running = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> gate(file, "--for", "60s", "--interval", "1s", "--format", "json", "-q"));
        String id = null;
        try (Database db = Database.sqlite(dir.resolve("data"), Duration.ofSeconds(5))) {
            AnalysisStore store = new AnalysisStore(db);
            for (int i = 0; i < 150 && id == null; i++) {
                Thread.sleep(100);
                id = store.list(null, 1, null).analyses().stream().filter(a -> !a.measurements().isEmpty())
                        .map(io.smokegate.analysis.Analysis::id).findFirst().orElse(null);
            }
            assertTrue(id != null, "no measurement stored within 15 s");
            store.requestAbort(id, "ops");
        }
        CliRun run = running.get(10, TimeUnit.SECONDS);
        assertEquals(ExitCode.UNREACHABLE, run.exitCode(), run.err());
        JsonNode analysis = JSON.readTree(run.out());
        assertEquals("Error", analysis.get("phase").asText());
        assertTrue(analysis.get("message").asText().matches("aborted by ops after \\d of 60 measurements"), analysis.toString());
    }

    @Test
    void aWindowShorterThanTheIntervalIsRefusedBeforeAnythingRuns() throws Exception {
        CliRun run = gate(checklist(false), "--for", "30s", "--interval", "1m");
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("error: --for 30s is shorter than the interval (1m); the window must hold at least one interval\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void aNegativeLimitIsRefused() throws Exception {
        CliRun run = gate(checklist(false), "--for", "5m", "--failure-limit", "-1");
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("error: --failure-limit -1 is negative; 0 fails the analysis on the first failed measurement\n", run.err());
    }

    @Test
    void limitsWithoutAWindowAreRefused() throws Exception {
        CliRun run = gate(checklist(false), "--interval", "1m");
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("error: --interval, --failure-limit and --inconclusive-limit need --for (the window to analyse)\n", run.err());
    }

    @Test
    void aWindowCannotJudgeAStoredRun() throws Exception {
        CliRun run = gate(checklist(false), "--for", "5m", "--run-id", "0e8b8a4e-4c1a-4a8e-9a57-5a1d6f1c2b3d");
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("error: --for cannot be combined with --run-id (an analysis runs the checklist at every interval)\n", run.err());
    }

    @Test
    void aWindowOfZeroIsNotADuration() throws Exception {
        CliRun run = gate(checklist(false), "--for", "0s");
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().startsWith("error: --for 0s: not a duration of at least 1s; "), run.err());
    }

    @Test
    void sigtermEndsTheAnalysisInErrorAndStillReportsWhatWasMeasured() throws Exception {
        Process child = new ProcessBuilder(ChildJvm.command(List.of(), Main.class, "gate", checklist(false).toString(),
                "--data-dir", dir.resolve("data").toString(), "--for", "60s", "--interval", "1s", "--format", "json"))
                .redirectOutput(dir.resolve("report.json").toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        child.getOutputStream().close();
        BufferedReader progress = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = progress.readLine()) != null && !line.startsWith(" 1/60")) {
            // The header first, then one line per measurement: stop the child once it has measured once.
        }
        assertTrue(line != null, "the child ended before its first measurement");
        child.destroy(); // SIGTERM; destroy() also closes the pipes, hence the report in a file
        assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child did not stop within 20 s of SIGTERM");
        String report = Files.readString(dir.resolve("report.json"));
        JsonNode analysis = JSON.readTree(report);
        assertTrue(analysis.has("phase"), "exit " + child.exitValue() + ", report: " + report);
        assertEquals("Error", analysis.get("phase").asText(), analysis.toString());
        assertTrue(analysis.get("message").asText().matches("aborted by a signal \\(Ctrl-C or SIGTERM\\) after \\d+ of 60 measurements"),
                analysis.toString());
        assertTrue(analysis.get("measurements").size() >= 1, analysis.toString());
    }
}
