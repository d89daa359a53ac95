package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckStatus;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunReport;
import io.smokegate.slo.GateResult;
import io.smokegate.store.AcceptedRun;
import io.smokegate.store.AcceptedRunStore;
import io.smokegate.store.Database;
import io.smokegate.store.Migrations;
import io.smokegate.store.RunStore;
import io.smokegate.store.VerdictStore;
import io.smokegate.testing.Ports;
import io.smokegate.testing.PrometheusServer;
import io.smokegate.testing.SampleRuns;
import io.smokegate.testing.TargetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class GateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TargetServer target;
    Path dataDir;

    @BeforeEach
    void setUp() {
        target = new TargetServer();
        dataDir = dir.resolve("data");
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    /** A checklist with one http check of {@code ${path}} and the given objectives. */
    private Path checklist(String objectives) throws Exception {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: site}
                spec:
                  vars: {path: /ok}
                  checks:
                    - {id: home, type: http, with: {url: "%s${path}"}}
                  slo:
                    total: {pass: 90%%, warning: 50%%}
                    objectives:
                """.formatted(target.url("")) + objectives.indent(6));
        return file;
    }

    private CliRun gate(Path checklist, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("gate", checklist.toString(), "--data-dir", dataDir.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static final String HOME_PASSES = "- {name: home-up, sli: \"check.success{id=home}\", pass: \"=1\", key: true}";

    @Test
    void aPassingGateExitsZeroAfterTheRunAndItsObjectives() throws Exception {
        CliRun run = gate(checklist(HOME_PASSES));
        assertEquals(ExitCode.PASSED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("PASS  home"), run.out());
        assertTrue(run.out().contains("PASS  home-up"), run.out());
        assertTrue(run.out().contains("GATE PASS: score 100% >= 90% to pass"), run.out());
    }

    @Test
    void aFailedKeyObjectiveExitsOne() throws Exception {
        CliRun run = gate(checklist(HOME_PASSES), "--set", "path=/fail");
        assertEquals(ExitCode.FAILED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("GATE FAIL: key objective 'home-up' failed: 0 misses =1"), run.out());
    }

    @Test
    void aWarningPassesUnlessWarningsFail() throws Exception {
        Path file = checklist("""
                - {name: home-up, sli: "check.success{id=home}", pass: "=1"}
                - {name: instant, sli: "check.duration_seconds{id=home}", pass: "< 1ms"}
                """);
        CliRun lenient = gate(file);
        assertEquals(ExitCode.PASSED, lenient.exitCode(), lenient.out() + lenient.err());
        assertTrue(lenient.out().contains("GATE WARNING: score 50%"), lenient.out());
        CliRun strict = gate(file, "--fail-on-warning");
        assertEquals(ExitCode.FAILED, strict.exitCode(), strict.out() + strict.err());
    }

    @Test
    void aChecklistWithoutSloCannotBeGated() throws Exception {
        Path file = dir.resolve("plain.yaml");
        Files.writeString(file, """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: plain}
                spec:
                  checks: [{id: home, type: http, with: {url: "%s"}}]
                """.formatted(target.url("/ok")));
        CliRun run = gate(file);
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains("checklist 'plain' declares no SLO; add spec.slo.objectives"), run.err());
        assertEquals(0, target.requests(), "nothing runs before the gate is known to be judgeable");
    }

    @Test
    void promqlObjectivesNeedAPrometheus() throws Exception {
        CliRun run = gate(checklist("- {name: up, promql: 'up', pass: \">= 1\"}"));
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains("objective up of checklist 'site' use promql: give --prometheus URL"), run.err());
    }

    @Test
    void anUnreachablePrometheusExitsThreeWithAnErrorVerdictNeverAPass() throws Exception {
        int port = Ports.free();
        CliRun run = gate(checklist(HOME_PASSES + "\n- {name: up, promql: 'vector(1)', pass: \">= 1\"}"),
                "--prometheus", "http://127.0.0.1:" + port, "--format", "json", "-q");
        assertEquals(ExitCode.UNREACHABLE, run.exitCode(), run.err());
        JsonNode verdict = JSON.readTree(run.out()).get("verdict");
        assertEquals("error", verdict.get("result").asText());
        assertEquals("cannot connect to Prometheus at http://127.0.0.1:" + port + ": connection refused; nothing was judged"
                + " (no score)", verdict.get("message").asText());
    }

    @Test
    void anErrorVerdictReportsNoScore() throws Exception {
        // home-up passes and up cannot be asked: a score would read 50 although nothing was judged.
        Path file = checklist(HOME_PASSES + "\n- {name: up, promql: 'vector(1)', pass: \">= 1\"}");
        CliRun json = gate(file, "--prometheus", "http://127.0.0.1:" + Ports.free(), "--format", "json", "-q");
        assertTrue(JSON.readTree(json.out()).at("/verdict/score").isNull(), json.out());
        CliRun text = gate(file, "--prometheus", "http://127.0.0.1:" + Ports.free());
        assertTrue(text.out().contains("GATE ERROR: cannot connect to Prometheus at http://127.0.0.1:"), text.out());
        assertTrue(text.out().contains("; nothing was judged (no score) · verdict "), text.out());
    }

    @Test
    void anUnreachableDatabaseStillReportsTheRunWithAnErrorVerdictInTheFormatAsked() throws Exception {
        String database = "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/smokegate";
        Path file = checklist(HOME_PASSES);
        CliRun json = gate(file, "--database-url", database, "--format", "json", "-q");
        assertEquals(ExitCode.UNREACHABLE, json.exitCode(), json.err());
        JsonNode report = JSON.readTree(json.out());
        assertEquals("passed", report.get("status").asText(), "the run happened and is reported");
        assertEquals("error", report.at("/verdict/result").asText());
        assertTrue(report.at("/verdict/score").isNull(), report.at("/verdict").toString());
        assertTrue(report.at("/verdict/message").asText().startsWith("--database-url: cannot reach database " + database),
                report.at("/verdict").toString());
        Path xml = dir.resolve("out/gate.xml");
        CliRun junit = gate(file, "--database-url", database, "--format", "junit", "-o", xml.toString(), "-q");
        assertEquals(ExitCode.UNREACHABLE, junit.exitCode(), junit.err());
        Element suite = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
                .getElementsByTagName("testsuite").item(1);
        assertEquals("1", suite.getAttribute("errors"));
        CliRun text = gate(file, "--database-url", database);
        assertEquals(ExitCode.UNREACHABLE, text.exitCode(), text.err());
        assertTrue(text.out().contains("PASS  home"), text.out());
        assertTrue(text.out().contains("GATE ERROR: --database-url: cannot reach database"), text.out());
    }

    @Test
    void promqlObjectivesAreAskedOfARealPrometheus() throws Exception {
        // vector(1) over a 30m window sampled every minute: 30 points, so $window stood for 30m.
        try (PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"), "global: {scrape_interval: 1s}\n")) {
            Path file = checklist("""
                    - {name: one, promql: 'vector(1)', pass: ">= 1"}
                    - {name: window, promql: 'count_over_time(vector(1)[$window:1m])', pass: "= 30"}
                    - {name: nothing, promql: 'smokegate_no_such_series', pass: ">= 1"}
                    - {name: quiet, promql: 'smokegate_no_such_series', pass: ">= 1", ifEmpty: ignore}
                    """);
            CliRun run = gate(file, "--prometheus", prometheus.url(), "--window", "30m", "--format", "json", "-q");
            JsonNode slo = JSON.readTree(run.out()).get("slo").get("objectives");
            assertEquals("pass", slo.get(0).get("status").asText(), slo.toString());
            assertEquals("pass", slo.get(1).get("status").asText(), slo.toString());
            assertEquals("fail", slo.get(2).get("status").asText());
            assertEquals("no value: the query returned no series", slo.get(2).get("message").asText());
            assertEquals("info", slo.get(3).get("status").asText());
            assertEquals("warning", JSON.readTree(run.out()).get("verdict").get("result").asText(), "66.67% is between 50% and 90%");
            assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        }
    }

    @Test
    void anExpressionPrometheusRejectsIsInvalidInputNamingTheObjective() throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"), "global: {scrape_interval: 1s}\n")) {
            CliRun run = gate(checklist("- {name: broken, promql: 'sum(up', pass: \">= 1\"}"), "--prometheus", prometheus.url());
            assertEquals(ExitCode.INVALID, run.exitCode(), run.out());
            assertTrue(run.err().contains("objective broken: Prometheus answered HTTP 400, bad_data:"), run.err());
        }
    }

    @Test
    void aStoredRunIsJudgedWithoutRunningAgain() throws Exception {
        Path file = checklist(HOME_PASSES);
        CliRun first = CliRun.of("run", file.toString(), "--data-dir", dataDir.toString(), "--format", "json", "-q");
        String runId = JSON.readTree(first.out()).get("runId").asText();
        int requests = target.requests();
        CliRun run = gate(file, "--run-id", runId, "--format", "json");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals(runId, JSON.readTree(run.out()).get("runId").asText());
        assertEquals(requests, target.requests());
    }

    @Test
    void aRunServeHasAcceptedButNotFinishedIsWaitedForAndThenJudged() throws Exception {
        Path file = checklist(HOME_PASSES);
        String runId = RunIds.next();
        RunReport finished = SampleRuns.run(runId, "site", SampleRuns.T0,
                SampleRuns.check("home", CheckStatus.PASSED, "status 200"));
        try (Database db = Database.sqlite(dataDir, Duration.ofSeconds(5))) {
            Migrations.apply(db);
            new AcceptedRunStore(db).accept(new AcceptedRun(runId, "site", Map.of(), "api", "ci", "replica-1",
                    SampleRuns.T0, SampleRuns.T0, List.of(new AcceptedRun.PlannedCheck("home", "http", 1))));
            Thread finisher = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1500);
                    new RunStore(db, CheckRegistry.standard()).save(finished);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            CliRun run = gate(file, "--run-id", runId, "--format", "json");

            finisher.join();
            assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
            assertTrue(run.err().contains("waiting for run " + runId + " to finish"), run.err());
            assertEquals(runId, JSON.readTree(run.out()).get("runId").asText());
        }
    }

    @Test
    void anUnknownRunIdIsInvalidInput() throws Exception {
        CliRun run = gate(checklist(HOME_PASSES), "--run-id", "01a20107-0153-7033-b446-247a6ff7eac3");
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains("--run-id 01a20107-0153-7033-b446-247a6ff7eac3: no such run in"), run.err());
        CliRun malformed = gate(checklist(HOME_PASSES), "--run-id", "../../etc/passwd");
        assertEquals(ExitCode.INVALID, malformed.exitCode());
        assertTrue(malformed.err().contains("not a run id"), malformed.err());
    }

    @Test
    void relativeCriteriaCompareWithEarlierVerdicts() throws Exception {
        Path file = checklist("- {name: no-slower, sli: \"check.duration_seconds{id=home}\", pass: \"<= +50%\"}");
        CliRun first = gate(file, "--set", "path=/sleep/200");
        assertEquals(ExitCode.PASSED, first.exitCode(), first.out());
        assertTrue(first.out().contains("no earlier results, so relative criteria pass"), first.out());
        CliRun slower = gate(file, "--set", "path=/sleep/600");
        assertEquals(ExitCode.FAILED, slower.exitCode(), slower.out());
        assertTrue(slower.out().contains("misses <= +50% (earlier: 0.2"), slower.out());
    }

    @Test
    void everyVerdictIsStored() throws Exception {
        Path file = checklist(HOME_PASSES);
        gate(file);
        gate(file, "--set", "path=/fail");
        try (Database db = Database.sqlite(dataDir, Duration.ofSeconds(5))) {
            assertEquals(List.of(GateResult.FAIL, GateResult.PASS),
                    new VerdictStore(db).list("site", 10).stream().map(VerdictStore.Stored::result).toList());
        }
    }

    @Test
    void junitXmlHasASuiteOfObjectivesAndTheGate() throws Exception {
        Path report = dir.resolve("out/gate.xml");
        CliRun run = gate(checklist(HOME_PASSES), "--set", "path=/fail", "--format", "junit", "-o", report.toString());
        assertEquals(ExitCode.FAILED, run.exitCode());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(1);
        assertEquals("site.slo", suite.getAttribute("name"));
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals("3", xml.getDocumentElement().getAttribute("tests"));
    }

    @Test
    void markdownEndsWithTheGatesTable() throws Exception {
        CliRun run = gate(checklist(HOME_PASSES), "--format", "markdown", "-q");
        assertTrue(run.out().contains("#### ✅ gate pass: score 100% &gt;= 90% to pass"), run.out());
        assertTrue(run.out().contains("| ✅ | `home-up` (key) | 1 | =1 |  | 1 meets =1 |"), run.out());
    }

    @Test
    void alsoReportWritesTheSameVerdictInAnotherFormatFromTheOneRun() throws Exception {
        Path xml = dir.resolve("out/gate.xml");
        Path markdown = dir.resolve("summary/gate.md");
        CliRun run = gate(checklist(HOME_PASSES), "--set", "path=/fail", "--format", "junit", "-o", xml.toString(),
                "--also-report", "markdown=" + markdown, "--also-report", "json=" + dir.resolve("gate.json"), "-q");
        assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(dir.resolve("gate.json").toFile());
        assertEquals("fail", json.at("/verdict/result").asText());
        String summary = Files.readString(markdown);
        assertTrue(summary.contains(" · run `" + json.get("runId").asText() + "`"), summary);
        assertTrue(summary.contains("#### ❌ gate fail: key objective 'home-up' failed"), summary);
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertEquals("site.slo", ((Element) junit.getElementsByTagName("testsuite").item(1)).getAttribute("name"));
        assertEquals(1, target.requests(), "the checklist ran once for all three reports");
        try (Database db = Database.sqlite(dataDir, Duration.ofSeconds(5))) {
            assertEquals(1, new VerdictStore(db).list("site", 10).size(), "one verdict");
        }
    }

    @Test
    void anAlsoReportThatIsNotFormatEqualsFileIsInvalidInput() throws Exception {
        CliRun run = gate(checklist(HOME_PASSES), "--also-report", "summary.md");
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("error: --also-report summary.md: expected FORMAT=FILE with FORMAT text, json, junit or markdown,"
                + " e.g. markdown=gate.md\n", run.err());
        assertEquals(0, target.requests(), "nothing ran");
    }

    @Test
    void anAlsoReportThatCannotBeWrittenIsExitThreeAfterTheMainReport() throws Exception {
        Files.writeString(dir.resolve("taken"), "a file, not a directory");
        CliRun run = gate(checklist(HOME_PASSES), "--format", "json", "-q", "--also-report", "markdown=" + dir.resolve("taken/gate.md"));
        assertEquals(ExitCode.UNREACHABLE, run.exitCode());
        assertEquals("pass", JSON.readTree(run.out()).at("/verdict/result").asText());
        assertTrue(run.err().startsWith("error: --also-report markdown=" + dir.resolve("taken/gate.md") + ": cannot write the report: "), run.err());
    }

    @Test
    void badFlagsAreInvalidInput() throws Exception {
        Path file = checklist(HOME_PASSES);
        CliRun window = gate(file, "--window", "soon");
        assertEquals(ExitCode.INVALID, window.exitCode());
        assertTrue(window.err().contains("--window soon: not a duration"), window.err());
        CliRun prometheus = gate(file, "--prometheus", "prometheus:9090");
        assertEquals(ExitCode.INVALID, prometheus.exitCode());
        assertTrue(prometheus.err().contains("--prometheus 'prometheus:9090' is not an http(s) URL"), prometheus.err());
        assertFalse(Files.exists(dataDir.resolve("smokegate.db")), "nothing stored for a refused gate");
    }
}
