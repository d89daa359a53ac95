package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.Main;
import io.smokegate.check.CheckRegistry;
import io.smokegate.store.Database;
import io.smokegate.store.RunStore;
import io.smokegate.testing.ChildJvm;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TargetServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class RunCommandTest {

    @TempDir
    Path dir;

    TargetServer target;
    Path checklist;
    Path dataDir;

    @BeforeEach
    void setUp() throws Exception {
        target = new TargetServer();
        dataDir = dir.resolve("data");
        checklist = dir.resolve("site.yaml");
        Files.writeString(checklist, """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: site}
                spec:
                  vars: {path: /ok}
                  checks:
                    - {id: home, type: http, with: {url: "%s${path}"}}
                    - {id: port, type: tcp, with: {address: "127.0.0.1:%d"}}
                """.formatted(target.url(""), Integer.parseInt(target.url("").replaceAll(".*:(\\d+)$", "$1"))));
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    @Test
    void aPassingRunExitsZeroAndPrintsOneLinePerCheck() {
        CliRun run = CliRun.of("run", checklist.toString(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertTrue(run.out().contains("PASS  home"), run.out());
        assertTrue(run.out().contains("PASS  port"), run.out());
        assertTrue(run.out().contains("PASSED: 2 passed, 0 failed"), run.out());
    }

    @Test
    void aFailingCheckExitsOneAndIsRepeatedUnderProblems() {
        CliRun run = CliRun.of("run", checklist.toString(), "--set", "path=/fail", "--data-dir", dataDir.toString());
        assertEquals(ExitCode.FAILED, run.exitCode());
        assertTrue(run.out().contains("Problems:"), run.out());
        assertTrue(run.out().contains("status 500, expected 2xx: broken on purpose"), run.out());
    }

    @Test
    void anInvalidChecklistExitsTwoNamingFileLineAndColumn() throws Exception {
        Files.writeString(checklist, Files.readString(checklist).replace("type: tcp", "type: tpc"));
        CliRun run = CliRun.of("run", checklist.toString(), "--data-dir", dataDir.toString());
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains(checklist + ":8:"), run.err());
        assertTrue(run.err().contains("did you mean 'tcp'?"), run.err());
        assertFalse(Files.exists(dataDir), "nothing should run or be stored for an invalid checklist");
    }

    @Test
    void settingAVarTheChecklistDoesNotDeclareExitsTwo() {
        CliRun run = CliRun.of("run", checklist.toString(), "--set", "paht=/x", "--data-dir", dataDir.toString());
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains("--set paht") && run.err().contains("did you mean 'path'?"), run.err());
    }

    @Test
    void anUnknownFormatExitsTwoNamingTheFlag() {
        CliRun run = CliRun.of("run", checklist.toString(), "--format", "yaml", "--no-store");
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains("--format yaml"), run.err());
    }

    @Test
    void theJsonReportGoesToTheOutputFileInTheDocumentedShape() throws Exception {
        Path out = dir.resolve("reports/run.json");
        CliRun run = CliRun.of("run", checklist.toString(), "--format", "json", "--output", out.toString(), "--no-store");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        for (String field : new String[] {"checklist", "runId", "status", "startedAt", "durationMs", "checks"}) {
            assertTrue(report.has(field), field);
        }
        assertEquals("site", report.get("checklist").asText());
        JsonNode check = report.get("checks").get(0);
        for (String field : new String[] {"id", "type", "status", "durationMs", "message", "details"}) {
            assertTrue(check.has(field), field);
        }
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        assertTrue(run.err().contains("PASS  home"), "progress goes to stderr when the report is not text on stdout");
    }

    /** The permissions of a report written by a separate smokegate process started under {@code umask}. */
    private String reportPermissionsUnder(String umask) throws Exception {
        Path out = dir.resolve("umask-" + umask + "/run.json");
        ChildJvm.Result child = ChildJvm.run(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"), Main.class,
                "run", checklist.toString(), "--format", "json", "-o", out.toString(), "--no-store", "-q");
        assertEquals(ExitCode.PASSED, child.exitCode(), child.output());
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(out));
    }

    @Test
    void theReportFileGetsThePermissionsTheUmaskAllows() throws Exception {
        assertEquals("rw-r--r--", reportPermissionsUnder("022"));
        assertEquals("rw-rw----", reportPermissionsUnder("007"));
    }

    @Test
    void theJunitReportIsWellFormedXmlWithOneTestCasePerCheck() throws Exception {
        CliRun run = CliRun.of("run", checklist.toString(), "--format", "junit", "--set", "path=/fail", "--no-store", "-q");
        assertEquals(ExitCode.FAILED, run.exitCode());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(run.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(2, xml.getElementsByTagName("testcase").getLength());
        assertEquals(1, xml.getElementsByTagName("failure").getLength());
        assertEquals("", run.err(), "--quiet prints no progress");
    }

    @Test
    void everyRunIsStoredInTheDataDirectory() throws Exception {
        CliRun run = CliRun.of("run", checklist.toString(), "--format", "json", "-q", "--data-dir", dataDir.toString());
        String runId = new ObjectMapper().readTree(run.out()).get("runId").asText();
        try (Database db = Database.sqlite(dataDir, Duration.ofSeconds(1))) {
            assertEquals("site", new RunStore(db, CheckRegistry.standard()).find(runId).orElseThrow().checklist());
        }
    }

    @Test
    void noStoreLeavesNoDatabaseBehind() {
        CliRun run = CliRun.of("run", checklist.toString(), "--no-store", "--data-dir", dataDir.toString());
        assertEquals(ExitCode.PASSED, run.exitCode());
        assertFalse(Files.exists(dataDir.resolve("smokegate.db")));
    }

    @Test
    void aDataDirThatCannotBeCreatedExitsTwoNamingTheFlag() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        CliRun run = CliRun.of("run", checklist.toString(), "--data-dir", file.resolve("sub").toString());
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains("--data-dir"), run.err());
    }

    @Test
    void anUnreachablePushgatewayExitsThreeAfterReporting() {
        CliRun run = CliRun.of("run", checklist.toString(), "--no-store", "--push-gateway",
                "http://127.0.0.1:" + Ports.free());
        assertEquals(ExitCode.UNREACHABLE, run.exitCode());
        assertTrue(run.out().contains("PASSED"), "the report is still printed");
        assertTrue(run.err().contains("cannot push metrics"), run.err());
    }

    @Test
    void aMalformedPushgatewayUrlExitsTwo() {
        CliRun run = CliRun.of("run", checklist.toString(), "--no-store", "--push-gateway", "pushgateway:9091");
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains("--push-gateway"), run.err());
    }

    @Test
    void secretsFromTheEnvironmentNeverReachTheReport() throws Exception {
        String secret = System.getenv("PATH");
        Files.writeString(checklist, """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: site}
                spec:
                  checks:
                    - {id: home, type: http, with: {url: "%s", headers: {Authorization: "Bearer ${env:PATH}"}, bodyContains: ["${env:PATH}"]}}
                """.formatted(target.url("/ok")));
        CliRun run = CliRun.of("run", checklist.toString(), "--format", "json", "--no-store", "-q");
        assertEquals(ExitCode.FAILED, run.exitCode());
        assertFalse(run.out().contains(secret), run.out());
        assertTrue(run.out().contains("«redacted»"), run.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"run", "serve", "lint", "gosum", "sumdb"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().contains("Usage: smokegate " + command), run.out());
        }
    }

    @Test
    void anUnknownOptionExitsTwo() {
        CliRun run = CliRun.of("run", checklist.toString(), "--colour");
        assertEquals(ExitCode.INVALID, run.exitCode());
        assertTrue(run.err().contains("--colour"), run.err());
    }
}
