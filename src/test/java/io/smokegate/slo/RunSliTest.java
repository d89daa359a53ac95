package io.smokegate.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSliTest {

    private static CheckResult check(String id, String type, CheckStatus status, long millis) {
        return new CheckResult(id, type, status, Instant.parse("2026-11-22T10:00:00Z"), Duration.ofMillis(millis), "",
                Map.of(), List.of(), 1, 1);
    }

    private static final List<CheckResult> RUN = List.of(
            check("list", "goproxy.list", CheckStatus.PASSED, 120),
            check("zip-a", "goproxy.module", CheckStatus.PASSED, 300),
            check("zip-b", "goproxy.module", CheckStatus.FAILED, 900),
            check("zip-c", "goproxy.module", CheckStatus.SKIPPED, 0),
            check("home", "http", CheckStatus.ERROR, 50));

    private static double value(RunSli sli, Map<String, String> selector) {
        return ((SliValue.Measured) sli.value(RUN, Duration.ofMillis(950), selector)).value();
    }

    @Test
    void successRatioLeavesSkippedChecksOut() {
        assertEquals(0.5, value(RunSli.RUN_SUCCESS_RATIO, Map.of()));
    }

    @Test
    void runDurationIsInSeconds() {
        assertEquals(0.95, value(RunSli.RUN_DURATION, Map.of()));
    }

    @Test
    void failedChecksCountFailuresAndErrors() {
        assertEquals(2, value(RunSli.RUN_FAILED_CHECKS, Map.of()));
    }

    @Test
    void checkSuccessOfOneCheckIsOneOrZero() {
        assertEquals(1, value(RunSli.CHECK_SUCCESS, Map.of("id", "zip-a")));
        assertEquals(0, value(RunSli.CHECK_SUCCESS, Map.of("id", "zip-b")));
    }

    @Test
    void checkSuccessOfATypeIsTheShareOfItsJudgedChecks() {
        assertEquals(0.5, value(RunSli.CHECK_SUCCESS, Map.of("type", "goproxy.module")));
    }

    @Test
    void aSkippedCheckHasNoSuccessValue() {
        SliValue v = RunSli.CHECK_SUCCESS.value(RUN, Duration.ZERO, Map.of("id", "zip-c"));
        assertEquals(new SliValue.Missing("every one of the checks with {id=zip-c} was skipped"), v);
    }

    @Test
    void durationsOfATypeAggregateItsJudgedChecks() {
        Map<String, String> modules = Map.of("type", "goproxy.module");
        assertEquals(0.6, value(RunSli.CHECK_DURATION_AVG, modules), 1e-12);
        assertEquals(0.9, value(RunSli.CHECK_DURATION_MAX, modules));
        assertEquals(0.3, value(RunSli.CHECK_DURATION_P50, modules));
        assertEquals(0.9, value(RunSli.CHECK_DURATION_P95, modules));
    }

    @Test
    void theNinetyFifthPercentileIsTheNearestRank() {
        List<CheckResult> twenty = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            twenty.add(check("c" + i, "http", CheckStatus.PASSED, i * 100L));
        }
        // ceil(0.95·20) = 19th smallest
        assertEquals(new SliValue.Measured(1.9), RunSli.CHECK_DURATION_P95.value(twenty, Duration.ZERO, Map.of()));
        assertEquals(new SliValue.Measured(1.0), RunSli.CHECK_DURATION_P50.value(twenty, Duration.ZERO, Map.of()));
    }

    @Test
    void theDurationOfOneCheckIsItsOwn() {
        assertEquals(0.12, value(RunSli.CHECK_DURATION, Map.of("id", "list")));
    }

    @Test
    void aRunWithoutChecksOfTheTypeHasNoValue() {
        assertEquals(new SliValue.Missing("the checks with {type=dns} had no results"),
                RunSli.CHECK_DURATION_MAX.value(RUN, Duration.ZERO, Map.of("type", "dns")));
    }
}
