package io.smokegate.report;

import static io.smokegate.testing.SampleRuns.T0;
import static io.smokegate.testing.SampleRuns.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.testing.SampleRuns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The human report: one line per check, then a summary that repeats the problems. */
class TextReportTest {

    private static String write(RunReport report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TextReport().write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static RunReport mixed() {
        CheckResult retried = new CheckResult("flaky", "http", CheckStatus.PASSED, T0, Duration.ofMillis(1250), "200 OK",
                Map.of(), List.of(), 3, 1);
        return new RunReport("0195f0c2-3b4a-7c5d-8e6f-0123456789ab", "goproxy-public", Map.of(), RunStatus.FAILED, "cli",
                T0, Duration.ofMillis(2500), List.of(
                        check("ok", CheckStatus.PASSED, "200 OK"),
                        retried,
                        check("down", CheckStatus.FAILED, "connection refused"),
                        check("buggy", CheckStatus.ERROR, "internal error in http check: NullPointerException"),
                        check("later", CheckStatus.SKIPPED, "needs down, which failed")));
    }

    @Test
    void reportIsAHeaderOneLinePerCheckAndASummary() throws IOException {
        List<String> lines = write(mixed()).lines().toList();

        assertEquals(List.of(
                "smokegate run 0195f0c2-3b4a-7c5d-8e6f-0123456789ab of checklist goproxy-public",
                "PASS  ok    http      42 ms  200 OK",
                "PASS  flaky http      1.3 s  200 OK (3 attempts)",
                "FAIL  down  http      42 ms  connection refused",
                "ERROR buggy http      42 ms  internal error in http check: NullPointerException",
                "SKIP  later http             needs down, which failed",
                "",
                "Problems:",
                "  FAIL  down  http      42 ms  connection refused",
                "  ERROR buggy http      42 ms  internal error in http check: NullPointerException",
                "",
                "FAILED: 2 passed, 1 failed, 1 error, 1 skipped of 5 checks in 2.5 s"), lines);
    }

    @Test
    void summaryListsOnlyFailedAndErroredChecksAsProblems() {
        String summary = TextReport.summary(mixed());

        String problems = summary.substring(summary.indexOf("Problems:"), summary.indexOf("FAILED:"));
        assertTrue(problems.contains("down") && problems.contains("buggy"), problems);
        assertFalse(problems.contains("ok ") || problems.contains("flaky") || problems.contains("later"), problems);
    }

    @Test
    void passedRunHasNoProblemsSection() {
        String summary = TextReport.summary(SampleRuns.passing("fine", T0));

        assertFalse(summary.contains("Problems"), summary);
        assertEquals("\nPASSED: 1 passed, 0 failed, 0 errors, 0 skipped of 1 check in 1.5 s\n",
                summary.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void multiLineAndControlCharacterMessagesStayOnOneLine() throws IOException {
        RunReport report = SampleRuns.run("ml", T0, check("x", CheckStatus.FAILED, "first\nsecond\r\nthird\tfourth\u001b[2Jend"));

        List<String> lines = write(report).lines().toList();

        assertEquals("FAIL  x http      42 ms  first second third fourth?[2Jend", lines.get(1));
        assertFalse(write(report).contains("\u001b"), "no terminal escapes from a check message");
    }

    private static RunReport withSecurityFailure() {
        return SampleRuns.run("sums", T0,
                check("ok", CheckStatus.PASSED, "200 OK"),
                check("down", CheckStatus.FAILED, "connection refused"),
                SampleRuns.securityFailure("sum", "checksum mismatch for example.com/m@v1.0.0"));
    }

    @Test
    void securityFailureIsTaggedOnItsLineAndInTheSummaryCount() throws IOException {
        List<String> lines = write(withSecurityFailure()).lines().toList();

        assertEquals("FAIL  sum  http      42 ms  SECURITY: checksum mismatch for example.com/m@v1.0.0", lines.get(3));
        assertEquals("FAIL  down http      42 ms  connection refused", lines.get(2));
        assertEquals("  FAIL  sum  http      42 ms  SECURITY: checksum mismatch for example.com/m@v1.0.0", lines.get(7));
        assertEquals("FAILED: 1 passed, 2 failed (1 security), 0 errors, 0 skipped of 3 checks in 1.5 s", lines.get(9));
    }

    @Test
    void securityMessageThatAlreadySaysSoIsNotTaggedTwice() throws IOException {
        RunReport report = SampleRuns.run("fork", T0, SampleRuns.securityFailure("tree", "SECURITY: the checksum database forked"));

        assertEquals("FAIL  tree http      42 ms  SECURITY: the checksum database forked", write(report).lines().toList().get(1));
    }

    @Test
    void abortedRunSaysSo() {
        RunReport aborted = new RunReport("id", "cl", Map.of(), RunStatus.ABORTED, "cli", T0, Duration.ofMillis(10),
                List.of(check("x", CheckStatus.ERROR, "cancelled: interrupted by signal")));

        String summary = TextReport.summary(aborted);

        assertTrue(summary.contains("Problems:\n  ERROR x"), summary);
        assertTrue(summary.contains("ABORTED: 0 passed, 0 failed, 1 error, 0 skipped of 1 check in 10 ms"), summary);
    }
}
