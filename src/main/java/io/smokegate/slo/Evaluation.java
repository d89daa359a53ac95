package io.smokegate.slo;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The scored objectives of one gate. {@code score} is in percent of the achievable score (the sum of the
 * weights of objectives with pass criteria); {@code message} explains the result in one sentence. An ERROR
 * evaluation judged nothing, so it has no score: read it through {@link #judgedScore()}.
 */
public record Evaluation(
        GateResult result,
        double score,
        double achievable,
        List<ObjectiveResult> objectives,
        int comparedEvaluations,
        String message) {

    public Evaluation {
        objectives = List.copyOf(objectives);
    }

    /** The score, or empty for an ERROR: a number there would suggest a judgement that did not happen. */
    public OptionalDouble judgedScore() {
        return result == GateResult.ERROR ? OptionalDouble.empty() : OptionalDouble.of(score);
    }
}
