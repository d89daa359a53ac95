package io.smokegate.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result of one check in one run: everything reports, metrics and the store need. */
public record CheckResult(
        String id,
        String type,
        CheckStatus status,
        Instant startedAt,
        Duration duration,
        String message,
        Map<String, Object> details,
        List<Measurement> measurements,
        int attempts,
        double weight,
        Severity severity) {

    public CheckResult {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        measurements = List.copyOf(measurements);
        message = message == null ? "" : message;
        if (severity == Severity.SECURITY && status != CheckStatus.FAILED) {
            throw new IllegalArgumentException("only a failed check can be a security failure, not a " + status.label() + " one");
        }
    }

    /** A result of ordinary severity. */
    public CheckResult(String id, String type, CheckStatus status, Instant startedAt, Duration duration, String message,
                       Map<String, Object> details, List<Measurement> measurements, int attempts, double weight) {
        this(id, type, status, startedAt, duration, message, details, measurements, attempts, weight, Severity.NORMAL);
    }

    /** The same result with other text: what redaction needs, keeping everything else. */
    public CheckResult withText(String newMessage, Map<String, Object> newDetails) {
        return new CheckResult(id, type, status, startedAt, duration, newMessage, newDetails, measurements, attempts, weight,
                severity);
    }

    public boolean security() {
        return severity == Severity.SECURITY;
    }

    /** A check that never ran, and why. */
    public static CheckResult skipped(String id, String type, double weight, Instant at, String why) {
        return new CheckResult(id, type, CheckStatus.SKIPPED, at, Duration.ZERO, why, Map.of(), List.of(), 0, weight);
    }

    public boolean passed() {
        return status == CheckStatus.PASSED;
    }

    /** Fraction of the results that passed, skipped ones left out; 1 when there is nothing to judge. */
    public static double successRatio(List<CheckResult> results) {
        long judged = results.stream().filter(r -> r.status != CheckStatus.SKIPPED).count();
        return judged == 0 ? 1.0 : (double) results.stream().filter(CheckResult::passed).count() / judged;
    }
}
