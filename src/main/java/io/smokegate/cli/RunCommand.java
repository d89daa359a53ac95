package io.smokegate.cli;

import io.smokegate.check.CheckContext;
import io.smokegate.checklist.Checklist;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.store.RunStore;
import io.smokegate.store.StoreException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a checklist once, print the report, store the run.",
        footer = {"", "Exit codes: 0 passed, 1 checks failed or run aborted, 2 invalid input, 3 a required system unreachable."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ChecklistFile checklistFile;

    @Option(names = "--no-store", description = "Do not record the run in the database.")
    boolean noStore;

    @Mixin
    ReportOptions report;

    @Mixin
    StoreOptions store;

    @Mixin
    PushOptions push;

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (!report.valid(err)) {
            return ExitCode.INVALID;
        }
        if (!push.valid(err)) {
            return ExitCode.INVALID;
        }
        Checklist checklist = checklistFile.load(err);
        if (checklist == null) {
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
            return ForegroundRun.run(checklist, context, report.progress(out, err), run -> {
                int code = exitCode(run);
                if (!report.progressIsReport() && !report.write(run, null, out, err)) {
                    code = Math.max(code, ExitCode.UNREACHABLE);
                }
                if (opening != null) {
                    code = save(opening, run, code);
                }
                return push.push(run.checklist(), metrics -> metrics.record(run), code, err);
            });
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

    static int exitCode(RunReport report) {
        return report.status() == RunStatus.PASSED ? ExitCode.PASSED : ExitCode.FAILED;
    }
}
