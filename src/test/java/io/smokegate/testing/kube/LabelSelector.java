package io.smokegate.testing.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector as the API server reads {@code ?labelSelector=}: requirements separated by
 * commas (outside parentheses), each {@code key}, {@code !key}, {@code key=v}, {@code key==v},
 * {@code key!=v}, {@code key in (a,b)} or {@code key notin (a,b)}. Fabric8's CRUD mock ignores {@code in} and
 * {@code notin}; the fake cluster evaluates selectors with this instead.
 */
final class LabelSelector {

    private static final String KEY = "([A-Za-z0-9][-A-Za-z0-9_./]*)";
    private static final Pattern SET = Pattern.compile(KEY + "\\s+(in|notin)\\s*\\(([^)]*)\\)");
    private static final Pattern EQUALITY = Pattern.compile(KEY + "\\s*(==|=|!=)\\s*([-A-Za-z0-9_.]*)");
    private static final Pattern EXISTS = Pattern.compile("(!?)" + KEY);

    private interface Requirement {
        boolean matches(Map<String, String> labels);
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    /** @throws IllegalArgumentException naming the requirement that does not parse */
    static LabelSelector parse(String selector) {
        List<Requirement> requirements = new ArrayList<>();
        for (String part : split(selector)) {
            String term = part.trim();
            if (term.isEmpty()) {
                continue;
            }
            requirements.add(requirement(term));
        }
        return new LabelSelector(requirements);
    }

    boolean matches(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(l));
    }

    private static Requirement requirement(String term) {
        Matcher m = SET.matcher(term);
        if (m.matches()) {
            String key = m.group(1);
            boolean in = m.group(2).equals("in");
            Set<String> values = Set.copyOf(List.of(m.group(3).trim().split("\\s*,\\s*")));
            return in ? labels -> labels.containsKey(key) && values.contains(labels.get(key))
                    : labels -> !labels.containsKey(key) || !values.contains(labels.get(key));
        }
        m = EQUALITY.matcher(term);
        if (m.matches()) {
            String key = m.group(1);
            String value = m.group(3);
            return m.group(2).equals("!=") ? labels -> !value.equals(labels.get(key)) : labels -> value.equals(labels.get(key));
        }
        m = EXISTS.matcher(term);
        if (m.matches()) {
            String key = m.group(2);
            return m.group(1).isEmpty() ? labels -> labels.containsKey(key) : labels -> !labels.containsKey(key);
        }
        throw new IllegalArgumentException("unable to parse requirement: " + term);
    }

    /** Splits at commas that are not inside the parentheses of an in/notin value set. */
    private static List<String> split(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }
}
