package io.smokegate.report;

import io.smokegate.analysis.Analysis;
import io.smokegate.analysis.AnalysisMeasurement;
import io.smokegate.analysis.AnalysisMeasurement.Outcome;
import io.smokegate.analysis.AnalysisPhase;
import io.smokegate.analysis.AnalysisSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * An analysis in the formats of {@code gate --for}: a line per measurement and a closing line (text), a table
 * (Markdown), one test case per measurement plus one for the analysis (JUnit XML). JSON is {@link AnalysisJson}.
 */
public final class AnalysisReport {

    private AnalysisReport() {
    }

    public static void write(ReportFormat format, Analysis analysis, OutputStream out) throws IOException {
        switch (format) {
            case TEXT -> out.write(text(analysis).getBytes(StandardCharsets.UTF_8));
            case JSON -> {
                // Indented like the gate's JSON report, so line-based tools (a CI step's sed) read both alike.
                JsonReport.MAPPER.writeValue(out, new JsonReport.View(g -> AnalysisJson.write(g, analysis)));
                out.write('\n');
            }
            case MARKDOWN -> out.write(markdown(analysis).getBytes(StandardCharsets.UTF_8));
            case JUNIT -> junit(analysis, out);
        }
    }

    /** The first line: what is watched, how, for how long. */
    public static String header(Analysis analysis) {
        AnalysisSpec spec = analysis.spec();
        return "smokegate analysis " + analysis.id() + " of checklist " + spec.checklist() + ": " + spec.count()
                + " measurements, one every " + AnalysisSpec.text(spec.interval()) + " for " + AnalysisSpec.text(spec.window())
                + " (failure limit " + spec.failureLimit() + ", inconclusive limit " + spec.inconclusiveLimit() + ")";
    }

    /** One measurement: its place in the window, the verdict, the score, the counts so far and why. */
    public static String line(Analysis analysis, AnalysisMeasurement m) {
        int width = String.valueOf(analysis.spec().count()).length();
        return String.format(Locale.ROOT, "%" + width + "d/%d  %-5s %-7s %s · %s", m.index(), analysis.spec().count(),
                tag(m.outcome(analysis.spec().failOnWarning())), m.result().label(),
                m.score() == null ? "no score" : "score " + VerdictJson.round(m.score()),
                TextReport.oneLine(m.message()));
    }

    /** The last line: the phase, why, and the counts. */
    public static String closing(Analysis analysis) {
        return "\nANALYSIS " + analysis.phase().label().toUpperCase(Locale.ROOT) + ": " + TextReport.oneLine(analysis.message())
                + " · analysis " + analysis.id() + "\n";
    }

    static String text(Analysis analysis) {
        StringBuilder out = new StringBuilder(header(analysis)).append('\n');
        analysis.measurements().forEach(m -> out.append(line(analysis, m)).append('\n'));
        return out.append(closing(analysis)).toString();
    }

    static String markdown(Analysis analysis) {
        AnalysisSpec spec = analysis.spec();
        StringBuilder md = new StringBuilder("### ").append(icon(analysis.phase())).append(" smokegate analysis: `")
                .append(MarkdownReport.cell(spec.checklist())).append("` ").append(analysis.phase().label()).append("\n\n")
                .append(MarkdownReport.cell(analysis.message())).append("\n\n")
                .append(analysis.progress()).append(", one every ")
                .append(AnalysisSpec.text(spec.interval())).append(" for ").append(AnalysisSpec.text(spec.window()))
                .append(" · failure limit ").append(spec.failureLimit()).append(" · inconclusive limit ")
                .append(spec.inconclusiveLimit()).append(" · analysis `").append(analysis.id()).append("`\n\n")
                .append("| # | At | Measurement | Verdict | Score | Why |\n|---:|---|---|---|---:|---|\n");
        for (AnalysisMeasurement m : analysis.measurements()) {
            Outcome outcome = m.outcome(spec.failOnWarning());
            md.append("| ").append(m.index()).append(" | ").append(m.at()).append(" | ").append(icon(outcome)).append(' ')
                    .append(outcome.label()).append(" | ").append(m.result().label()).append(" | ")
                    .append(m.score() == null ? "" : VerdictJson.round(m.score())).append(" | ")
                    .append(MarkdownReport.cell(m.message())).append(" |\n");
        }
        return md.toString();
    }

    /** Suite "analysis CHECKLIST": a case per measurement (failure / error as it counted) and the analysis itself. */
    static void junit(Analysis analysis, OutputStream out) throws IOException {
        AnalysisSpec spec = analysis.spec();
        String suite = "analysis " + spec.checklist();
        long failures = analysis.count(Outcome.FAILED) + (analysis.phase() == AnalysisPhase.FAILED ? 1 : 0);
        long errors = analysis.count(Outcome.ERROR)
                + (analysis.phase() == AnalysisPhase.ERROR || analysis.phase() == AnalysisPhase.INCONCLUSIVE ? 1 : 0);
        long tests = analysis.measurements().size() + 1L;
        long millis = analysis.finishedAt() == null ? 0 : Duration.between(analysis.startedAt(), analysis.finishedAt()).toMillis();
        JunitReport.document(out, xml -> {
            xml.writeAttribute("tests", String.valueOf(tests));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", String.valueOf(errors));
            xml.writeAttribute("time", JunitReport.seconds(millis));
        }, xml -> {
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", Xml.clean(suite));
            xml.writeAttribute("tests", String.valueOf(tests));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", String.valueOf(errors));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", JunitReport.seconds(millis));
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            JunitReport.property(xml, "analysis", analysis.id());
            JunitReport.property(xml, "for", AnalysisSpec.text(spec.window()));
            JunitReport.property(xml, "interval", AnalysisSpec.text(spec.interval()));
            JunitReport.property(xml, "failureLimit", String.valueOf(spec.failureLimit()));
            JunitReport.property(xml, "inconclusiveLimit", String.valueOf(spec.inconclusiveLimit()));
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
            for (AnalysisMeasurement m : analysis.measurements()) {
                String element = switch (m.outcome(spec.failOnWarning())) {
                    case SUCCESSFUL -> null;
                    case FAILED -> "failure";
                    case ERROR -> "error";
                };
                JunitReport.outcomeCase(xml, suite, "measurement " + m.index() + " of " + spec.count(), 0, element,
                        m.result().label() + ": " + m.message() + " (verdict " + m.verdictId() + ")");
            }
            String element = switch (analysis.phase()) {
                case SUCCESSFUL, RUNNING -> null;
                case FAILED -> "failure";
                case ERROR, INCONCLUSIVE -> "error";
            };
            JunitReport.outcomeCase(xml, suite, "analysis", millis, element, analysis.phase().label() + ": " + analysis.message());
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
        });
    }

    static String tag(Outcome outcome) {
        return switch (outcome) {
            case SUCCESSFUL -> "OK";
            case FAILED -> "FAIL";
            case ERROR -> "ERROR";
        };
    }

    private static String icon(Outcome outcome) {
        return switch (outcome) {
            case SUCCESSFUL -> "✅";
            case FAILED -> "❌";
            case ERROR -> "⚠️";
        };
    }

    private static String icon(AnalysisPhase phase) {
        return switch (phase) {
            case SUCCESSFUL -> "✅";
            case FAILED -> "❌";
            case RUNNING -> "⏳";
            case ERROR, INCONCLUSIVE -> "⚠️";
        };
    }
}
