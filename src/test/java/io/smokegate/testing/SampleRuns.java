package io.smokegate.testing;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Severity;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunReport;
import io.smokegate.run.Runner;
import io.smokegate.run.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Finished runs built by hand, for tests of what consumes {@link RunReport}s (store, reports). Times are
 * whole milliseconds, the precision the store keeps.
 */
public final class SampleRuns {

    public static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123Z");

    private SampleRuns() {
    }

    public static CheckResult check(String id, CheckStatus status, String message) {
        return check(id, status, message, Map.of());
    }

    public static CheckResult check(String id, CheckStatus status, String message, Map<String, Object> details) {
        return new CheckResult(id, "http", status, T0, status == CheckStatus.SKIPPED ? Duration.ZERO : Duration.ofMillis(42),
                message, details, List.of(), status == CheckStatus.SKIPPED ? 0 : 1, 1.0);
    }

    /** A security failure as the runner reports one: the typed severity and the documented details marker. */
    public static CheckResult securityFailure(String id, String message) {
        return new CheckResult(id, "http", CheckStatus.FAILED, T0, Duration.ofMillis(42), message,
                Map.of(Runner.SEVERITY, Runner.SECURITY), List.of(), 1, 1.0, Severity.SECURITY);
    }

    /** A run of {@code checklist} whose status follows from its checks. */
    public static RunReport run(String checklist, Instant startedAt, CheckResult... checks) {
        return run(RunIds.next(), checklist, startedAt, checks);
    }

    public static RunReport run(String runId, String checklist, Instant startedAt, CheckResult... checks) {
        List<CheckResult> list = List.of(checks);
        return new RunReport(runId, checklist, Map.of("env", "test"), RunStatus.of(list, false), "cli", startedAt,
                Duration.ofMillis(1500), list);
    }

    /** A passing run with one check. */
    public static RunReport passing(String checklist, Instant startedAt) {
        return run(checklist, startedAt, check("ok", CheckStatus.PASSED, "200 OK"));
    }
}
