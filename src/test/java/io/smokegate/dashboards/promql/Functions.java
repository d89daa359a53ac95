package io.smokegate.dashboards.promql;

import io.smokegate.dashboards.promql.Expr.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The functions Prometheus 2.42 knows, with the argument types its parser checks (promql/parser/functions.go). */
final class Functions {

    /** {@code optional} trailing arguments may be left out; -1: the last argument repeats without limit. */
    record Signature(List<Type> args, int optional, Type returns) {
    }

    private static final Type S = Type.SCALAR;
    private static final Type V = Type.INSTANT_VECTOR;
    private static final Type M = Type.RANGE_VECTOR;
    private static final Type STR = Type.STRING;
    private static final Map<String, Signature> KNOWN = new HashMap<>();

    static {
        for (String f : List.of("abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh",
                "deg", "exp", "floor", "histogram_count", "histogram_sum", "ln", "log10", "log2", "rad", "sgn", "sin",
                "sinh", "sort", "sort_desc", "sqrt", "tan", "tanh", "timestamp")) {
            add(f, 0, V, V);
        }
        for (String f : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv",
                "idelta", "increase", "irate", "last_over_time", "max_over_time", "min_over_time", "present_over_time",
                "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time")) {
            add(f, 0, V, M);
        }
        for (String f : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year")) {
            add(f, 1, V, V);
        }
        add("clamp", 0, V, V, S, S);
        add("clamp_max", 0, V, V, S);
        add("clamp_min", 0, V, V, S);
        add("histogram_fraction", 0, V, S, S, V);
        add("histogram_quantile", 0, V, S, V);
        add("holt_winters", 0, V, M, S, S);
        add("label_join", -1, V, V, STR, STR, STR);
        add("label_replace", 0, V, V, STR, STR, STR, STR);
        add("pi", 0, S);
        add("predict_linear", 0, V, M, S);
        add("quantile_over_time", 0, V, S, M);
        add("round", 1, V, V, S);
        add("scalar", 0, S, V);
        add("time", 0, S);
        add("vector", 0, V, S);
    }

    private Functions() {
    }

    private static void add(String name, int optional, Type returns, Type... args) {
        KNOWN.put(name, new Signature(List.of(args), optional, returns));
    }

    static Signature signature(String name) {
        return KNOWN.get(name);
    }
}
