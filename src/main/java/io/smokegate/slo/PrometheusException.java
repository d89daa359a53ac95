package io.smokegate.slo;

/**
 * Prometheus could not answer a query. UNREACHABLE (down, timing out, overloaded, or not Prometheus at
 * all) means nothing can be judged; BAD_QUERY means Prometheus rejected the expression, a problem of the
 * SLO's author.
 */
public final class PrometheusException extends Exception {

    public enum Kind { UNREACHABLE, BAD_QUERY }

    private final Kind kind;

    public PrometheusException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
