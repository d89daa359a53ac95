package io.smokegate.run;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run of one checklist: the unit everything downstream (reports, store, metrics, SLOs) consumes.
 * {@code trigger} says who started it: {@code cli}, {@code api}, {@code schedule} or {@code gate} (the API's gates).
 */
public record RunReport(
        String runId,
        String checklist,
        Map<String, String> labels,
        RunStatus status,
        String trigger,
        Instant startedAt,
        Duration duration,
        List<CheckResult> checks) {

    public RunReport {
        labels = Map.copyOf(labels);
        checks = List.copyOf(checks);
    }

    public long count(CheckStatus status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    /** Fraction of checks that passed, skipped ones left out; 1 for a run with nothing to judge. */
    public double successRatio() {
        return CheckResult.successRatio(checks);
    }
}
