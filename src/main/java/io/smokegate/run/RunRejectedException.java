package io.smokegate.run;

import java.time.Duration;

/** The queue would not take a run: full (try again after {@code retryAfter}) or shutting down. */
public class RunRejectedException extends Exception {

    private final Duration retryAfter;

    public RunRejectedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** Null when retrying makes no sense (shutting down). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
