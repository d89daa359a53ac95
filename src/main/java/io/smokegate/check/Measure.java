package io.smokegate.check;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A value checks may measure. {@code metrics} turns each into a series named {@code smokegate_<metricSuffix>};
 * label names are fixed here so their values stay bounded. Each check family defines the measures of its checks
 * ({@link CheckFamily#measures()}); the ones every family may use are defined here. {@code name} identifies the
 * measure in stored runs, so it never changes once released.
 */
public record Measure(String name, String metricSuffix, String help, List<String> labelNames) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern SUFFIX = Pattern.compile("[a-z][a-z0-9_]*");

    public static final Measure SECURITY_FAILURE = new Measure("SECURITY_FAILURE", "security_failure",
            "1 if the last probe proved misbehaviour (a forked or rolled-back checksum database, a checksum mismatch, "
                    + "a private module leak), else 0", List.of());

    /** The measures of the core, which any family may record. */
    public static final List<Measure> CORE = List.of(SECURITY_FAILURE);

    public Measure {
        if (!NAME.matcher(name).matches() || !SUFFIX.matcher(metricSuffix).matches()) {
            throw new IllegalArgumentException("measure " + name + "/" + metricSuffix + ": names are UPPER_SNAKE, suffixes lower_snake");
        }
        labelNames = List.copyOf(labelNames);
    }
}
