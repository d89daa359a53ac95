package io.smokegate.gate;

/**
 * A gate that cannot be judged as asked: no SLO, promql objectives without a Prometheus, a run of another
 * checklist, or an expression Prometheus rejects. Input to fix, not an outage.
 */
public final class GateException extends Exception {

    public GateException(String message) {
        super(message);
    }
}
