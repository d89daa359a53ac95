package io.smokegate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.slo.GateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnalysisRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** An analysis of five one-minute measurements with the given limits, with these verdicts so far. */
    static Analysis analysis(int failureLimit, int inconclusiveLimit, boolean failOnWarning, GateResult... verdicts) {
        Analysis a = Analysis.started("a1", new AnalysisSpec("site", Duration.ofMinutes(5), Duration.ofMinutes(1),
                failureLimit, inconclusiveLimit, failOnWarning), "cli", T0);
        for (int i = 0; i < verdicts.length; i++) {
            GateResult r = verdicts[i];
            a = a.with(new AnalysisMeasurement(i + 1, a.due(i + 1), "run" + i, "verdict" + i, r,
                    r == GateResult.ERROR ? null : r == GateResult.FAIL ? 0.0 : 100.0, r.label()));
        }
        return a;
    }

    @Test
    void anAnalysisGoesOnWhileItsOutcomeIsOpen() {
        assertEquals(Optional.empty(), AnalysisRules.ending(analysis(1, 0, false, GateResult.PASS, GateResult.FAIL)));
    }

    @Test
    void oneFailureMoreThanTheLimitFailsAtOnce() {
        AnalysisRules.Ending ending = AnalysisRules.ending(analysis(1, 0, false, GateResult.FAIL, GateResult.PASS,
                GateResult.FAIL)).orElseThrow();
        assertEquals(AnalysisPhase.FAILED, ending.phase());
        assertEquals("2 of 3 measurements failed, more than the failure limit (1)", ending.why());
    }

    @Test
    void theDefaultLimitOfZeroFailsOnTheFirstFailure() {
        assertEquals(AnalysisPhase.FAILED, AnalysisRules.ending(analysis(0, 0, false, GateResult.FAIL)).orElseThrow().phase());
    }

    @Test
    void measurementsThatCouldNotBeJudgedEndItInconclusiveNeverSuccessful() {
        AnalysisRules.Ending ending = AnalysisRules.ending(analysis(0, 1, false, GateResult.PASS, GateResult.ERROR,
                GateResult.ERROR)).orElseThrow();
        assertEquals(AnalysisPhase.INCONCLUSIVE, ending.phase());
        assertEquals("2 of 3 measurements could not be judged, more than the inconclusive limit (1)", ending.why());
    }

    @Test
    void failuresOverTheLimitWinOverInconclusiveOnes() {
        assertEquals(AnalysisPhase.FAILED, AnalysisRules.ending(analysis(0, 0, false, GateResult.ERROR, GateResult.FAIL))
                .orElseThrow().phase());
    }

    @Test
    void aFullWindowWithinTheLimitsSucceeds() {
        AnalysisRules.Ending ending = AnalysisRules.ending(analysis(1, 1, false, GateResult.PASS, GateResult.FAIL,
                GateResult.WARNING, GateResult.ERROR, GateResult.PASS)).orElseThrow();
        assertEquals(AnalysisPhase.SUCCESSFUL, ending.phase());
        assertEquals("all 5 measurements taken: 3 successful, 1 failed, 1 not judged", ending.why());
    }

    @Test
    void aWarningFailsAMeasurementOnlyWhenWarningsFail() {
        assertEquals(Optional.empty(), AnalysisRules.ending(analysis(0, 0, false, GateResult.WARNING)));
        assertEquals(AnalysisPhase.FAILED, AnalysisRules.ending(analysis(0, 0, true, GateResult.WARNING)).orElseThrow().phase());
    }

    @Test
    void measurementsAreDueAtTheEndOfEachInterval() {
        Analysis a = analysis(0, 0, false);
        assertEquals(T0.plusSeconds(60), a.due(1));
        assertEquals(T0.plusSeconds(300), a.due(5));
        assertTrue(a.phase() == AnalysisPhase.RUNNING && a.finishedAt() == null);
    }
}
