package io.smokegate.check;

import java.time.Duration;

/** A point on the monotonic clock by which a probe must be done. */
public record Deadline(long nanos, Duration budget) {

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
    }

    public boolean expired() {
        return System.nanoTime() - nanos >= 0;
    }

    /** Remaining time as a socket timeout: at least 1 ms, because 0 means "forever" to sockets. */
    public int remainingMillis() {
        long ms = remaining().toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}
