package io.smokegate.report;

import io.smokegate.run.RunReport;
import io.smokegate.slo.Verdict;
import java.io.IOException;
import java.io.OutputStream;

/** Renders a finished run in one format, with the verdict of its gate when there was one. */
public interface ReportWriter {

    /** {@code verdict} is null for a plain run. */
    void write(RunReport report, Verdict verdict, OutputStream out) throws IOException;

    default void write(RunReport report, OutputStream out) throws IOException {
        write(report, null, out);
    }
}
