package io.smokegate.check;

/** The value types a check parameter can have; the checklist loader converts YAML to these. */
public enum ParamKind {
    /** Any scalar, as text. */
    STRING("a string"),
    INTEGER("a whole number"),
    BOOLEAN("true or false"),
    /** Go-style duration, to {@link java.time.Duration}. */
    DURATION("a duration such as 500ms or 10s"),
    /** Byte size such as 10MiB, to {@code Long}. */
    SIZE("a size such as 64KiB or 10MiB"),
    /** A list of scalars as text; a single scalar is read as a list of one. */
    STRINGS("a list of strings"),
    /** A mapping of names to scalars, as text. */
    STRING_MAP("a mapping of names to strings"),
    /** A list of mappings of names to scalars, as text (e.g. the objects a check reads); a single mapping is a list of one. */
    STRING_MAPS("a list of mappings of names to strings"),
    /** A mapping of names to scalars, keeping their YAML types (String, Long, Double, Boolean or null). */
    VALUE_MAP("a mapping of names to values");

    private final String description;

    ParamKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
