package io.smokegate.cli;

import io.smokegate.analysis.Analysis;
import io.smokegate.report.AnalysisReport;
import io.smokegate.report.ReportFormat;
import io.smokegate.run.RunReport;
import io.smokegate.slo.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --also-report FORMAT=FILE}: the same report in more formats, from the one run. CI keeps the JUnit XML
 * as a test report and the Markdown as the job summary; running the gate twice for them would judge (and
 * store) two verdicts that may disagree.
 */
final class AlsoReports {

    @Option(names = "--also-report", paramLabel = "FORMAT=FILE",
            description = {"Also write the report in FORMAT to FILE (repeatable),", "e.g. --also-report markdown=gate.md"})
    List<String> specs;

    private record Extra(String spec, ReportFormat format, Path file) {
    }

    private final List<Extra> extras = new ArrayList<>();

    /** Checks every FORMAT=FILE; prints the first problem and returns false when one is not usable. */
    boolean valid(PrintStream err) {
        for (String spec : specs == null ? List.<String>of() : specs) {
            int eq = spec.indexOf('=');
            Optional<ReportFormat> format = eq < 0 ? Optional.empty() : ReportFormat.parse(spec.substring(0, eq));
            if (format.isEmpty() || eq == spec.length() - 1) {
                err.println("error: --also-report " + spec + ": expected FORMAT=FILE with FORMAT text, json, junit or markdown,"
                        + " e.g. markdown=gate.md");
                return false;
            }
            extras.add(new Extra(spec, format.get(), Path.of(spec.substring(eq + 1))));
        }
        return true;
    }

    /** Writes each extra report (atomically); prints why and returns false when one cannot be written. */
    boolean write(RunReport report, Verdict verdict, PrintStream err) {
        return write((format, out) -> format.writer().write(report, verdict, out), err);
    }

    /** The same for an analysis ({@code gate --for}): every measurement and the phase in each format. */
    boolean write(Analysis analysis, PrintStream err) {
        return write((format, out) -> AnalysisReport.write(format, analysis, out), err);
    }

    /** Renders one report in a format. */
    @FunctionalInterface
    private interface Renderer {
        void write(ReportFormat format, OutputStream out) throws IOException;
    }

    private boolean write(Renderer renderer, PrintStream err) {
        boolean written = true;
        for (Extra extra : extras) {
            written &= ReportOptions.toFile(extra.file(), out -> renderer.write(extra.format(), out), err,
                    "--also-report " + extra.spec());
        }
        return written;
    }
}
