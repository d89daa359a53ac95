package io.smokegate.cli;

import io.smokegate.check.CheckContext;
import io.smokegate.checklist.Checklist;
import io.smokegate.run.AfterRun;
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
            return ForegroundRun.run(checklist, context, report.progress(out, err), run -> afterRun(run, opening));
        }
    }

    /** Reports the run, then stores and pushes it through the pipeline; the exit code says what went wrong. */
    private int afterRun(RunReport run, CompletableFuture<RunStore> opening) {
        int code = exitCode(run);
        if (!report.progressIsReport() && !report.write(run, null, out, err)) {
            code = Math.max(code, ExitCode.UNREACHABLE);
        }
        AfterRun.Steps steps = push.addTo(AfterRun.steps(), true);
        RunStore runStore = null;
        if (opening != null) {
            try {
                runStore = opening.join();
                steps.store(runStore::save);
            } catch (CompletionException e) {
                // A store that could not be opened is a configuration problem (2) or an unreachable database (3).
                StoreException cause = (StoreException) e.getCause();
                err.println("error: " + store.flag() + ": " + cause.getMessage() + " (the run was not stored)");
                code = cause.unreachable() ? ExitCode.UNREACHABLE : ExitCode.INVALID;
            }
        }
        try {
            AfterRun.Outcome outcome = steps.build().finish(run);
            if (outcome.notStored().isPresent()) {
                err.println("error: the run was not stored: " + outcome.notStored().get().getMessage());
                code = code == ExitCode.PASSED ? ExitCode.UNREACHABLE : code;
            }
            return PushOptions.exitCode(outcome, code, err);
        } finally {
            if (runStore != null) {
                runStore.database().close();
            }
        }
    }

    static int exitCode(RunReport report) {
        return report.status() == RunStatus.PASSED ? ExitCode.PASSED : ExitCode.FAILED;
    }
}
