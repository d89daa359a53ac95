package io.smokegate.report;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Checklist;
import io.smokegate.run.RunListener;
import io.smokegate.run.RunReport;
import io.smokegate.text.Plural;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Live progress of a run. On a terminal, finished checks scroll above a status line that says how far
 * the run is and what is still running; elsewhere (CI logs, pipes) each event is one plain line.
 */
public final class ProgressPrinter implements RunListener {

    private static final String CLEAR_LINE = "\r\033[2K";
    private static final String RESET = "\033[0m";

    private final PrintStream out;
    private final boolean terminal;
    private final boolean colours;
    private final Set<String> running = new LinkedHashSet<>();
    private TextReport.Columns columns = new TextReport.Columns(10, 6);
    private int total;
    private int finished;

    public ProgressPrinter(PrintStream out, boolean terminal) {
        this(out, terminal, false);
    }

    /** {@code colours}: the status of each line in colour (only on a terminal, and not when NO_COLOR is set). */
    public ProgressPrinter(PrintStream out, boolean terminal, boolean colours) {
        this.out = out;
        this.terminal = terminal;
        this.colours = colours;
    }

    @Override
    public synchronized void runStarted(String runId, Checklist checklist) {
        total = checklist.checks().size();
        columns = TextReport.Columns.of(checklist.checks().stream().map(CheckSpec::id),
                checklist.checks().stream().map(CheckSpec::type));
        out.println(TextReport.header(checklist.name(), runId) + " (" + Plural.count(total, "check") + ")");
    }

    @Override
    public synchronized void checkStarted(CheckSpec check) {
        running.add(check.id());
        status();
    }

    @Override
    public synchronized void checkRetrying(CheckSpec check, int failedAttempt, String message, Duration backoff) {
        clear();
        out.println(paint("RETRY", "33") + " " + check.id() + ": attempt " + failedAttempt + " failed (" + TextReport.oneLine(message)
                + "), next in " + Human.duration(backoff));
        status();
    }

    @Override
    public synchronized void checkFinished(CheckResult result) {
        running.remove(result.id());
        finished++;
        clear();
        String tag = TextReport.tag(result.status());
        out.println(paint(tag, sgr(result.status())) + TextReport.line(result, columns).substring(tag.length()));
        out.print(TextTables.of(result, "      "));
        status();
    }

    @Override
    public synchronized void runFinished(RunReport report) {
        clear();
        out.print(TextReport.summary(report));
        out.flush();
    }

    /** ANSI colour around text when colours are on. */
    private String paint(String text, String sgr) {
        return colours ? "\033[" + sgr + "m" + text + RESET : text;
    }

    private static String sgr(CheckStatus status) {
        return switch (status) {
            case PASSED -> "32";
            case FAILED -> "1;31";
            case ERROR -> "33";
            case SKIPPED -> "2";
        };
    }

    private void status() {
        if (!terminal) {
            return;
        }
        String names = String.join(", ", running);
        if (names.length() > 60) {
            names = names.substring(0, 60) + "…";
        }
        out.print(CLEAR_LINE + "[" + finished + "/" + total + "] running: " + names);
        out.flush();
    }

    private void clear() {
        if (terminal) {
            out.print(CLEAR_LINE);
        }
    }
}
