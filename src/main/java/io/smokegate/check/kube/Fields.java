package io.smokegate.check.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading fields of objects held as nested maps (generic resources, custom resource status). */
final class Fields {

    private Fields() {
    }

    /** The value at a path of nested maps, or null when any step is missing or not a map. */
    static Object at(Map<String, Object> root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /** The value at a path as text; null when missing or blank. */
    static String text(Map<String, Object> root, String... path) {
        Object value = at(root, path);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }

    /** The maps of a list value (conditions, containers, history); empty for anything else. */
    static List<Map<?, ?>> maps(Object value) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    out.add(map);
                }
            }
        }
        return out;
    }
}
