package io.smokegate.analysis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs an analysis to its end: waits for the end of each interval, takes a measurement, reports it, and applies
 * {@link AnalysisRules} after each, so a window stops as soon as its outcome is certain. Whatever happens — an abort,
 * an interrupt, a measurement that cannot be taken — it returns a finished analysis; it never ends in a pass by
 * accident. Blocking: run it on a virtual thread.
 */
public final class Analyst {

    /** How often a wait looks for an abort: an aborted analysis stops within this. */
    static final Duration ABORT_POLL = Duration.ofSeconds(1);

    /** Takes measurement {@code index}: runs the checklist now and judges it over {@code window}. */
    @FunctionalInterface
    public interface Measurer {
        AnalysisMeasurement measure(int index, Duration window) throws AnalysisException, InterruptedException;
    }

    /** Told of every step, on the analysis' thread; a listener that cannot record ends the analysis in Error. */
    public interface Listener {
        /** The next measurement is due at {@code due}. */
        default void waiting(Analysis analysis, Instant due) {
        }

        void measured(Analysis analysis, AnalysisMeasurement measurement) throws AnalysisException;

        void finished(Analysis analysis);
    }

    /** Who asked to abort the analysis, if anyone did; asked between measurements and while waiting. */
    @FunctionalInterface
    public interface Abort {
        Optional<String> requestedBy() throws AnalysisException;
    }

    private final Clock clock;

    public Analyst(Clock clock) {
        this.clock = clock;
    }

    public Analysis run(Analysis started, Measurer measurer, Listener listener, Abort abort) {
        Analysis analysis = started;
        try {
            for (int index = analysis.measurements().size() + 1; ; index++) {
                Instant due = analysis.due(index);
                listener.waiting(analysis, due);
                Optional<String> aborted = waitUntil(due, abort);
                if (aborted.isPresent()) {
                    return end(analysis.finish(AnalysisPhase.ERROR, clock.instant(), "aborted by " + aborted.get()
                            + " after " + analysis.progress()),
                            listener);
                }
                AnalysisMeasurement m = measurer.measure(index, analysis.spec().interval());
                analysis = analysis.with(m);
                listener.measured(analysis, m);
                Optional<AnalysisRules.Ending> ending = AnalysisRules.ending(analysis);
                if (ending.isPresent()) {
                    return end(analysis.finish(ending.get().phase(), clock.instant(), ending.get().why()), listener);
                }
            }
        } catch (AnalysisException e) {
            return end(analysis.finish(AnalysisPhase.ERROR, clock.instant(), e.getMessage()), listener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return end(analysis.finish(AnalysisPhase.ERROR, clock.instant(), "interrupted after "
                    + analysis.progress()), listener);
        }
    }

    private static Analysis end(Analysis finished, Listener listener) {
        listener.finished(finished);
        return finished;
    }

    /** Sleeps until {@code due}, looking for an abort at least every {@link #ABORT_POLL}; who aborted, if anyone. */
    private Optional<String> waitUntil(Instant due, Abort abort) throws AnalysisException, InterruptedException {
        while (true) {
            Optional<String> aborted = abort.requestedBy();
            if (aborted.isPresent()) {
                return aborted;
            }
            Duration left = Duration.between(clock.instant(), due);
            if (!left.isPositive()) {
                return Optional.empty();
            }
            Thread.sleep(left.compareTo(ABORT_POLL) < 0 ? left : ABORT_POLL);
        }
    }
}
