package io.smokegate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportTest {

    private static RunReport report(CheckStatus... statuses) {
        List<CheckResult> checks = Arrays.stream(statuses)
                .map(s -> new CheckResult("c", "t", s, Instant.EPOCH, Duration.ZERO, "", Map.of(), List.of(), 1, 1))
                .toList();
        return new RunReport(RunIds.next(), "cl", Map.of(), RunStatus.of(checks, false), "test", Instant.EPOCH,
                Duration.ZERO, checks);
    }

    @Test
    void countsChecksByStatus() {
        RunReport r = report(CheckStatus.PASSED, CheckStatus.PASSED, CheckStatus.FAILED, CheckStatus.SKIPPED);

        assertEquals(2, r.count(CheckStatus.PASSED));
        assertEquals(1, r.count(CheckStatus.FAILED));
        assertEquals(0, r.count(CheckStatus.ERROR));
        assertEquals(1, r.count(CheckStatus.SKIPPED));
    }

    @Test
    void successRatioLeavesSkippedChecksOut() {
        assertEquals(2.0 / 3, report(CheckStatus.PASSED, CheckStatus.PASSED, CheckStatus.ERROR, CheckStatus.SKIPPED).successRatio());
    }

    @Test
    void successRatioOfARunWithNothingToJudgeIsOne() {
        assertEquals(1.0, report().successRatio());
        assertEquals(1.0, report(CheckStatus.SKIPPED).successRatio());
    }

    @Test
    void reportIsImmutableAndDetachedFromTheListsItWasBuiltFrom() {
        List<CheckResult> checks = new ArrayList<>(report(CheckStatus.PASSED).checks());
        Map<String, String> labels = new HashMap<>(Map.of("env", "prod"));
        RunReport r = new RunReport("id", "cl", labels, RunStatus.PASSED, "cli", Instant.EPOCH, Duration.ZERO, checks);

        checks.clear();
        labels.clear();

        assertEquals(1, r.checks().size());
        assertEquals(Map.of("env", "prod"), r.labels());
        assertThrows(UnsupportedOperationException.class, () -> r.checks().clear());
    }
}
