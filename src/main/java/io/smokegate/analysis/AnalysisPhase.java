package io.smokegate.analysis;

import java.util.Arrays;
import java.util.Optional;

/** Where an analysis stands; the labels are Argo Rollouts' AnalysisRun phases, so tools reading both agree. */
public enum AnalysisPhase {
    RUNNING("Running"),
    /** Every measurement of the window taken, failures and inconclusive ones within their limits. */
    SUCCESSFUL("Successful"),
    /** More failed measurements than the failure limit. */
    FAILED("Failed"),
    /** The analysis itself could not go on: aborted, its checklist gone or unjudgeable, its replica stopped. */
    ERROR("Error"),
    /** More measurements that could not be judged (e.g. Prometheus lost) than the inconclusive limit. */
    INCONCLUSIVE("Inconclusive");

    private final String label;

    AnalysisPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean finished() {
        return this != RUNNING;
    }

    public static Optional<AnalysisPhase> parse(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst();
    }
}
