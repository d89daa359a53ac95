package io.smokegate.cli;

import io.smokegate.check.CheckContext;
import io.smokegate.checklist.Checklist;
import io.smokegate.run.RunControl;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunListener;
import io.smokegate.run.RunReport;
import io.smokegate.run.Runner;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * A run in the foreground of the CLI. Ctrl-C (or SIGTERM from a CI runner) cancels the checks, and the
 * JVM waits up to ten seconds for {@code afterRun} to report and store what was found before it exits.
 */
final class ForegroundRun {

    /** How long a signalled command has to finish its report before it exits anyway. */
    static final Duration REPORT_GRACE = Duration.ofSeconds(10);

    private ForegroundRun() {
    }

    static int run(Checklist checklist, CheckContext context, RunListener progress, ToIntFunction<RunReport> afterRun) {
        RunControl control = new RunControl();
        return guarded(() -> control.cancel("interrupted by signal"), REPORT_GRACE,
                () -> afterRun.applyAsInt(new Runner(context).run(checklist, RunIds.next(), "cli", progress, control)));
    }

    /**
     * Does {@code work} with a shutdown hook that calls {@code onSignal} (cancel, abort) and then holds the JVM up to
     * {@code grace} until {@code work} has finished, so what it reports, stores or removes is not cut off.
     */
    static int guarded(Runnable onSignal, Duration grace, IntSupplier work) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            onSignal.run();
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                // Exiting anyway.
            }
        }, "smokegate-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.getAsInt();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it will see the latch and let the JVM exit.
            }
        }
    }
}
