package io.smokegate.chaos;

import io.smokegate.run.RunControl;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Aborting one experiment from any thread (the API, {@code chaos abort}, Ctrl-C, shutdown). An abort ends the
 * current phase at once — a wait between runs returns, the run under way is cancelled — and the experiment goes
 * on to remove its faults: aborting never skips the removal.
 */
public final class ExperimentControl {

    private final CountDownLatch aborted = new CountDownLatch(1);
    private volatile String reason;
    private volatile RunControl currentRun;

    /** Aborts with {@code why} (e.g. "aborted by token 'ops'"); later calls keep the first reason. */
    public void abort(String why) {
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
        }
        aborted.countDown();
        RunControl run = currentRun;
        if (run != null) {
            run.cancel(why);
        }
    }

    public boolean isAborted() {
        return reason != null;
    }

    /** Why it was aborted, or null. */
    public String reason() {
        return reason;
    }

    /** Waits {@code d}, or less when aborted; returns false when aborted. */
    boolean pause(Duration d) {
        try {
            return !aborted.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("interrupted");
            return false;
        }
    }

    /** A control for the next checklist run, cancelled with this experiment. */
    RunControl nextRun() {
        RunControl run = new RunControl();
        currentRun = run;
        if (isAborted()) {
            run.cancel(reason);
        }
        return run;
    }
}
