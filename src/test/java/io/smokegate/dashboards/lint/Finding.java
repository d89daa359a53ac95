package io.smokegate.dashboards.lint;

/** What a rule found wrong, worded as the linter words it. */
public record Finding(String rule, Severity severity, String where, String message) {

    /** The linter's levels; with {@code --strict} both fail the lint. */
    public enum Severity { WARNING, ERROR }

    @Override
    public String toString() {
        return severity + " " + rule + " " + where + ": " + message;
    }
}
