package io.smokegate.analysis;

import io.smokegate.analysis.AnalysisMeasurement.Outcome;
import java.util.Optional;

/**
 * Argo Rollouts' rules for when an analysis ends, on the measurements so far: pure, so the CLI, the service and
 * the tests judge alike. More failures than the failure limit fail it at once; more measurements that could not be
 * judged than the inconclusive limit end it inconclusive at once (never a pass); a full window within both limits
 * succeeds.
 */
public final class AnalysisRules {

    private AnalysisRules() {
    }

    /** The phase the analysis ends in with its measurements so far, with why; empty while it must go on. */
    public static Optional<Ending> ending(Analysis analysis) {
        AnalysisSpec spec = analysis.spec();
        long failed = analysis.count(Outcome.FAILED);
        long errors = analysis.count(Outcome.ERROR);
        if (failed > spec.failureLimit()) {
            return Optional.of(new Ending(AnalysisPhase.FAILED, failed + " of " + analysis.measurements().size()
                    + " measurements failed, more than the failure limit (" + spec.failureLimit() + ")"));
        }
        if (errors > spec.inconclusiveLimit()) {
            return Optional.of(new Ending(AnalysisPhase.INCONCLUSIVE, errors + " of " + analysis.measurements().size()
                    + " measurements could not be judged, more than the inconclusive limit (" + spec.inconclusiveLimit() + ")"));
        }
        if (analysis.measurements().size() == spec.count()) {
            return Optional.of(new Ending(AnalysisPhase.SUCCESSFUL, "all " + spec.count() + " measurements taken: "
                    + analysis.tally()));
        }
        return Optional.empty();
    }

    /** How and why an analysis ends. */
    public record Ending(AnalysisPhase phase, String why) {
    }
}
