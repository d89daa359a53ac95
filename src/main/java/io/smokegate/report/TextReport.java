package io.smokegate.report;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import io.smokegate.slo.ObjectiveResult;
import io.smokegate.slo.ObjectiveStatus;
import io.smokegate.slo.Verdict;
import io.smokegate.text.Plural;

/**
 * The human report: one line per check (followed by the tables among its details, such as a drift matrix), a
 * summary that repeats what went wrong, then the gate's objectives.
 */
public final class TextReport implements ReportWriter {

    @Override
    public void write(RunReport report, Verdict verdict, OutputStream out) throws IOException {
        PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
        print.println(header(report.checklist(), report.runId()));
        Columns columns = Columns.of(report);
        report.checks().forEach(c -> print.print(line(c, columns) + "\n" + TextTables.of(c, "      ")));
        print.print(summary(report));
        if (verdict != null) {
            print.print(verdict(verdict));
        }
        print.flush();
    }

    /** The gate's table: one line per objective, then the result and why. */
    public static String verdict(Verdict verdict) {
        // An error verdict without objectives (the database was unusable) has no table, only its reason.
        StringBuilder out = new StringBuilder(verdict.evaluation().objectives().isEmpty() ? "" : "\nSLO objectives:\n");
        int width = Math.min(40, verdict.evaluation().objectives().stream()
                .mapToInt(r -> r.objective().name().length()).max().orElse(10));
        // The message starts with the value, so the value gets no column of its own.
        for (ObjectiveResult r : verdict.evaluation().objectives()) {
            out.append(String.format(Locale.ROOT, "  %-5s %-" + width + "s  %s%s%n", tag(r.status()),
                    r.objective().name(), oneLine(r.message()), r.objective().key() ? " [key]" : ""));
        }
        out.append(String.format(Locale.ROOT, "%nGATE %s: %s · verdict %s%n",
                verdict.result().label().toUpperCase(Locale.ROOT), oneLine(verdict.evaluation().message()), verdict.id()));
        return out.toString();
    }

    public static String tag(ObjectiveStatus status) {
        return switch (status) {
            case PASS -> "PASS";
            case WARNING -> "WARN";
            case FAIL -> "FAIL";
            case INFO -> "INFO";
        };
    }

    static String header(String checklist, String runId) {
        return "smokegate run " + runId + " of checklist " + checklist;
    }

    /** Widths of the id and type columns, so lines of one run line up. */
    record Columns(int id, int type) {
        static Columns of(RunReport report) {
            return of(report.checks().stream().map(CheckResult::id), report.checks().stream().map(CheckResult::type));
        }

        static Columns of(java.util.stream.Stream<String> ids, java.util.stream.Stream<String> types) {
            return new Columns(Math.min(40, ids.mapToInt(String::length).max().orElse(10)),
                    Math.max(6, Math.min(20, types.mapToInt(String::length).max().orElse(6))));
        }
    }

    static String line(CheckResult c, Columns columns) {
        String duration = c.status() == CheckStatus.SKIPPED ? "" : Human.duration(c.duration());
        String attempts = c.attempts() > 1 ? " (" + c.attempts() + " attempts)" : "";
        return String.format(Locale.ROOT, "%-5s %-" + columns.id() + "s %-" + columns.type() + "s %8s  %s%s",
                tag(c.status()), c.id(), c.type(), duration, oneLine(marked(c)), attempts);
    }

    static long securityCount(RunReport report) {
        return report.checks().stream().filter(CheckResult::security).count();
    }

    /** The message of a security failure led by a SECURITY tag (once, when the check's message has its own). */
    static String marked(CheckResult c) {
        if (!c.security() || c.message().startsWith("SECURITY")) {
            return c.message();
        }
        return "SECURITY: " + c.message();
    }

    /** "1 failed", or "2 failed (1 security)" when some failures are security failures. */
    static String failedCount(RunReport report) {
        long security = securityCount(report);
        return report.count(CheckStatus.FAILED) + " failed" + (security == 0 ? "" : " (" + security + " security)");
    }

    /** The closing lines: counts, the verdict, and the failures again so they are not lost in a long list. */
    static String summary(RunReport report) {
        StringBuilder out = new StringBuilder();
        if (report.status() != RunStatus.PASSED) {
            Columns columns = Columns.of(report);
            report.checks().stream()
                    .filter(c -> c.status() == CheckStatus.FAILED || c.status() == CheckStatus.ERROR)
                    .forEach(c -> out.append(out.isEmpty() ? "\nProblems:\n" : "").append("  ").append(line(c, columns)).append('\n'));
        }
        out.append(String.format(Locale.ROOT, "%n%s: %d passed, %s, %s, %d skipped of %s in %s%n",
                report.status().label().toUpperCase(Locale.ROOT), report.count(CheckStatus.PASSED),
                failedCount(report), Plural.count(report.count(CheckStatus.ERROR), "error"),
                report.count(CheckStatus.SKIPPED), Plural.count(report.checks().size(), "check"), Human.duration(report.duration())));
        return out.toString();
    }

    static String tag(CheckStatus status) {
        return switch (status) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case ERROR -> "ERROR";
            case SKIPPED -> "SKIP";
        };
    }

    public static String oneLine(String message) {
        return message.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "?");
    }
}
