package io.smokegate.slo;

import java.util.List;

/**
 * The scored objectives of one gate. {@code score} is in percent of the achievable score (the sum of the
 * weights of objectives with pass criteria); {@code message} explains the result in one sentence.
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
}
