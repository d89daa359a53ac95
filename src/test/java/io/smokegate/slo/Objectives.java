package io.smokegate.slo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Objectives and specs written the way a checklist would, for evaluator tests. */
final class Objectives {

    private Objectives() {
    }

    static Criteria all(String... criteria) {
        return new Criteria(List.of(java.util.Arrays.stream(criteria).map(Criterion::parse).toList()));
    }

    static Criteria anyOf(List<String> first, List<String> second) {
        return new Criteria(List.of(first.stream().map(Criterion::parse).toList(),
                second.stream().map(Criterion::parse).toList()));
    }

    static Objective objective(String name, Criteria pass, Criteria warning, double weight, boolean key) {
        return new Objective(name, new Indicator.Promql("x"), pass, warning, weight, key, false);
    }

    static Objective objective(String name, String pass) {
        return objective(name, all(pass), Criteria.NONE, 1, false);
    }

    static SloSpec spec(TotalScore total, Objective... objectives) {
        return new SloSpec(List.of(objectives), total, Comparison.DEFAULT, SloSpec.DEFAULT_WINDOW, Optional.empty(),
                Duration.ofDays(30));
    }

    static SloSpec spec(Objective... objectives) {
        return spec(TotalScore.DEFAULT, objectives);
    }

    static Map<String, SliValue> values(Object... nameValue) {
        Map<String, SliValue> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.put((String) nameValue[i], SliValue.of(((Number) nameValue[i + 1]).doubleValue()));
        }
        return out;
    }
}
