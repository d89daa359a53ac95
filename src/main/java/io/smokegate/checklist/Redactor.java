package io.smokegate.checklist;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.ArrayList;

/**
 * Removes secret values (everything a checklist took from {@code ${env:...}}) from text that leaves the
 * process: messages, details, reports, logs, stored runs. Longest secrets are replaced first so a secret
 * containing another is not half-revealed.
 */
public final class Redactor {

    public static final String MASK = "«redacted»";
    /** Shorter values would mask ordinary words ("1", "on"); secrets that short are not worth hiding. */
    static final int MIN_SECRET_LENGTH = 4;

    private static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    public static Redactor none() {
        return NONE;
    }

    public static Redactor of(Set<String> values) {
        List<String> sorted = values.stream()
                .filter(v -> v != null && v.length() >= MIN_SECRET_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        return sorted.isEmpty() ? NONE : new Redactor(sorted);
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    /** Redacts strings anywhere inside a details value (maps, lists, strings; other values unchanged). */
    public Object redactValue(Object value) {
        if (secrets.isEmpty()) {
            return value;
        }
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(redact(String.valueOf(k)), redactValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(redactValue(v)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> redactMap(Map<String, Object> map) {
        return secrets.isEmpty() ? map : (Map<String, Object>) redactValue(map);
    }
}
