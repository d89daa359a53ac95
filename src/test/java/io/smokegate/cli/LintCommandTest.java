package io.smokegate.cli;

import static io.smokegate.testing.SloFiles.SLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.Main;
import io.smokegate.testing.ChildJvm;
import io.smokegate.testing.LeakyChecklist;
import io.smokegate.testing.SloFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {

    @TempDir
    Path dir;

    @Test
    void theShippedChecklistsAreValid() throws Exception {
        try (var files = Files.list(Path.of("checklists"))) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("lint"),
                    files.map(Path::toString).sorted()).toArray(String[]::new);
            CliRun run = CliRun.of(args);
            assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
            assertTrue(run.out().contains("ok: checklists/public-endpoints.yaml"), run.out());
        }
    }

    /** A checklist with one check, {@code probe}, whose SLO is {@code sloReference}. */
    private Path checklistNaming(String name, String sloReference) throws Exception {
        return SloFiles.checklist(dir, name + ".yaml", name, sloReference);
    }

    @Test
    void anSloFileIsLintedWithTheChecklistsThatNameIt() throws Exception {
        Path slo = Files.writeString(dir.resolve("release.slo.yaml"), SLO);
        Path proxy = checklistNaming("proxy", "release.slo.yaml");
        Path mirror = checklistNaming("mirror", "release.slo.yaml");

        CliRun run = CliRun.of("lint", slo.toString(), proxy.toString(), mirror.toString());

        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals("ok: " + proxy + " (checklist proxy, 1 check)\n"
                + "ok: " + mirror + " (checklist mirror, 1 check)\n"
                + "ok: " + slo + " (SLO file of checklist proxy, mirror)\n", run.out());
    }

    @Test
    void anSloFileGivenAloneIsNotCalledInvalidButSaysHowToLintIt() throws Exception {
        Path slo = Files.writeString(dir.resolve("release.slo.yaml"), SLO);

        CliRun run = CliRun.of("lint", slo.toString());

        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals("not linted alone: " + slo + " (SLO file): its SLIs select a checklist's checks; lint it with a"
                + " checklist that names it in spec.slo\n", run.out());
    }

    @Test
    void aProblemInAnSloFileIsReportedAtItsOwnLineThroughTheChecklist() throws Exception {
        Path slo = Files.writeString(dir.resolve("release.slo.yaml"), """
                objectives:
                  - {name: probe-up, sli: "check.success{id=nope}", pass: "=1"}
                total: {pass: 90%}
                """);
        Path proxy = checklistNaming("proxy", "release.slo.yaml");

        CliRun run = CliRun.of("lint", slo.toString(), proxy.toString());

        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("error: " + slo + ":2:27: objectives[0].sli: the checklist has no check with id 'nope' (expected one"
                + " of: probe)\n2 of 2 files invalid\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void keptnsFilesAreRecognisedAndLintedWithTheChecklistThatNamesThem() throws Exception {
        Path slo = Files.writeString(dir.resolve("slo.yaml"), """
                spec_version: '1.0'
                objectives:
                  - sli: response_time_p95
                    pass: [{criteria: ["<600"]}]
                total_score: {pass: "90%"}
                """);
        Path sli = Files.writeString(dir.resolve("sli.yaml"), """
                spec_version: '1.0'
                indicators:
                  response_time_p95: histogram_quantile(0.95, sum(rate(http_duration_seconds_bucket[$DURATION_SECONDS])) by (le))
                """);

        CliRun alone = CliRun.of("lint", slo.toString(), sli.toString());
        Path carts = checklistNaming("carts", "{keptn: slo.yaml, sli: sli.yaml}");
        CliRun named = CliRun.of("lint", slo.toString(), sli.toString(), carts.toString());

        assertEquals(ExitCode.PASSED, alone.exitCode(), alone.err());
        assertEquals("not linted alone: " + slo + " (Keptn's SLO file): lint it with a checklist that names it in"
                + " spec.slo, or convert it with: smokegate slo import keptn " + slo + " [--sli SLI]\n"
                + "not linted alone: " + sli + " (Keptn's SLI file): lint it with a checklist that names it in"
                + " spec.slo.sli, or convert its SLO with: smokegate slo import keptn SLO --sli " + sli + "\n", alone.out());
        assertEquals(ExitCode.PASSED, named.exitCode(), named.err());
        assertEquals("ok: " + carts + " (checklist carts, 1 check)\n"
                + "ok: " + slo + " (Keptn's SLO file of checklist carts)\n"
                + "ok: " + sli + " (Keptn's SLI file of checklist carts)\n", named.out());
    }

    @Test
    void unsetSecretsDoNotMakeAChecklistInvalid() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: c}
                spec:
                  checks:
                    - {id: a, type: http, with: {url: "https://example.org", headers: {Authorization: "Bearer ${env:SMOKEGATE_LINT_TEST_UNSET}"}}}
                """);
        CliRun run = CliRun.of("lint", file.toString());
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
    }

    /** A valid checklist of one check. */
    private Path good() throws Exception {
        return Files.writeString(dir.resolve("good.yaml"), """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: good}
                spec:
                  checks: [{id: a, type: tcp, with: {address: "localhost:1"}}]
                """);
    }

    @Test
    void countsOfOneAreSingular() throws Exception {
        Path good = good();
        assertEquals("ok: " + good + " (checklist good, 1 check)\n", CliRun.of("lint", good.toString()).out());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: smokegate.io/v2\n");
        assertTrue(CliRun.of("lint", bad.toString()).err().endsWith("1 of 1 file invalid\n"));
    }

    @Test
    void everyInvalidFileIsReportedAndTheExitCodeIsTwo() throws Exception {
        Path good = good();
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: smokegate.io/v2\n");
        CliRun run = CliRun.of("lint", good.toString(), bad.toString(), dir.resolve("missing.yaml").toString());
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.out().contains("ok: " + good), run.out());
        assertTrue(run.err().contains(bad + ":1:13: apiVersion: 'smokegate.io/v2' is not supported"), run.err());
        assertTrue(run.err().contains(dir.resolve("missing.yaml") + ": no such file"), run.err());
        assertTrue(run.err().contains("2 of 3 files invalid"), run.err());
    }

    @Test
    void invalidParametersDoNotPrintTheSecretsInThem() throws Exception {
        Path file = Files.writeString(dir.resolve("leaky.yaml"), LeakyChecklist.yaml());

        // a real environment variable, so a child process: lint reads System.getenv
        ChildJvm.Result run = ChildJvm.run(List.of(), Map.of(LeakyChecklist.VARIABLE, LeakyChecklist.SECRET), Main.class,
                "lint", file.toString());

        assertEquals(ExitCode.INVALID, run.exitCode(), run.output());
        assertFalse(run.output().toLowerCase(Locale.ROOT).contains(LeakyChecklist.SECRET.toLowerCase(Locale.ROOT)),
                run.output());
        for (String expected : List.of(
                ":6:41: spec.checks[0].with.url: 'http://x/?t=«redacted» y' is not a URL",
                ":7:48: spec.checks[1].with.address: '«redacted»' is not host:port",
                ":8:72: spec.checks[2].with.expectStatus: '«redacted»' is not a status code pattern",
                ":9:71: spec.checks[3].with.maxLatency: '«redacted»' is not a duration",
                ":10:69: spec.checks[4].with.recordType: '«redacted»' is not supported",
                ":11:68: spec.checks[5].with.bodyRegex: '(«redacted»' is not a regular expression",
                ":12:66: spec.checks[6].with.method: '«redacted» X' is not an HTTP method")) {
            assertTrue(run.output().contains(file + expected), expected + " in:\n" + run.output());
        }
    }

    @Test
    void aShippedChaosScenarioIsValid() throws Exception {
        CliRun run = CliRun.of("lint", "chaos-scenarios/proxy-pod-kill.yaml", "chaos-scenarios/faults/proxy-latency.yaml");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals("ok: chaos-scenarios/proxy-pod-kill.yaml (chaos scenario proxy-pod-kill, 1 fault)\n"
                + "ok: chaos-scenarios/faults/proxy-latency.yaml (NetworkChaos proxy-latency)\n", run.out());
    }

    @Test
    void aChaosMeshResourceWithAnUnknownFieldIsInvalid() throws Exception {
        Path fault = dir.resolve("fault.yaml");
        Files.writeString(fault, Files.readString(Path.of("chaos-scenarios/faults/proxy-latency.yaml"))
                .replace("latency: 200ms", "lantecy: 200ms"));
        CliRun run = CliRun.of("lint", fault.toString());
        assertEquals(ExitCode.INVALID, run.exitCode(), run.err());
        assertEquals("error: " + fault + ":14:5: spec.delay.latency: missing required field\n"
                + "error: " + fault + ":14:5: spec.delay.lantecy: unknown field of spec.delay in NetworkChaos (did you mean 'latency'?)\n"
                + "1 of 1 file invalid\n", run.err());
    }

    @Test
    void aChaosScenarioNamingAMissingChecklistIsInvalid() throws Exception {
        Path scenario = dir.resolve("kill.yaml");
        Files.createDirectories(dir.resolve("faults"));
        Files.copy(Path.of("chaos-scenarios/faults/proxy-pod-kill.yaml"), dir.resolve("faults/proxy-pod-kill.yaml"));
        Files.writeString(scenario, Files.readString(Path.of("chaos-scenarios/proxy-pod-kill.yaml"))
                .replace("checklist: athens-private", "checklist: athens"));
        CliRun run = CliRun.of("lint", "--checklists", "checklists", scenario.toString());
        assertEquals(ExitCode.INVALID, run.exitCode(), run.err());
        assertEquals("error: " + scenario + ":8:14: spec.checklist: no valid checklist named 'athens' in checklists"
                + " (expected one of: athens-private, chaos-demo, cluster-baseline, goproxy-public, public-endpoints)\n"
                + "1 of 1 file invalid\n", run.err());
    }
}
