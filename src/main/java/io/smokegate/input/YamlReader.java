package io.smokegate.input;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reading of a YAML node tree that collects every problem with its position instead of stopping
 * at the first. Readers return {@code null} for a value they could not read; callers carry on, and
 * {@link #throwIfProblems()} reports them all at the end.
 *
 * <p>Aliases make the tree a graph whose expansion can be exponential; every node visited is counted
 * against a budget so a crafted document cannot make us walk forever.
 */
public final class YamlReader {

    private static final int NODE_BUDGET = 200_000;
    /** A name users write as a key; anything else (a line of some other file, a value) is not shown. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[\\p{L}\\p{N}._~/@+-]{1,64}");

    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private int visited;

    public YamlReader(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public Position position(Node node) {
        return node.getStartMark() == null ? Position.of(file)
                : new Position(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    public void problem(Node node, String message) {
        problems.add(Problem.at(position(node), message));
    }

    public void problem(Node node, String message, String hint) {
        problems.add(new Problem(position(node), message, hint));
    }

    public void add(Problem problem) {
        problems.add(problem);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public void throwIfProblems() throws InvalidInputException {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** A mapping's entries in file order; duplicate keys are problems. Null if the node is not a mapping. */
    public Mapping mapping(Node node, String field) {
        if (!budget(node)) {
            return null;
        }
        if (!(node instanceof MappingNode map)) {
            problem(node, prefix(field) + "expected a mapping (key: value), found " + describe(node));
            return null;
        }
        Map<String, Mapping.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!budget(tuple.getKeyNode())) {
                return null;
            }
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problem(tuple.getKeyNode(), prefix(field) + "keys must be plain strings");
                continue;
            }
            Mapping.Entry previous = entries.putIfAbsent(key.getValue(), new Mapping.Entry(key, tuple.getValueNode()));
            if (previous != null) {
                problem(key, prefix(field) + "duplicate key " + quotedName(key.getValue(), "key"),
                        "first defined at line " + position(previous.key()).line());
            }
        }
        return new Mapping(this, field, map, entries);
    }

    public List<Node> sequence(Node node, String field) {
        if (!budget(node)) {
            return null;
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, field + ": expected a list, found " + describe(node));
            return null;
        }
        return seq.getValue();
    }

    /** A scalar as text; mappings and lists are problems, null values too. */
    public String string(Node node, String field) {
        if (!budget(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            problem(node, field + ": expected a string, found " + describe(node));
            return null;
        }
        return scalar.getValue();
    }

    public Integer integer(Node node, String field, long min, long max) {
        String text = scalarOfTag(node, field, Tag.INT, "a whole number");
        if (text == null) {
            return null;
        }
        try {
            long value = Long.decode(text.replace("_", ""));
            if (value < min || value > max) {
                problem(node, field + ": " + value + " is out of range", "allowed: " + min + " to " + max);
                return null;
            }
            return (int) value;
        } catch (NumberFormatException e) {
            problem(node, field + ": '" + text + "' is not a whole number");
            return null;
        }
    }

    public Double number(Node node, String field, double min, double max) {
        if (!budget(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)
                || !(scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
            problem(node, field + ": expected a number, found " + describe(node));
            return null;
        }
        try {
            double value = Double.parseDouble(scalar.getValue().replace("_", ""));
            if (!(value >= min && value <= max)) {
                problem(node, field + ": " + scalar.getValue() + " is out of range", "allowed: " + min + " to " + max);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problem(node, field + ": '" + scalar.getValue() + "' is not a number");
            return null;
        }
    }

    public Boolean bool(Node node, String field) {
        String text = scalarOfTag(node, field, Tag.BOOL, "true or false");
        return text == null ? null : booleanValue(text);
    }

    /** The value of a YAML 1.1 boolean scalar: true, yes and on (any case) are true; false, no and off false. */
    public static boolean booleanValue(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.equals("true") || lower.equals("yes") || lower.equals("on");
    }

    public Duration duration(Node node, String field, Duration min, Duration max) {
        String text = string(node, field);
        if (text == null) {
            return null;
        }
        Optional<Duration> parsed = Durations.parse(text.trim());
        if (parsed.isEmpty()) {
            problem(node, field + ": '" + text + "' is not a duration", Durations.EXAMPLES);
            return null;
        }
        Duration d = parsed.get();
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(node, field + ": " + text + " is out of range",
                    "allowed: " + Durations.format(min) + " to " + Durations.format(max));
            return null;
        }
        return d;
    }

    public Long size(Node node, String field, long max) {
        String text = string(node, field);
        if (text == null) {
            return null;
        }
        Optional<Long> parsed = ByteSizes.parse(text);
        if (parsed.isEmpty()) {
            problem(node, field + ": '" + text + "' is not a size", ByteSizes.EXAMPLES);
            return null;
        }
        if (parsed.get() > max) {
            problem(node, field + ": " + text + " is larger than the limit of " + ByteSizes.format(max));
            return null;
        }
        return parsed.get();
    }

    public List<String> strings(Node node, String field) {
        List<Node> items = sequence(node, field);
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String s = string(items.get(i), field + "[" + i + "]");
            if (s != null) {
                out.add(s);
            }
        }
        return out.size() == items.size() ? List.copyOf(out) : null;
    }

    /** A mapping of string keys to scalars, e.g. headers or labels. */
    public Map<String, String> stringMap(Node node, String field) {
        Mapping map = mapping(node, field);
        if (map == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Mapping.Entry e : map.entries()) {
            String v = string(e.value(), map.path(e.name()));
            ok &= v != null;
            if (v != null) {
                out.put(e.name(), v);
            }
        }
        return ok ? java.util.Collections.unmodifiableMap(out) : null;
    }

    private String scalarOfTag(Node node, String field, Tag tag, String expected) {
        if (!budget(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(tag)) {
            problem(node, field + ": expected " + expected + ", found " + describe(node));
            return null;
        }
        return scalar.getValue();
    }

    private boolean budget(Node node) {
        if (++visited == NODE_BUDGET + 1) {
            problem(node, "document expands to more than " + NODE_BUDGET + " values",
                    "alias expansion this large is refused; write the values out or split the file");
        }
        return visited <= NODE_BUDGET;
    }

    /** "field: " for messages; nothing for the document root, whose field is empty. */
    private static String prefix(String field) {
        return field.isEmpty() ? "" : field + ": ";
    }

    /** Whether a node is a mapping with {@code key} among its keys: what a file is, told before it is read as one. */
    public static boolean hasKey(Node node, String key) {
        return node instanceof MappingNode map && map.getValue().stream()
                .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key));
    }

    /**
     * What kind of value a node is, never its text: the file may not be the one the user meant (a link to
     * another file, a secret pasted in the wrong place), and problems are shown to whoever lists checklists.
     */
    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return "nothing (null)";
        }
        if (tag.equals(Tag.BOOL)) {
            return "true or false";
        }
        if (tag.equals(Tag.INT)) {
            return "a whole number";
        }
        if (tag.equals(Tag.FLOAT)) {
            return "a number";
        }
        if (tag.equals(Tag.TIMESTAMP)) {
            return "a date";
        }
        if (!tag.equals(Tag.STR)) {
            return "a tagged value";
        }
        return scalar.isPlain() ? "a string" : "a quoted string";
    }

    /** A key in a field path: itself when it looks like a name, otherwise only how long it is. */
    public static String keyLabel(String key) {
        return PLAIN_NAME.matcher(key).matches() ? key : lengthOnly("key", key);
    }

    /** A name from the document in a message: {@code 'name'}, or e.g. {@code <alias of 70 characters>}. */
    public static String quotedName(String text, String noun) {
        return PLAIN_NAME.matcher(text).matches() ? "'" + text + "'" : lengthOnly(noun, text);
    }

    private static String lengthOnly(String noun, String text) {
        return "<" + noun + " of " + text.length() + " characters>";
    }

    /** A mapping read from YAML, remembering where each key stood. */
    public record Mapping(YamlReader reader, String field, MappingNode node, Map<String, Entry> byName) {

        public record Entry(ScalarNode key, Node value) {
            public String name() {
                return key.getValue();
            }
        }

        public Collection<Entry> entries() {
            return byName.values();
        }

        public Node get(String name) {
            Entry e = byName.get(name);
            return e == null ? null : e.value();
        }

        public boolean has(String name) {
            return byName.containsKey(name);
        }

        /** The field path of a key, for messages (a key that is no name is shown by its length only). */
        public String path(String name) {
            return field.isEmpty() ? keyLabel(name) : field + "." + keyLabel(name);
        }

        /** Reports keys outside {@code allowed}, suggesting the nearest allowed one. */
        public void allowOnly(Set<String> allowed) {
            for (Entry e : entries()) {
                if (!allowed.contains(e.name())) {
                    reader.problem(e.key(), path(e.name()) + ": unknown field", Suggestions.hint(e.name(), allowed));
                }
            }
        }

        /** The value of a required key, or a problem at the mapping when it is missing. */
        public Node require(String name) {
            Node value = get(name);
            if (value == null) {
                reader.problem(node, path(name) + ": missing required field");
            }
            return value;
        }
    }
}
