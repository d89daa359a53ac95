package io.smokegate.check;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The converted {@code with:} values of one check, defaults applied. Getters are typed by the
 * {@link ParamKind} the check type declared, so a mismatch is a programming error, not user input.
 */
public final class Params {

    private final Map<String, Object> values;

    public Params(Map<String, Object> values) {
        this.values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public String string(String name) {
        return (String) values.get(name);
    }

    public Optional<String> optionalString(String name) {
        return Optional.ofNullable(string(name));
    }

    public int integer(String name) {
        return ((Number) values.get(name)).intValue();
    }

    public boolean bool(String name) {
        return (Boolean) values.get(name);
    }

    public Duration duration(String name) {
        return (Duration) values.get(name);
    }

    public Optional<Duration> optionalDuration(String name) {
        return Optional.ofNullable(duration(name));
    }

    public long size(String name) {
        return ((Number) values.get(name)).longValue();
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<String>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> stringMap(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, String>) v;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, String>> stringMaps(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<Map<String, String>>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> valueMap(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    public Map<String, Object> asMap() {
        return values;
    }
}
