package io.smokegate.dashboards.promql;

/** An expression Prometheus would refuse; the message names the position and what was wrong. */
public final class PromQlException extends Exception {

    private static final long serialVersionUID = 1L;

    PromQlException(int position, String message) {
        super("at " + position + ": " + message);
    }
}
