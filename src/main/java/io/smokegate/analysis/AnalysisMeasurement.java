package io.smokegate.analysis;

import io.smokegate.slo.GateResult;
import io.smokegate.slo.Verdict;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One gate verdict of an analysis: the {@code index}-th (from 1) run of the checklist, judged over the interval
 * before {@code at}. {@code score} is null when nothing was judged (an error verdict).
 */
public record AnalysisMeasurement(int index, Instant at, String runId, String verdictId, GateResult result, Double score,
                                  String message) {

    public AnalysisMeasurement {
        if (index < 1) {
            throw new IllegalArgumentException("measurements count from 1, not " + index);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(result, "result");
        if ((result == GateResult.ERROR) != (score == null)) {
            throw new IllegalArgumentException("an error verdict has no score, and every other verdict has one");
        }
        message = message == null ? "" : message;
    }

    /** Measurement {@code index}: the verdict on a run of the analysis' checklist. */
    public static AnalysisMeasurement of(int index, Verdict verdict) {
        OptionalDouble score = verdict.evaluation().judgedScore();
        return new AnalysisMeasurement(index, verdict.evaluatedAt(), verdict.runId(), verdict.id(), verdict.result(),
                score.isPresent() ? score.getAsDouble() : null, verdict.evaluation().message());
    }

    /** How the measurement counts: pass and warning succeed (a warning fails with {@code failOnWarning}). */
    public Outcome outcome(boolean failOnWarning) {
        return switch (result) {
            case PASS -> Outcome.SUCCESSFUL;
            case WARNING -> failOnWarning ? Outcome.FAILED : Outcome.SUCCESSFUL;
            case FAIL -> Outcome.FAILED;
            case ERROR -> Outcome.ERROR;
        };
    }

    /** Argo Rollouts' measurement phases that a gate verdict can have. */
    public enum Outcome {
        SUCCESSFUL("Successful"), FAILED("Failed"), ERROR("Error");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
