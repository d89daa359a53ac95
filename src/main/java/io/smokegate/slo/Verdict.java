package io.smokegate.slo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A gate's judgement of one run of one checklist, as stored and answered. */
public record Verdict(String id, String checklist, String runId, Instant evaluatedAt, SloSpec spec, Evaluation evaluation) {

    public GateResult result() {
        return evaluation.result();
    }

    /** The measured value of each objective, what later gates compare with. */
    public Map<String, Double> objectiveValues() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ObjectiveResult r : evaluation.objectives()) {
            r.value().filter(Double::isFinite).ifPresent(v -> out.put(r.objective().name(), v));
        }
        return out;
    }
}
