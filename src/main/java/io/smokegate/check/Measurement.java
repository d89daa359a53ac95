package io.smokegate.check;

import java.util.List;

/** One measured value, with the values of its measure's labels in declaration order. */
public record Measurement(Measure measure, double value, List<String> labelValues) {

    public Measurement {
        labelValues = List.copyOf(labelValues);
        if (labelValues.size() != measure.labelNames().size()) {
            throw new IllegalArgumentException(measure + " takes labels " + measure.labelNames() + ", got " + labelValues);
        }
    }
}
