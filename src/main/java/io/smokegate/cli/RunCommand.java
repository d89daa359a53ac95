package io.smokegate.cli;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckRegistry;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.input.InvalidInputException;
import io.smokegate.metrics.PushgatewayPublisher;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.report.ProgressPrinter;
import io.smokegate.report.ReportFormat;
import io.smokegate.run.RunControl;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunListener;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.run.Runner;
import io.smokegate.store.RunStore;
import io.smokegate.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a checklist once, print the report, store the run.",
        footer = {"", "Exit codes: 0 passed, 1 checks failed or run aborted, 2 invalid input, 3 a required system unreachable."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Checklist file (YAML).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a var of spec.vars (repeatable).")
    List<String> sets;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, junit or markdown (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path output;

    @Option(names = "--push-gateway", paramLabel = "URL",
            description = "Push the run's metrics to this Prometheus Pushgateway, e.g. http://pushgateway:9091.")
    String pushGateway;

    @Option(names = "--no-store", description = "Do not record the run in the database.")
    boolean noStore;

    @Option(names = {"-q", "--quiet"}, description = "No progress output; only the report.")
    boolean quiet;

    @Mixin
    StoreOptions store;

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ReportFormat reportFormat = ReportFormat.parse(format).orElse(null);
        if (reportFormat == null) {
            err.println("error: --format " + format + ": expected text, json, junit or markdown");
            return ExitCode.INVALID;
        }
        PushgatewayPublisher publisher;
        try {
            publisher = pushGateway == null ? null : new PushgatewayPublisher(pushGateway);
        } catch (IllegalArgumentException e) {
            err.println("error: --push-gateway " + e.getMessage());
            return ExitCode.INVALID;
        }
        Checklist checklist;
        try {
            checklist = new ChecklistLoader(CheckRegistry.standard(), System::getenv).load(file, Inputs.sets(sets));
        } catch (InvalidInputException e) {
            Inputs.print(e, err);
            return ExitCode.INVALID;
        }
        // Opening SQLite (loading its native library) takes a few hundred milliseconds: it overlaps the run.
        CompletableFuture<RunStore> opening = noStore ? null : CompletableFuture.supplyAsync(() -> {
            try {
                return store.open();
            } catch (StoreException e) {
                throw new CompletionException(e);
            }
        });
        try (CheckContext context = CheckContext.standalone(store.dataDir)) {
            return runAndReport(checklist, reportFormat, opening, publisher, context);
        }
    }

    private int runAndReport(Checklist checklist, ReportFormat reportFormat, CompletableFuture<RunStore> opening,
                             PushgatewayPublisher publisher, CheckContext context) {
        boolean progressIsReport = reportFormat == ReportFormat.TEXT && output == null;
        RunListener progress = quiet && !progressIsReport ? RunListener.NONE
                : progressIsReport ? new ProgressPrinter(out, Terminal.isTerminal(1))
                : new ProgressPrinter(err, Terminal.isTerminal(2));
        RunControl control = new RunControl();
        CountDownLatch reported = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            control.cancel("interrupted by signal");
            try {
                reported.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // Exiting anyway.
            }
        }, "smokegate-signal");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            RunReport report = new Runner(context).run(checklist, RunIds.next(), "cli", progress, control);
            int code = exitCode(report);
            if (!progressIsReport && !writeReport(report, reportFormat)) {
                code = Math.max(code, ExitCode.UNREACHABLE);
            }
            if (opening != null) {
                code = save(opening, report, code);
            }
            if (publisher != null) {
                code = push(publisher, report, code);
            }
            return code;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it will see the latch and let the JVM exit.
            }
        }
    }

    /** A store that could not be opened is a configuration problem (2) or an unreachable database (3). */
    private int save(CompletableFuture<RunStore> opening, RunReport report, int code) {
        RunStore runStore;
        try {
            runStore = opening.join();
        } catch (CompletionException e) {
            StoreException cause = (StoreException) e.getCause();
            err.println("error: " + store.flag() + ": " + cause.getMessage() + " (the run was not stored)");
            return cause.unreachable() ? ExitCode.UNREACHABLE : ExitCode.INVALID;
        }
        try {
            runStore.save(report);
            return code;
        } catch (StoreException e) {
            err.println("error: the run was not stored: " + e.getMessage());
            return code == ExitCode.PASSED ? ExitCode.UNREACHABLE : code;
        } finally {
            runStore.database().close();
        }
    }

    private int push(PushgatewayPublisher publisher, RunReport report, int code) {
        SmokegateMetrics metrics = new SmokegateMetrics(Cli.version());
        metrics.record(report);
        try {
            publisher.push(metrics, report.checklist());
            return code;
        } catch (IOException e) {
            err.println("error: cannot push metrics to " + publisher + ": " + e.getMessage());
            return code == ExitCode.PASSED ? ExitCode.UNREACHABLE : code;
        }
    }

    private boolean writeReport(RunReport report, ReportFormat reportFormat) {
        try {
            if (output == null) {
                reportFormat.writer().write(report, out);
                out.flush();
                return true;
            }
            Path target = output.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".smokegate-report-", ".tmp");
            try (OutputStream file = Files.newOutputStream(temp)) {
                reportFormat.writer().write(report, file);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            err.println("error: --output " + output + ": cannot write the report: " + e);
            return false;
        }
    }

    static int exitCode(RunReport report) {
        return report.status() == RunStatus.PASSED ? ExitCode.PASSED : ExitCode.FAILED;
    }
}
