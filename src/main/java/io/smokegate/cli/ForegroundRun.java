package io.smokegate.cli;

import io.smokegate.check.CheckContext;
import io.smokegate.checklist.Checklist;
import io.smokegate.run.RunControl;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunListener;
import io.smokegate.run.RunReport;
import io.smokegate.run.Runner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * A run in the foreground of the CLI. Ctrl-C (or SIGTERM from a CI runner) cancels the checks, and the
 * JVM waits up to ten seconds for {@code afterRun} to report and store what was found before it exits.
 */
final class ForegroundRun {

    private static final int REPORT_GRACE_SECONDS = 10;

    private ForegroundRun() {
    }

    static int run(Checklist checklist, CheckContext context, RunListener progress, ToIntFunction<RunReport> afterRun) {
        RunControl control = new RunControl();
        CountDownLatch reported = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            control.cancel("interrupted by signal");
            try {
                reported.await(REPORT_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // Exiting anyway.
            }
        }, "smokegate-signal");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            RunReport report = new Runner(context).run(checklist, RunIds.next(), "cli", progress, control);
            return afterRun.applyAsInt(report);
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it will see the latch and let the JVM exit.
            }
        }
    }
}
