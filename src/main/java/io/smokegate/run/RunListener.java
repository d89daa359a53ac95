package io.smokegate.run;

import io.smokegate.check.CheckResult;
import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Checklist;
import java.time.Duration;

/**
 * Progress of a run as it happens. Called from the run's worker threads, possibly concurrently;
 * implementations synchronise themselves and must not block for long.
 */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    default void runStarted(String runId, Checklist checklist) {
    }

    default void checkStarted(CheckSpec check) {
    }

    default void checkRetrying(CheckSpec check, int failedAttempt, String message, Duration backoff) {
    }

    default void checkFinished(CheckResult result) {
    }

    default void runFinished(RunReport report) {
    }

    /** Calls every listener in order; one that throws does not stop the others or the run. */
    static RunListener all(RunListener... listeners) {
        return new CompositeRunListener(java.util.List.of(listeners));
    }
}
