package io.smokegate.report;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.TableDetail;
import io.smokegate.run.RunReport;
import io.smokegate.slo.Evaluator;
import io.smokegate.slo.ObjectiveResult;
import io.smokegate.slo.ObjectiveStatus;
import io.smokegate.slo.Verdict;
import io.smokegate.text.Plural;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A summary for CI job pages ($GITHUB_STEP_SUMMARY, GitLab MR notes): a headline and one table row per
 * check, and for a gate one row per objective. A security failure's row has its own icon (🚨) and SECURITY tag.
 * A check's table details (a drift matrix …) follow the checks, one Markdown table each.
 */
public final class MarkdownReport implements ReportWriter {

    @Override
    public void write(RunReport report, Verdict verdict, OutputStream out) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(icon(report.status() == io.smokegate.run.RunStatus.PASSED ? CheckStatus.PASSED : CheckStatus.FAILED))
                .append(" smokegate: `").append(cell(report.checklist())).append("` ").append(report.status().label())
                .append("\n\n")
                .append(report.count(CheckStatus.PASSED)).append(" passed, ")
                .append(TextReport.failedCount(report)).append(", ")
                .append(Plural.count(report.count(CheckStatus.ERROR), "error")).append(", ")
                .append(report.count(CheckStatus.SKIPPED)).append(" skipped in ").append(Human.duration(report.duration()))
                .append(" · run `").append(report.runId()).append("`\n\n")
                .append("| | Check | Type | Duration | Result |\n|---|---|---|---:|---|\n");
        for (CheckResult c : report.checks()) {
            md.append("| ").append(c.security() ? "🚨" : icon(c.status())).append(" | `").append(cell(c.id())).append("` | ")
                    .append(cell(c.type())).append(" | ")
                    .append(c.status() == CheckStatus.SKIPPED ? "" : Human.duration(c.duration())).append(" | ")
                    .append(cell(TextReport.marked(c))).append(" |\n");
        }
        for (CheckResult c : report.checks()) {
            TableDetail.in(c.details()).forEach((key, table) -> table(md, c, key, table));
        }
        if (verdict != null) {
            gate(md, verdict);
        }
        out.write(md.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A table detail of a check (a drift matrix …) as a table of its own under the checks. */
    private static void table(StringBuilder md, CheckResult c, String key, TableDetail table) {
        md.append("\n#### `").append(cell(c.id())).append("`: ").append(cell(key)).append("\n\n|");
        table.columns().forEach(column -> md.append(' ').append(cell(column)).append(" |"));
        md.append("\n|").append("---|".repeat(table.columns().size())).append('\n');
        for (var row : table.rows()) {
            md.append('|');
            table.columns().forEach(column -> md.append(' ').append(cell(row.get(column))).append(" |"));
            md.append('\n');
        }
    }

    private static void gate(StringBuilder md, Verdict verdict) {
        String icon = switch (verdict.result()) {
            case PASS -> "✅";
            case WARNING -> "⚠️";
            case FAIL -> "❌";
            case ERROR -> "⛔";
        };
        md.append("\n#### ").append(icon).append(" gate ").append(verdict.result().label()).append(": ")
                .append(cell(verdict.evaluation().message())).append("\n\n");
        if (!verdict.evaluation().objectives().isEmpty()) {
            md.append("| | Objective | Value | Pass | Warning | Result |\n|---|---|---:|---|---|---|\n");
        }
        for (ObjectiveResult r : verdict.evaluation().objectives()) {
            md.append("| ").append(icon(r.status())).append(" | `").append(cell(r.objective().name()))
                    .append(r.objective().key() ? "` (key) | " : "` | ")
                    .append(r.value().map(Evaluator::format).orElse("–")).append(" | ")
                    .append(cell(r.objective().pass().describe())).append(" | ")
                    .append(cell(r.objective().warning().describe())).append(" | ")
                    .append(cell(r.message())).append(" |\n");
        }
    }

    private static String icon(CheckStatus status) {
        return switch (status) {
            case PASSED -> "✅";
            case FAILED -> "❌";
            case ERROR -> "⚠️";
            case SKIPPED -> "⏭️";
        };
    }

    static String icon(ObjectiveStatus status) {
        return switch (status) {
            case PASS -> "✅";
            case WARNING -> "⚠️";
            case FAIL -> "❌";
            case INFO -> "ℹ️";
        };
    }

    /** Table cells cannot hold line breaks or pipes, and must not smuggle HTML or close code spans. */
    public static String cell(String text) {
        return TextReport.oneLine(text)
                .replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("`", "'")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
