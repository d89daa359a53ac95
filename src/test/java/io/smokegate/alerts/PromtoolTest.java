package io.smokegate.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real promtool (Debian prometheus, 2.42) accepts every shipped rule file and passes every unit test. */
class PromtoolTest {

    @TempDir
    Path temp;

    @Test
    void everyRuleFilePassesPromtoolCheckRules() throws Exception {
        assertEquals(List.of(), failedRuns(AlertFiles.ruleFiles(), PromtoolTest::checkRules));
    }

    @Test
    void everyTestFilePassesPromtoolTestRules() throws Exception {
        assertEquals(List.of(), failedRuns(AlertFiles.testFiles(), PromtoolTest::testRules));
    }

    @Test
    void aRuleFileWithASyntaxErrorFailsPromtoolCheckRules() throws Exception {
        Path broken = copyAlerts().resolve("smokegate-checks.rules.yml");
        replace(broken, "expr: smokegate_check_success == 0", "expr: smokegate_check_success == (0");

        ToolRun run = checkRules(broken);

        assertEquals(1, run.exitCode(), run.report());
        assertTrue(run.output().contains("\"SmokegateCheckFailing\": could not parse expression"), run.report());
    }

    @Test
    void aChangedThresholdFailsTheUnitTestThatPinsIt() throws Exception {
        Path copy = copyAlerts();
        replace(copy.resolve("smokegate-checks.rules.yml"), "(smokegate_run_last_timestamp_seconds) > 3600",
                "(smokegate_run_last_timestamp_seconds) > 7200");

        ToolRun run = testRules(copy.resolve("tests/smokegate-checks.test.yml"));

        assertNotEquals(0, run.exitCode(), run.report());
        assertTrue(run.output().contains("alertname: SmokegateChecklistStale, time: 1h1m"), run.report());
    }

    private interface Promtool {
        ToolRun run(Path file) throws Exception;
    }

    /** promtool's report of every file it did not accept, so one failure shows them all. */
    private static List<String> failedRuns(List<Path> files, Promtool promtool) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            ToolRun run = promtool.run(file);
            if (run.exitCode() != 0) {
                failures.add(run.report());
            }
        }
        return failures;
    }

    private static ToolRun checkRules(Path file) throws Exception {
        Path promtool = ExternalTool.require("promtool", "prometheus");
        // --lint-fatal: a duplicated rule is an error too, not a warning that scrolls by.
        return ToolRun.of(file.getParent(), List.of(promtool.toString(), "check", "rules", "--lint-fatal", file.toString()));
    }

    private static ToolRun testRules(Path file) throws Exception {
        Path promtool = ExternalTool.require("promtool", "prometheus");
        return ToolRun.of(file.getParent(), List.of(promtool.toString(), "test", "rules", file.getFileName().toString()));
    }

    /** alerts/ with its tests/, as the test files expect to find the rule files. */
    private Path copyAlerts() throws Exception {
        Path copy = Files.createDirectories(temp.resolve("alerts/tests"));
        for (Path file : AlertFiles.ruleFiles()) {
            Files.copy(file, copy.getParent().resolve(file.getFileName()));
        }
        for (Path file : AlertFiles.testFiles()) {
            Files.copy(file, copy.resolve(file.getFileName()));
        }
        return copy.getParent();
    }

    private static void replace(Path file, String text, String replacement) throws Exception {
        String content = Files.readString(file);
        assertTrue(content.contains(text), file + " no longer contains " + text);
        Files.writeString(file, content.replace(text, replacement));
    }
}
