package io.smokegate.slo;

/**
 * One service-level objective. Without pass criteria it is informational: reported, never scored.
 * {@code ignoreIfEmpty} turns a missing value into "info" instead of a failure, for indicators that are
 * legitimately empty (a query over a quiet service).
 */
public record Objective(
        String name,
        Indicator indicator,
        Criteria pass,
        Criteria warning,
        double weight,
        boolean key,
        boolean ignoreIfEmpty) {

    public boolean informational() {
        return pass.isEmpty();
    }

    public boolean relative() {
        return pass.relative() || warning.relative();
    }
}
