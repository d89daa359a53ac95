package io.smokegate.check;

import java.util.List;

/**
 * Check types that belong together (net, goproxy, sumdb …) and what they measure. A new family is one class
 * implementing this and one line in {@link CheckRegistry#standard()}: no core type changes.
 */
public interface CheckFamily {

    String name();

    List<CheckType> types();

    /** The measures this family's checks record, besides {@link Measure#CORE}. */
    List<Measure> measures();

    /** A family assembled from parts, for tests and small extensions. */
    static CheckFamily of(String name, List<CheckType> types, List<Measure> measures) {
        List<CheckType> t = List.copyOf(types);
        List<Measure> m = List.copyOf(measures);
        return new CheckFamily() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<CheckType> types() {
                return t;
            }

            @Override
            public List<Measure> measures() {
                return m;
            }
        };
    }
}
