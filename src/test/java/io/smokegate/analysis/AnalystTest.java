package io.smokegate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.slo.GateResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The loop, with measurements made up by the test and intervals of a fifth of a second. */
class AnalystTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Instant> measuredAt = new CopyOnWriteArrayList<>();

    private final Analyst.Listener listener = new Analyst.Listener() {
        @Override
        public void measured(Analysis analysis, AnalysisMeasurement m) {
            events.add("measured " + m.index() + " " + m.result().label());
        }

        @Override
        public void finished(Analysis analysis) {
            events.add("finished " + analysis.phase().label());
        }
    };

    private static Analysis started(int measurements, int failureLimit) {
        return Analysis.started("a1", new AnalysisSpec("site", INTERVAL.multipliedBy(measurements), INTERVAL, failureLimit,
                0, false), "test", Instant.now());
    }

    /** Answers the verdicts in order, judging the window the loop passes. */
    private Analyst.Measurer verdicts(GateResult... results) {
        Iterator<GateResult> next = List.of(results).iterator();
        return (index, window) -> {
            assertEquals(INTERVAL, window, "each measurement judges the interval just past");
            measuredAt.add(Instant.now());
            GateResult r = next.next();
            return new AnalysisMeasurement(index, Instant.now(), "run" + index, "verdict" + index, r,
                    r == GateResult.ERROR ? null : 100.0, r.label());
        };
    }

    @Test
    void aHealthyWindowTakesEveryMeasurementAtTheEndOfItsInterval() {
        Analysis start = started(3, 0);
        Analysis done = new Analyst(Clock.systemUTC()).run(start, verdicts(GateResult.PASS, GateResult.PASS, GateResult.PASS),
                listener, Optional::empty);
        assertEquals(AnalysisPhase.SUCCESSFUL, done.phase());
        assertEquals(List.of("measured 1 pass", "measured 2 pass", "measured 3 pass", "finished Successful"), events);
        for (int i = 0; i < 3; i++) {
            assertTrue(!measuredAt.get(i).isBefore(start.due(i + 1)), "measurement " + (i + 1) + " before its interval ended");
        }
    }

    @Test
    void aFailureOverTheLimitStopsTheWindowEarly() {
        Analysis done = new Analyst(Clock.systemUTC()).run(started(5, 0), verdicts(GateResult.PASS, GateResult.FAIL),
                listener, Optional::empty);
        assertEquals(AnalysisPhase.FAILED, done.phase());
        assertEquals(2, done.measurements().size());
        assertEquals("finished Failed", events.getLast());
    }

    @Test
    void anAbortEndsItInErrorNamingWhoAborted() {
        List<String> asked = new ArrayList<>();
        Analysis done = new Analyst(Clock.systemUTC()).run(started(5, 0), verdicts(GateResult.PASS, GateResult.PASS),
                listener, () -> {
                    asked.add("?");
                    return measuredAt.isEmpty() ? Optional.empty() : Optional.of("token ci");
                });
        assertEquals(AnalysisPhase.ERROR, done.phase());
        assertEquals("aborted by token ci after 1 of 5 measurements", done.message());
        assertEquals(1, done.measurements().size());
    }

    @Test
    void aMeasurementThatCannotBeTakenEndsItInErrorWithTheReason() {
        Analysis done = new Analyst(Clock.systemUTC()).run(started(3, 0), (index, window) -> {
            throw new AnalysisException("checklist 'site' no longer exists");
        }, listener, Optional::empty);
        assertEquals(AnalysisPhase.ERROR, done.phase());
        assertEquals("checklist 'site' no longer exists", done.message());
        assertEquals(List.of("finished Error"), events);
    }

    @Test
    void anInterruptEndsItInErrorAndKeepsTheInterruptFlag() throws Exception {
        Analysis[] done = new Analysis[1];
        boolean[] stillInterrupted = new boolean[1];
        Thread t = Thread.ofVirtual().start(() -> {
            done[0] = new Analyst(Clock.systemUTC()).run(started(50, 0), (index, window) -> {
                throw new AssertionError("interrupted during the first interval, before any measurement");
            }, listener, Optional::empty);
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        });
        Thread.sleep(100);
        t.interrupt();
        t.join(5_000);
        assertEquals(AnalysisPhase.ERROR, done[0].phase());
        assertEquals("interrupted after 0 of 50 measurements", done[0].message());
        assertTrue(stillInterrupted[0]);
    }
}
