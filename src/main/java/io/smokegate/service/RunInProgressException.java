package io.smokegate.service;

import java.time.Duration;

/** The run asked for is still queued or running, so it cannot be judged yet; ask again after {@code retryAfter}. */
public final class RunInProgressException extends Exception {

    private final Duration retryAfter;

    public RunInProgressException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
