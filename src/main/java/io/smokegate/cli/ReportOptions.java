package io.smokegate.cli;

import io.smokegate.report.ProgressPrinter;
import io.smokegate.report.ReportFormat;
import io.smokegate.run.RunListener;
import io.smokegate.run.RunReport;
import io.smokegate.slo.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import picocli.CommandLine.Option;

/** How {@code run} and {@code gate} report: the format, where to, and whether progress is shown. */
final class ReportOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, junit or markdown (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "No progress output; only the report.")
    boolean quiet;

    private ReportFormat parsed;

    /** Checks the format; prints the problem and returns false when it is unknown. */
    boolean valid(PrintStream err) {
        parsed = ReportFormat.parse(format).orElse(null);
        if (parsed == null) {
            err.println("error: --format " + format + ": expected text, json, junit or markdown");
        }
        return parsed != null;
    }

    /** A text report to stdout is the live progress itself, so nothing is written again at the end. */
    boolean progressIsReport() {
        return parsed == ReportFormat.TEXT && output == null;
    }

    /** Progress on stdout when it is the report, else on stderr unless quiet. */
    RunListener progress(PrintStream out, PrintStream err) {
        if (progressIsReport()) {
            return printer(out, 1);
        }
        return quiet ? RunListener.NONE : printer(err, 2);
    }

    private static ProgressPrinter printer(PrintStream stream, int fd) {
        boolean terminal = Terminal.isTerminal(fd);
        return new ProgressPrinter(stream, terminal, terminal && Terminal.coloursAllowed(System::getenv));
    }

    /** The format chosen, once {@link #valid} said it is one. */
    ReportFormat format() {
        return parsed;
    }

    /** Writes a report to a stream (what one format renders). */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the report (atomically when to a file); prints why and returns false when it cannot. */
    boolean write(RunReport report, Verdict verdict, PrintStream out, PrintStream err) {
        return write(stream -> parsed.writer().write(report, verdict, stream), out, err);
    }

    /** Writes what {@code body} renders, as {@link #write(RunReport, Verdict, PrintStream, PrintStream)} does. */
    boolean write(Body body, PrintStream out, PrintStream err) {
        if (output != null) {
            return toFile(output, body, err, "--output " + output);
        }
        try {
            body.writeTo(out);
            out.flush();
            return true;
        } catch (IOException e) {
            err.println("error: --output " + output + ": cannot write the report: " + e);
            return false;
        }
    }

    /**
     * Writes what {@code body} renders to {@code file}, atomically: never half-written. Prints why, naming
     * {@code flag}, and returns false when it cannot.
     */
    static boolean toFile(Path file, Body body, PrintStream err, String flag) {
        try {
            Path target = file.toAbsolutePath();
            Files.createDirectories(target.getParent());
            // Not Files.createTempFile, whose 0600 the report would keep: created as any file is, the umask decides.
            Path temp = target.resolveSibling(".smokegate-report-" + ProcessHandle.current().pid() + "-"
                    + Long.toUnsignedString(new SecureRandom().nextLong(), 36) + ".tmp");
            try {
                try (OutputStream stream = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    body.writeTo(stream);
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return true;
        } catch (IOException e) {
            err.println("error: " + flag + ": cannot write the report: " + e);
            return false;
        }
    }
}
