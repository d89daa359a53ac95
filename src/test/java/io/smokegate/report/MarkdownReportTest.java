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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CI summary table: one row per check, whatever the check's message contains. */
class MarkdownReportTest {

    private static String write(RunReport report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MarkdownReport().write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> tableRows(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("| ")).skip(1).toList();
    }

    /** Splits a table row into cells the way GitHub does: a pipe ends a cell unless backslash-escaped. */
    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length()) {
                cell.append(c).append(row.charAt(++i));
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    private static String messageCell(CheckResult check) throws IOException {
        List<String> rows = tableRows(write(SampleRuns.run("md", T0, check)));
        assertEquals(1, rows.size(), "one row per check");
        List<String> cells = cells(rows.get(0));
        assertEquals(5, cells.size(), "five cells: " + rows.get(0));
        return cells.get(4);
    }

    @Test
    void oneErrorIsCountedInTheSingular() throws IOException {
        String md = write(SampleRuns.run("md", T0, check("buggy", CheckStatus.ERROR, "internal error")));

        assertTrue(md.contains("0 passed, 0 failed, 1 error, 0 skipped in "), md);
    }

    @Test
    void headlineAndOneRowPerCheck() throws IOException {
        RunReport report = new RunReport("0195f0c2-3b4a-7c5d-8e6f-0123456789ab", "goproxy-public", Map.of(),
                RunStatus.FAILED, "cli", T0, Duration.ofMillis(1500), List.of(
                        check("ok", CheckStatus.PASSED, "200 OK"),
                        check("down", CheckStatus.FAILED, "connection refused"),
                        check("later", CheckStatus.SKIPPED, "needs down, which failed")));

        String md = write(report);

        assertTrue(md.startsWith("### ❌ smokegate: `goproxy-public` failed\n\n"), md);
        assertTrue(md.contains("1 passed, 1 failed, 0 errors, 1 skipped in 1.5 s · run `0195f0c2-3b4a-7c5d-8e6f-0123456789ab`"), md);
        assertTrue(md.contains("| | Check | Type | Duration | Result |\n|---|---|---|---:|---|\n"), md);
        assertEquals(List.of(
                "| ✅ | `ok` | http | 42 ms | 200 OK |",
                "| ❌ | `down` | http | 42 ms | connection refused |",
                "| ⏭️ | `later` | http |  | needs down, which failed |"), tableRows(md));
    }

    @Test
    void securityFailureHasItsOwnIconTagAndCount() throws IOException {
        RunReport report = SampleRuns.run("sums", T0,
                check("down", CheckStatus.FAILED, "connection refused"),
                SampleRuns.securityFailure("sum", "checksum mismatch for example.com/m@v1.0.0"));

        String md = write(report);

        assertTrue(md.contains("0 passed, 2 failed (1 security), 0 errors, 0 skipped in 1.5 s"), md);
        assertEquals(List.of(
                "| ❌ | `down` | http | 42 ms | connection refused |",
                "| 🚨 | `sum` | http | 42 ms | SECURITY: checksum mismatch for example.com/m@v1.0.0 |"), tableRows(md));
    }

    @Test
    void passedRunHasAPassingHeadline() throws IOException {
        assertTrue(write(SampleRuns.passing("ok", T0)).startsWith("### ✅ smokegate: `ok` passed"));
    }

    @Test
    void pipesAreEscapedSoTheyCannotAddCells() throws IOException {
        assertEquals("a \\| b \\|\\| c", messageCell(check("p", CheckStatus.FAILED, "a | b || c")));
    }

    @Test
    void newlinesCannotEndTheRow() throws IOException {
        assertEquals("line one line two line three", messageCell(check("n", CheckStatus.FAILED, "line one\nline two\r\n\rline three")));
    }

    @Test
    void otherControlCharactersAreReplaced() throws IOException {
        assertEquals("bell?esc?[31mred", messageCell(check("c", CheckStatus.FAILED, "bell\u0007esc\u001b[31mred")));
    }

    @Test
    void backticksCannotOpenOrCloseCodeSpans() throws IOException {
        String cell = messageCell(check("b", CheckStatus.FAILED, "run `rm -rf /` now ```"));

        assertFalse(cell.contains("`"), cell);
        assertEquals("run 'rm -rf /' now '''", cell);
    }

    @Test
    void htmlIsEscaped() throws IOException {
        String cell = messageCell(check("h", CheckStatus.FAILED, "<script>alert(1)</script><img src=x onerror=y>"));

        assertFalse(cell.contains("<") || cell.contains(">"), cell);
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=y&gt;", cell);
    }

    @Test
    void backslashesAreEscapedSoTheyCannotUnescapeAPipe() throws IOException {
        // "\|" in the message must not become an escaped pipe followed by a real cell break, or vice versa.
        assertEquals("a\\\\\\|b", messageCell(check("s", CheckStatus.FAILED, "a\\|b")));
    }

    @Test
    void everyRowHasFiveCellsWhateverTheMessages() throws IOException {
        String nasty = "x | y \n `z` <b>|</b> \\| \\\\| \t end";
        RunReport report = SampleRuns.run("many", T0,
                check("a", CheckStatus.FAILED, nasty), check("b", CheckStatus.ERROR, nasty), check("c", CheckStatus.PASSED, nasty));

        List<String> rows = tableRows(write(report));

        assertEquals(3, rows.size());
        for (String row : rows) {
            assertEquals(5, cells(row).size(), row);
        }
    }
}
