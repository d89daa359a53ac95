package io.smokegate.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * How the API server protects its file descriptors from idle, slow and surplus connections.
 *
 * @param idleTimeout        a connection waiting for a request (new, or done with its previous one) is closed
 *                           when nothing arrives for this long
 * @param requestReadTimeout from its first byte, a request (line, headers and body) must have arrived within
 *                           this long: a deadline that trickling bytes do not extend
 * @param maxConnections     open connections at most; 0 derives it from the process's open-file limit
 *                           ({@link #defaultMaxConnections(long)})
 */
public record ConnectionLimits(Duration idleTimeout, Duration requestReadTimeout, int maxConnections) {

    /** The automatic cap never goes above this: each open connection also costs memory. */
    static final int MAX_DEFAULT_CONNECTIONS = 16_384;
    /** Descriptors kept back for the database, checks, the checklist directory and logs. */
    static final int MIN_RESERVE = 256;
    /** Used when the JVM cannot tell the open-file limit (not a Unix). */
    static final long UNKNOWN_FILE_LIMIT = 4096;

    public static ConnectionLimits defaults() {
        return new ConnectionLimits(Duration.ofSeconds(30), Duration.ofSeconds(30), 0);
    }

    /** {@code maxConnections}, or the default derived from the open-file limit when it is 0. */
    public int effectiveMaxConnections() {
        return maxConnections > 0 ? maxConnections : defaultMaxConnections(openFileLimit());
    }

    /**
     * Four fifths of the open-file limit, at most {@value #MAX_DEFAULT_CONNECTIONS}: a fifth (and at least
     * {@value #MIN_RESERVE} descriptors) stays for the database, the checks and the logs, which would otherwise
     * fail with "Too many open files" once connections had taken every descriptor.
     */
    static int defaultMaxConnections(long openFileLimit) {
        long reserve = Math.max(MIN_RESERVE, openFileLimit / 5);
        return (int) Math.max(16, Math.min(MAX_DEFAULT_CONNECTIONS, openFileLimit - reserve));
    }

    public static long openFileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : UNKNOWN_FILE_LIMIT;
    }
}
