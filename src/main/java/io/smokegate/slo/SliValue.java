package io.smokegate.slo;

/** The value of an objective's indicator for one evaluation, or why there is none. */
public sealed interface SliValue {

    record Measured(double value) implements SliValue {
    }

    /** No usable value (no data, NaN, a skipped check …): the objective fails unless it ignores empty values. */
    record Missing(String reason) implements SliValue {
    }

    static SliValue of(double value) {
        return Double.isNaN(value) ? new Missing("the value is NaN") : new Measured(value);
    }
}
