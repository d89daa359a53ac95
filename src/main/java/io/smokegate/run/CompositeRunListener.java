package io.smokegate.run;

import io.smokegate.check.CheckResult;
import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Checklist;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Fans progress out to several listeners, isolating the run from their failures. */
final class CompositeRunListener implements RunListener {

    private static final Logger LOG = Logger.getLogger(CompositeRunListener.class.getName());

    private final List<RunListener> listeners;

    CompositeRunListener(List<RunListener> listeners) {
        this.listeners = listeners;
    }

    private void each(Consumer<RunListener> event) {
        for (RunListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "run listener " + l.getClass().getSimpleName() + " failed", e);
            }
        }
    }

    @Override
    public void runStarted(String runId, Checklist checklist) {
        each(l -> l.runStarted(runId, checklist));
    }

    @Override
    public void checkStarted(CheckSpec check) {
        each(l -> l.checkStarted(check));
    }

    @Override
    public void checkRetrying(CheckSpec check, int failedAttempt, String message, Duration backoff) {
        each(l -> l.checkRetrying(check, failedAttempt, message, backoff));
    }

    @Override
    public void checkFinished(CheckResult result) {
        each(l -> l.checkFinished(result));
    }

    @Override
    public void runFinished(RunReport report) {
        each(l -> l.runFinished(report));
    }
}
