package io.smokegate.dashboards.lint;

/** A rule that carries the linter's name for it. */
abstract class NamedRule implements LintRule {

    private final String name;

    NamedRule(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }
}
