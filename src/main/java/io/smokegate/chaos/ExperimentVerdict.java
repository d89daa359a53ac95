package io.smokegate.chaos;

/**
 * The result of an experiment. PASS: every phase met its objectives and the faults were removed. FAIL: the
 * service did not hold (steady state not met, objectives broken under the fault, no recovery in time). ERROR: the
 * experiment could not be carried out or judged (preflight, the cluster, a removal stuck, an abort), so it says
 * nothing about the service.
 */
public enum ExperimentVerdict {
    PASS, FAIL, ERROR;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
