package io.smokegate.check;

/**
 * A parameter a check type accepts under {@code with:}. {@code min}/{@code max} bound INTEGER values,
 * DURATION values (in milliseconds) and SIZE values (in bytes).
 */
public record Param(String name, ParamKind kind, boolean required, Object defaultValue, String description,
                    long min, long max) {

    public static Param required(String name, ParamKind kind, String description) {
        return new Param(name, kind, true, null, description, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public static Param optional(String name, ParamKind kind, Object defaultValue, String description) {
        return new Param(name, kind, false, defaultValue, description, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public Param range(long newMin, long newMax) {
        return new Param(name, kind, required, defaultValue, description, newMin, newMax);
    }
}
