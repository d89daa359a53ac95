package io.smokegate.slo;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values a run yields for objectives. Check SLIs take an optional selector {@code {id=...}} or
 * {@code {type=...}}; durations are in seconds. Skipped checks are not judged and count nowhere.
 */
public enum RunSli {
    RUN_SUCCESS_RATIO("run.success_ratio", Set.of(), "share of the judged checks that passed (0-1)"),
    RUN_DURATION("run.duration_seconds", Set.of(), "wall time of the run"),
    RUN_FAILED_CHECKS("run.failed_checks", Set.of(), "checks that failed or errored"),
    CHECK_SUCCESS("check.success", Set.of("id", "type"), "1/0 for one check ({id=...}), else the share of the selected checks that passed"),
    CHECK_DURATION("check.duration_seconds", Set.of("id"), "duration of one check, retries included ({id=...} required)"),
    CHECK_DURATION_AVG("check.duration_avg", Set.of("id", "type"), "mean duration of the selected checks"),
    CHECK_DURATION_MAX("check.duration_max", Set.of("id", "type"), "longest duration of the selected checks"),
    CHECK_DURATION_P50("check.duration_p50", Set.of("id", "type"), "median duration of the selected checks"),
    CHECK_DURATION_P90("check.duration_p90", Set.of("id", "type"), "90th percentile (nearest rank) of the selected checks' durations"),
    CHECK_DURATION_P95("check.duration_p95", Set.of("id", "type"), "95th percentile (nearest rank) of the selected checks' durations"),
    CHECK_DURATION_P99("check.duration_p99", Set.of("id", "type"), "99th percentile (nearest rank) of the selected checks' durations");

    private final String label;
    private final Set<String> selectorKeys;
    private final String description;

    RunSli(String label, Set<String> selectorKeys, String description) {
        this.label = label;
        this.selectorKeys = selectorKeys;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public Set<String> selectorKeys() {
        return selectorKeys;
    }

    public String description() {
        return description;
    }

    public boolean requiresId() {
        return this == CHECK_DURATION;
    }

    public static Optional<RunSli> parse(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(RunSli::label).toList();
    }

    /** This SLI's value for a run's check results; the selector holds at most one of id and type. */
    public SliValue value(List<CheckResult> checks, Duration runDuration, Map<String, String> selector) {
        List<CheckResult> selected = checks.stream()
                .filter(c -> !selector.containsKey("id") || c.id().equals(selector.get("id")))
                .filter(c -> !selector.containsKey("type") || c.type().equals(selector.get("type")))
                .toList();
        List<CheckResult> judged = selected.stream().filter(c -> c.status() != CheckStatus.SKIPPED).toList();
        return switch (this) {
            case RUN_SUCCESS_RATIO -> SliValue.of(CheckResult.successRatio(checks));
            case RUN_DURATION -> SliValue.of(seconds(runDuration));
            case RUN_FAILED_CHECKS -> SliValue.of(checks.stream()
                    .filter(c -> c.status() == CheckStatus.FAILED || c.status() == CheckStatus.ERROR).count());
            case CHECK_SUCCESS -> judged.isEmpty() ? nothingJudged(selected, selector)
                    : SliValue.of(CheckResult.successRatio(judged));
            default -> judged.isEmpty() ? nothingJudged(selected, selector) : SliValue.of(duration(judged));
        };
    }

    private double duration(List<CheckResult> judged) {
        double[] sorted = judged.stream().mapToDouble(c -> seconds(c.duration())).sorted().toArray();
        return switch (this) {
            case CHECK_DURATION_AVG -> Arrays.stream(sorted).average().orElseThrow();
            case CHECK_DURATION, CHECK_DURATION_MAX -> sorted[sorted.length - 1];
            case CHECK_DURATION_P50 -> nearestRank(sorted, 0.50);
            case CHECK_DURATION_P90 -> nearestRank(sorted, 0.90);
            case CHECK_DURATION_P95 -> nearestRank(sorted, 0.95);
            case CHECK_DURATION_P99 -> nearestRank(sorted, 0.99);
            default -> throw new IllegalStateException(label + " is not a duration");
        };
    }

    private static SliValue nothingJudged(List<CheckResult> selected, Map<String, String> selector) {
        String which = selector.isEmpty() ? "the run" : "the checks with " + selector;
        return new SliValue.Missing(selected.isEmpty() ? which + " had no results"
                : "every one of " + which + " was skipped");
    }

    private static double nearestRank(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
