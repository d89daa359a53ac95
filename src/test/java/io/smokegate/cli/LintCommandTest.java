package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
