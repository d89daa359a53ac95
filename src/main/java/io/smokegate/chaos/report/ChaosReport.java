package io.smokegate.chaos.report;

import io.smokegate.report.Human;
import io.smokegate.report.MarkdownReport;
import io.smokegate.report.ReportFormat;
import io.smokegate.report.TextReport;
import io.smokegate.report.TextTables;

import io.smokegate.chaos.ExperimentReport;
import io.smokegate.chaos.ExperimentReport.InjectedResource;
import io.smokegate.chaos.ExperimentReport.Phase;
import io.smokegate.chaos.ExperimentReport.PhaseResult;
import io.smokegate.chaos.ExperimentReport.PhaseRun;
import io.smokegate.chaos.ExperimentReport.PreflightResult;
import io.smokegate.chaos.ExperimentVerdict;
import io.smokegate.check.TableDetail;
import io.smokegate.slo.Evaluation;
import io.smokegate.slo.Evaluator;
import io.smokegate.slo.ObjectiveResult;
import io.smokegate.slo.ObjectiveStatus;
import io.smokegate.text.Plural;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A chaos experiment ({@code smokegate chaos run}) in the formats of {@code --format}: text and Markdown here,
 * JSON in {@link ChaosJson}, JUnit XML in {@link ChaosJunit}. The SLIs of the phases stand side by side, one row per
 * objective, so what the fault did to each is read at a glance; manual steps, when a fault could not be removed,
 * come before the verdict and cannot be missed.
 */
public final class ChaosReport {

    /** The columns of the side-by-side table: steady state, the worst and the last run under the fault, recovery. */
    static final List<String> COLUMNS = List.of("objective", "steady state", "during (worst)", "during (last)", "recovery");

    private ChaosReport() {
    }

    public static void write(ExperimentReport report, ReportFormat format, OutputStream out) throws IOException {
        switch (format) {
            case JSON -> ChaosJson.write(report, out);
            case JUNIT -> ChaosJunit.write(report, out);
            case MARKDOWN -> out.write(markdown(report).getBytes(StandardCharsets.UTF_8));
            case TEXT -> out.write(text(report).getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    public static String text(ExperimentReport r) {
        StringBuilder s = new StringBuilder();
        s.append("smokegate chaos experiment ").append(r.id()).append(" of scenario ").append(TextReport.oneLine(r.scenario()))
                .append(" (checklist ").append(TextReport.oneLine(r.checklist())).append(") in ")
                .append(TextReport.oneLine(String.join(", ", r.namespaces()))).append('\n')
                .append("started by ").append(TextReport.oneLine(r.startedBy())).append(" (").append(r.trigger())
                .append(") at ").append(r.startedAt()).append(", owner ").append(r.owner()).append('\n');
        if (!r.preflight().isEmpty()) {
            s.append("\nPreflight:\n");
            int width = r.preflight().stream().mapToInt(p -> p.check().length()).max().orElse(5);
            for (PreflightResult p : r.preflight()) {
                s.append(String.format(Locale.ROOT, "  %-5s %-" + width + "s  %s%n", p.passed() ? "PASS" : "FAIL",
                        p.check(), TextReport.oneLine(p.message())));
            }
        }
        if (!r.phases().isEmpty()) {
            s.append("\nPhases:\n");
            for (PhaseResult p : r.phases()) {
                s.append(String.format(Locale.ROOT, "  %-5s %-12s %-7s %8s  %s%n", p.met() ? "MET" : "NOT", p.phase().label(),
                        Plural.count(p.runs().size(), "run"), Human.duration(java.time.Duration.between(p.startedAt(), p.endedAt())),
                        TextReport.oneLine(p.met() ? "mean success ratio " + Evaluator.format(p.meanSuccessRatio().orElse(0)) : p.message())));
            }
            List<Map<String, String>> rows = objectiveRows(r);
            if (!rows.isEmpty()) {
                s.append('\n').append(TextTables.render("SLIs per phase", new TableDetail(COLUMNS, rows), ""));
            }
        }
        if (!r.resources().isEmpty()) {
            s.append("\nChaos Mesh objects:\n");
            for (InjectedResource x : r.resources()) {
                s.append("  ").append(TextReport.oneLine(x.kind() + " " + x.namespace() + "/" + x.name())).append("  duration ")
                        .append(TextReport.oneLine(x.duration())).append("  ").append(removal(x.removal()))
                        .append(x.message().isEmpty() ? "" : "  " + TextReport.oneLine(x.message())).append('\n');
            }
        }
        s.append('\n').append("Recovery time: ").append(recovery(r)).append('\n')
                .append("Resilience score: ").append(score(r)).append('\n');
        if (!r.manualSteps().isEmpty()) {
            String rule = "!".repeat(72);
            s.append('\n').append(rule).append("\nMANUAL STEPS REQUIRED: a fault could not be removed; do this now:\n");
            for (int i = 0; i < r.manualSteps().size(); i++) {
                s.append("  ").append(i + 1).append(". ").append(TextReport.oneLine(r.manualSteps().get(i))).append('\n');
            }
            s.append(rule).append('\n');
        }
        s.append(String.format(Locale.ROOT, "%n%s: %s · experiment %s in %s%n", r.verdict().name(),
                TextReport.oneLine(r.message()), r.id(), Human.duration(r.duration())));
        return s.toString();
    }

    public static String markdown(ExperimentReport r) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(icon(r.verdict())).append(" smokegate chaos: `").append(MarkdownReport.cell(r.scenario()))
                .append("` ").append(r.verdict().label()).append("\n\n").append(MarkdownReport.cell(r.message())).append("\n\n")
                .append("Checklist `").append(MarkdownReport.cell(r.checklist())).append("` in ")
                .append(MarkdownReport.cell(String.join(", ", r.namespaces()))).append(" · started by ")
                .append(MarkdownReport.cell(r.startedBy())).append(" · ").append(Human.duration(r.duration()))
                .append(" · experiment `").append(r.id()).append("`\n\n")
                .append("Recovery time: **").append(recovery(r)).append("** · resilience score: **").append(score(r)).append("**\n\n");
        if (!r.manualSteps().isEmpty()) {
            md.append("> [!CAUTION]\n> **Manual steps required**: a fault could not be removed.\n>\n");
            r.manualSteps().forEach(step -> md.append("> 1. `").append(MarkdownReport.cell(step)).append("`\n"));
            md.append('\n');
        }
        if (!r.preflight().isEmpty()) {
            md.append("| | Preflight | Result |\n|---|---|---|\n");
            r.preflight().forEach(p -> md.append("| ").append(p.passed() ? "✅" : "❌").append(" | ").append(MarkdownReport.cell(p.check()))
                    .append(" | ").append(MarkdownReport.cell(p.message())).append(" |\n"));
            md.append('\n');
        }
        if (!r.phases().isEmpty()) {
            md.append("| | Phase | Runs | Duration | Result |\n|---|---|---:|---:|---|\n");
            r.phases().forEach(p -> md.append("| ").append(p.met() ? "✅" : "❌").append(" | ").append(p.phase().label()).append(" | ")
                    .append(p.runs().size()).append(" | ").append(Human.duration(java.time.Duration.between(p.startedAt(), p.endedAt())))
                    .append(" | ").append(MarkdownReport.cell(p.met() ? "met" : p.message())).append(" |\n"));
            md.append('\n');
            List<Map<String, String>> rows = objectiveRows(r);
            if (!rows.isEmpty()) {
                md.append('|');
                COLUMNS.forEach(c -> md.append(' ').append(c).append(" |"));
                md.append("\n|---|").append("---:|".repeat(COLUMNS.size() - 1)).append('\n');
                rows.forEach(row -> {
                    md.append('|');
                    COLUMNS.forEach(c -> md.append(' ').append(MarkdownReport.cell(row.get(c))).append(" |"));
                    md.append('\n');
                });
                md.append('\n');
            }
        }
        if (!r.resources().isEmpty()) {
            md.append("| Object | Duration | Removal | |\n|---|---|---|---|\n");
            r.resources().forEach(x -> md.append("| `").append(MarkdownReport.cell(x.kind() + " " + x.namespace() + "/" + x.name()))
                    .append("` | ").append(MarkdownReport.cell(x.duration())).append(" | ").append(removal(x.removal()))
                    .append(" | ").append(MarkdownReport.cell(x.message())).append(" |\n"));
        }
        return md.toString();
    }

    /** One row per objective (in the order the phases name them): its value in each phase, marked when not passed. */
    static List<Map<String, String>> objectiveRows(ExperimentReport r) {
        Set<String> names = new LinkedHashSet<>();
        r.phases().forEach(p -> p.runs().forEach(run -> run.evaluation().ifPresent(e -> e.objectives()
                .forEach(o -> names.add(o.objective().name())))));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String name : names) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put(COLUMNS.get(0), name);
            row.put(COLUMNS.get(1), cell(last(r, Phase.STEADY_STATE, name)));
            row.put(COLUMNS.get(2), cell(worst(r, Phase.DURING, name)));
            row.put(COLUMNS.get(3), cell(last(r, Phase.DURING, name)));
            row.put(COLUMNS.get(4), cell(last(r, Phase.RECOVERY, name)));
            rows.add(row);
        }
        return rows;
    }

    private static List<ObjectiveResult> results(ExperimentReport r, Phase phase, String name) {
        return r.phase(phase).map(p -> p.runs().stream().map(PhaseRun::evaluation).flatMap(Optional::stream)
                .map(Evaluation::objectives).flatMap(List::stream).filter(o -> o.objective().name().equals(name)).toList())
                .orElse(List.of());
    }

    private static Optional<ObjectiveResult> last(ExperimentReport r, Phase phase, String name) {
        List<ObjectiveResult> all = results(r, phase, name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** The worst: a failure before a warning before a pass; among equals, the lowest score. */
    private static Optional<ObjectiveResult> worst(ExperimentReport r, Phase phase, String name) {
        return results(r, phase, name).stream().max(Comparator.comparingInt((ObjectiveResult o) -> severity(o.status()))
                .thenComparing(o -> -o.score()));
    }

    private static int severity(ObjectiveStatus status) {
        return switch (status) {
            case FAIL -> 3;
            case WARNING -> 2;
            case PASS -> 1;
            case INFO -> 0;
        };
    }

    private static String cell(Optional<ObjectiveResult> result) {
        return result.map(o -> o.value().map(Evaluator::format).orElse("none")
                + (o.status() == ObjectiveStatus.PASS || o.status() == ObjectiveStatus.INFO ? "" : " " + TextReport.tag(o.status())))
                .orElse("-");
    }

    static String removal(ExperimentReport.Removal removal) {
        return switch (removal) {
            case NOT_CREATED -> "not created";
            case REMOVED -> "removed";
            case FORCED -> "removed (forced)";
            case STUCK -> "STUCK";
        };
    }

    private static String recovery(ExperimentReport r) {
        if (r.recoveryTime().isPresent()) {
            return Human.duration(r.recoveryTime().get());
        }
        return r.phase(Phase.RECOVERY).isPresent() ? "not recovered within the window"
                : r.injected() ? "not measured" : "none (nothing was injected)";
    }

    private static String score(ExperimentReport r) {
        return r.resilienceScore().isPresent() ? Math.round(r.resilienceScore().getAsDouble()) + "/100" : "none (nothing was injected)";
    }

    private static String icon(ExperimentVerdict verdict) {
        return switch (verdict) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case ERROR -> "⛔";
        };
    }
}
