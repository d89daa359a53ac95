package io.smokegate.slo;

import java.util.List;
import java.util.Map;

/**
 * Earlier values per objective name, newest first, already limited to the evaluations a
 * {@link Comparison} admits; {@code evaluations} is how many such evaluations there were.
 */
public record History(int evaluations, Map<String, List<Double>> values) {

    public static final History EMPTY = new History(0, Map.of());

    public History {
        values = Map.copyOf(values);
    }

    public List<Double> of(String objective) {
        return values.getOrDefault(objective, List.of());
    }
}
