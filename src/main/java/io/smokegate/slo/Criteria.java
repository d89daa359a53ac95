package io.smokegate.slo;

import java.util.List;
import java.util.Optional;

/**
 * Pass or warning criteria of an objective: the lists are alternatives (OR), the criteria inside one list
 * must all hold (AND). No lists means no criteria.
 */
public record Criteria(List<List<Criterion>> anyOf) {

    public static final Criteria NONE = new Criteria(List.of());

    public Criteria {
        anyOf = anyOf.stream().map(List::copyOf).toList();
    }

    public boolean isEmpty() {
        return anyOf.isEmpty();
    }

    public boolean relative() {
        return anyOf.stream().flatMap(List::stream).anyMatch(Criterion::relative);
    }

    public boolean holds(double value, Optional<Double> baseline) {
        return anyOf.stream().anyMatch(all -> all.stream().allMatch(c -> c.holds(value, baseline)));
    }

    /** The criteria as written: lists joined by " or ", criteria by " and ". */
    public String describe() {
        return String.join(" or ", anyOf.stream()
                .map(all -> String.join(" and ", all.stream().map(Criterion::text).toList())).toList());
    }
}
