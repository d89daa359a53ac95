package io.smokegate.report;

import io.smokegate.run.RunReport;
import java.io.IOException;
import java.io.OutputStream;

/** Renders a finished run in one format. */
public interface ReportWriter {

    void write(RunReport report, OutputStream out) throws IOException;
}
