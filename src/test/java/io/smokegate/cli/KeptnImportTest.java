package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smokegate slo import keptn}: Keptn's quality-gate files printed as a smokegate SLO, or refused. */
class KeptnImportTest {

    private static final String EXAMPLES = "src/test/resources/keptn/";

    @TempDir
    Path dir;

    private static CliRun importKeptn(String... args) {
        return CliRun.of(java.util.stream.Stream.concat(java.util.stream.Stream.of("slo", "import", "keptn"),
                java.util.Arrays.stream(args)).toArray(String[]::new));
    }

    @Test
    void theSloIsPrintedOnStdoutAndWhatDiffersFromKeptnOnStderr() throws Exception {
        CliRun run = importKeptn(EXAMPLES + "carts/slo.yaml", "--sli", EXAMPLES + "carts/sli.yaml");

        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals(Files.readString(Path.of(EXAMPLES + "carts/converted.yaml")), run.out());
        assertEquals("""
                note: relative criteria compare with this checklist's earlier smokegate verdicts; Keptn's evaluation \
                history is not imported
                note: $DURATION_SECONDS became $window: the gate's --window, else the SLO's window: (5m when unset), \
                where Keptn used the evaluation's timeframe
                note: Keptn's Prometheus provider reads a query without series as 0, smokegate as no value (the \
                objective fails): append 'or vector(0)' to queries where 0 is right, or set ifEmpty: ignore
                """, run.err());
    }

    @Test
    void anUnconvertibleFileExitsTwoAndPrintsNoSlo() {
        CliRun run = importKeptn(EXAMPLES + "spec/slo.yaml");

        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("", run.out());
        assertEquals(List.of(
                "error: " + EXAMPLES + "spec/slo.yaml:2:1: filter: not supported: smokegate has no SLI provider to hand"
                        + " Keptn's filter to (write the selection into the SLI queries (label matchers) and remove filter)",
                "error: " + EXAMPLES + "spec/slo.yaml:11:8: objectives[0].sli: no query for 'response_time_p95' (give"
                        + " Keptn's SLI file with --sli FILE, or name a smokegate SLI such as run.success_ratio)"),
                run.err().lines().toList());
    }

    @Test
    void aFileThatIsNotYamlIsRefusedWithItsPosition() throws Exception {
        Path slo = Files.writeString(dir.resolve("slo.yaml"), "spec_version: '1.0'\nobjectives: [\n");

        CliRun run = importKeptn(slo.toString());

        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("", run.out());
        assertEquals("error: " + slo + ":3:1: YAML syntax: expected the node content, but found '<stream end>' while"
                + " parsing a flow node\n", run.err());
    }

    @Test
    void anSliFileThatIsNotAMappingIsRefused() throws Exception {
        Path sli = Files.writeString(dir.resolve("sli.yaml"), "- vector(1)\n");

        CliRun run = importKeptn(EXAMPLES + "carts/slo.yaml", "--sli", sli.toString());

        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("", run.out());
        assertEquals("error: " + sli + ":1:1: expected a mapping (key: value), found a list\n", run.err());
    }

    @Test
    void anOversizedFileIsRefusedUnread() throws Exception {
        Path slo = Files.writeString(dir.resolve("slo.yaml"), "spec_version: '1.0'\n" + "#".repeat(1024 * 1024) + "\n");

        CliRun run = importKeptn(slo.toString());

        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("error: " + slo + ": file is 1048597B, larger than the limit of 1MiB (split it into several files)\n",
                run.err());
    }

    @Test
    void anAliasBombIsRefusedAsInAChecklist() throws Exception {
        StringBuilder yaml = new StringBuilder("spec_version: '1.0'\na: &a [x, x]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i == 1 ? "" : i - 1)
                    .append(", *a").append(i == 1 ? "" : i - 1).append("]\n");
        }
        Path slo = Files.writeString(dir.resolve("slo.yaml"), yaml.toString());

        CliRun run = importKeptn(slo.toString());

        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("", run.out());
        assertEquals(List.of("error: " + slo + ":13:12: more than 20 aliases of mappings or lists; alias bombs are refused"
                + " (write the values out; aliases of single values are not limited)"), run.err().lines().toList());
    }

    @Test
    void aMissingFileIsNamed() {
        CliRun run = importKeptn(dir.resolve("slo.yaml").toString());

        assertEquals(ExitCode.INVALID, run.exitCode());
        assertEquals("error: " + dir.resolve("slo.yaml") + ": no such file\n", run.err());
    }
}
