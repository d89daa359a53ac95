package io.smokegate.report;

import static io.smokegate.testing.SampleRuns.T0;
import static io.smokegate.testing.SampleRuns.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Outcome;
import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.Redactor;
import io.smokegate.input.Position;
import io.smokegate.run.RunControl;
import io.smokegate.run.RunReport;
import io.smokegate.run.Runner;
import io.smokegate.testing.SampleRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live progress: plain lines for logs and pipes, a redrawn status line on a terminal. */
class ProgressPrinterTest {

    private static final String RUN_ID = "0195f0c2-3b4a-7c5d-8e6f-0123456789ab";
    private static final String CLEAR_LINE = "\r\033[2K";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static CheckSpec spec(String id) {
        return new CheckSpec(id, "http", "", Duration.ofSeconds(1), 1, 1.0, List.of(), probe -> Outcome.pass("ok"),
                Position.of("t.yaml"));
    }

    private static final CheckSpec API = spec("api");
    private static final CheckSpec DB = spec("db");
    private static final Checklist CHECKLIST = new Checklist("prod", "", Map.of(), 2, List.of(API, DB), null, null,
            Redactor.none(), "t.yaml", List.of());

    /** A run as the runner reports it: both start, db retries once, api passes, db fails. */
    private static void playRun(ProgressPrinter printer) {
        printer.runStarted(RUN_ID, CHECKLIST);
        printer.checkStarted(API);
        printer.checkStarted(DB);
        printer.checkRetrying(DB, 1, "connection\nrefused", Duration.ofMillis(200));
        CheckResult api = check("api", CheckStatus.PASSED, "200 OK");
        CheckResult db = check("db", CheckStatus.FAILED, "connection refused");
        printer.checkFinished(api);
        printer.checkFinished(db);
        printer.runFinished(SampleRuns.run(RUN_ID, "prod", T0, api, db));
    }

    @Test
    void offTerminalEachEventIsOnePlainLine() {
        playRun(new ProgressPrinter(out, false));

        List<String> lines = output().lines().toList();
        assertEquals(List.of(
                "smokegate run " + RUN_ID + " of checklist prod (2 checks)",
                "RETRY db: attempt 1 failed (connection refused), next in 200 ms",
                "PASS  api http      42 ms  200 OK",
                "FAIL  db  http      42 ms  connection refused"), lines.subList(0, 4));
        assertEquals("FAILED: 1 passed, 1 failed, 0 errors, 0 skipped of 2 checks in 1.5 s", lines.get(lines.size() - 1));
    }

    @Test
    void aChecklistOfOneCheckIsCountedInTheSingular() {
        new ProgressPrinter(out, false).runStarted(RUN_ID, new Checklist("one", "", Map.of(), 1, List.of(API), null, null,
                Redactor.none(), "t.yaml", List.of()));

        assertEquals("smokegate run " + RUN_ID + " of checklist one (1 check)", output().strip());
    }

    @Test
    void offTerminalThereAreNoEscapesOrCarriageReturns() {
        playRun(new ProgressPrinter(out, false));

        assertFalse(output().contains("\033"), output());
        assertFalse(output().contains("\r"), output());
    }

    @Test
    void offTerminalStartingACheckPrintsNothing() {
        ProgressPrinter printer = new ProgressPrinter(out, false);
        printer.runStarted(RUN_ID, CHECKLIST);
        int before = output().length();

        printer.checkStarted(API);

        assertEquals(before, output().length(), "a start would only be noise in a log; its result line follows");
    }

    @Test
    void onTerminalStatusLineShowsProgressAndWhatIsRunning() {
        ProgressPrinter printer = new ProgressPrinter(out, true);
        printer.runStarted(RUN_ID, CHECKLIST);
        printer.checkStarted(API);
        printer.checkStarted(DB);

        assertTrue(output().endsWith(CLEAR_LINE + "[0/2] running: api, db"), output());
    }

    @Test
    void onTerminalFinishedChecksScrollAboveARedrawnStatusLine() {
        ProgressPrinter printer = new ProgressPrinter(out, true);
        printer.runStarted(RUN_ID, CHECKLIST);
        printer.checkStarted(API);
        printer.checkStarted(DB);
        int before = output().length();

        printer.checkFinished(check("api", CheckStatus.PASSED, "200 OK"));

        assertEquals(CLEAR_LINE + "PASS  api http      42 ms  200 OK" + System.lineSeparator()
                + CLEAR_LINE + "[1/2] running: db", output().substring(before));
    }

    @Test
    void withColoursTheStatusOfEachLineIsColoured() {
        playRun(new ProgressPrinter(out, true, true));

        assertTrue(output().contains("\033[33mRETRY\033[0m db: attempt 1 failed"), output());
        assertTrue(output().contains("\033[32mPASS\033[0m  api http      42 ms  200 OK"), output());
        assertTrue(output().contains("\033[1;31mFAIL\033[0m  db  http      42 ms  connection refused"), output());
    }

    @Test
    void withoutColoursATerminalGetsNoColourCodes() {
        playRun(new ProgressPrinter(out, true, false));

        assertFalse(output().contains("\033[3") || output().contains("\033[1;") || output().contains("\033[0m"), output());
    }

    @Test
    void onTerminalTheStatusLineIsClearedBeforeTheSummary() {
        playRun(new ProgressPrinter(out, true));

        String text = output();
        int summary = text.indexOf("FAILED:");
        assertTrue(text.lastIndexOf(CLEAR_LINE) < summary, text);
        assertFalse(text.substring(text.lastIndexOf(CLEAR_LINE) + CLEAR_LINE.length()).contains("running:"),
                "no status line is left after the summary");
    }

    @Test
    void longListsOfRunningChecksAreCut() {
        ProgressPrinter printer = new ProgressPrinter(out, true);
        printer.runStarted(RUN_ID, CHECKLIST);
        for (int i = 0; i < 20; i++) {
            printer.checkStarted(spec("check-number-" + i));
        }

        String status = output().substring(output().lastIndexOf(CLEAR_LINE) + CLEAR_LINE.length());
        assertTrue(status.endsWith("…"), status);
        assertTrue(status.length() <= "[0/2] running: ".length() + 61, status);
    }

    @Test
    void printsARealRunOneLinePerCheck(@TempDir Path dataDir) {
        List<CheckSpec> checks = List.of(
                new CheckSpec("fast", "lambda", "", Duration.ofSeconds(1), 0, 1, List.of(), probe -> Outcome.pass("ok"),
                        Position.of("t.yaml")),
                new CheckSpec("broken", "lambda", "", Duration.ofSeconds(1), 0, 1, List.of(),
                        probe -> Outcome.fail("500 Internal Server Error"), Position.of("t.yaml")));
        Checklist checklist = new Checklist("real", "", Map.of(), 2, checks, null, null, Redactor.none(), "t.yaml", List.of());

        RunReport report;
        try (CheckContext context = CheckContext.standalone(dataDir)) {
            report = new Runner(context).run(checklist, RUN_ID, "cli", new ProgressPrinter(out, false), new RunControl());
        }

        List<String> lines = output().lines().toList();
        assertEquals("smokegate run " + RUN_ID + " of checklist real (2 checks)", lines.get(0));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("PASS  fast ")).count(), output());
        assertEquals(2, lines.stream().filter(l -> l.strip().startsWith("FAIL  broken ")).count(), "result line and problems line");
        assertTrue(lines.get(lines.size() - 1).startsWith("FAILED: 1 passed, 1 failed"), output());
        assertEquals(2, report.checks().size());
    }
}
