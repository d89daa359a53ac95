package io.smokegate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunStatusTest {

    private static List<CheckResult> results(CheckStatus... statuses) {
        return Arrays.stream(statuses)
                .map(s -> new CheckResult("c-" + s.label(), "t", s, Instant.EPOCH, Duration.ZERO, "", Map.of(), List.of(), 1, 1))
                .toList();
    }

    @Test
    void allPassedIsPassed() {
        assertEquals(RunStatus.PASSED, RunStatus.of(results(CheckStatus.PASSED, CheckStatus.PASSED), false));
    }

    @Test
    void emptyRunIsPassed() {
        assertEquals(RunStatus.PASSED, RunStatus.of(List.of(), false));
    }

    @Test
    void skippedChecksAloneDoNotFailARun() {
        assertEquals(RunStatus.PASSED, RunStatus.of(results(CheckStatus.PASSED, CheckStatus.SKIPPED), false));
    }

    @Test
    void anErrorMakesTheRunError() {
        assertEquals(RunStatus.ERROR, RunStatus.of(results(CheckStatus.PASSED, CheckStatus.ERROR, CheckStatus.SKIPPED), false));
    }

    @Test
    void failedTakesPrecedenceOverError() {
        assertEquals(RunStatus.FAILED, RunStatus.of(results(CheckStatus.ERROR, CheckStatus.FAILED, CheckStatus.PASSED), false));
        assertEquals(RunStatus.FAILED, RunStatus.of(results(CheckStatus.FAILED, CheckStatus.ERROR), false));
    }

    @Test
    void abortedTakesPrecedenceOverEverything() {
        assertEquals(RunStatus.ABORTED, RunStatus.of(results(CheckStatus.FAILED, CheckStatus.ERROR), true));
        assertEquals(RunStatus.ABORTED, RunStatus.of(results(CheckStatus.PASSED), true));
    }

    @Test
    void labelsAreLowerCaseAndParseBack() {
        for (RunStatus s : RunStatus.values()) {
            assertEquals(s.name().toLowerCase(java.util.Locale.ROOT), s.label());
            assertEquals(s, RunStatus.fromLabel(s.label()));
        }
    }
}
