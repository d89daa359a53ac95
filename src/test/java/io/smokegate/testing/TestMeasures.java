package io.smokegate.testing;

import io.smokegate.check.CheckResult;
import io.smokegate.check.Measure;
import io.smokegate.check.Measurement;

/** Reading measurements back out of a check result. */
public final class TestMeasures {

    private TestMeasures() {
    }

    /** The value of the last measurement of {@code measure}; fails when there is none. */
    public static double value(CheckResult result, Measure measure, String... labels) {
        double value = Double.NaN;
        for (Measurement m : result.measurements()) {
            if (m.measure() == measure && m.labelValues().equals(java.util.List.of(labels))) {
                value = m.value();
            }
        }
        if (Double.isNaN(value)) {
            throw new AssertionError("no " + measure + " " + java.util.List.of(labels) + " in " + result.measurements());
        }
        return value;
    }
}
