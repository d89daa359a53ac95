package io.smokegate.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt of one check: its deadline, the shared context, and what the check records on the way
 * (details for reports, measurements for metrics). Used by one thread at a time.
 */
public final class Probe {

    private final Deadline deadline;
    private final CheckContext context;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<Measurement> measurements = new ArrayList<>();

    public Probe(Deadline deadline, CheckContext context) {
        this.deadline = deadline;
        this.context = context;
    }

    public Deadline deadline() {
        return deadline;
    }

    public CheckContext context() {
        return context;
    }

    /** Adds a detail shown in reports; values must be strings, numbers, booleans, lists or maps of them. */
    public void detail(String key, Object value) {
        details.put(key, value);
    }

    public void measure(Measure measure, double value, String... labelValues) {
        measurements.add(new Measurement(measure, value, List.of(labelValues)));
    }

    /**
     * Fails with every unmet expectation: all of them as the {@code failures} detail, the first in the
     * message with a count of the others.
     */
    public Outcome failAll(List<String> failures) {
        return Outcome.fail(summarise(failures));
    }

    /** {@link #failAll}, as a security failure (see {@link Outcome#securityFailure}). */
    public Outcome securityFailAll(List<String> failures) {
        return Outcome.securityFailure(summarise(failures));
    }

    private String summarise(List<String> failures) {
        detail("failures", List.copyOf(failures));
        return failures.get(0) + (failures.size() > 1 ? " (+" + (failures.size() - 1) + " more)" : "");
    }

    public Map<String, Object> details() {
        return details;
    }

    public List<Measurement> measurements() {
        return measurements;
    }
}
