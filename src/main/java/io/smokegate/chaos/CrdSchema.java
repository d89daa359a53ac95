package io.smokegate.chaos;

import io.smokegate.input.Suggestions;
import io.smokegate.input.YamlReader;
import io.smokegate.input.YamlReader.Mapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The {@code openAPIV3Schema} of one Chaos Mesh kind, and a validator of a resource's YAML against it that
 * judges as the API server does for a structural schema, with one difference on purpose: a field the schema does
 * not know is an error here, where the API server would silently prune it (a misspelt {@code lantecy:} would
 * inject a fault without the delay the author meant). Every problem names its file:line:col and field path.
 *
 * <p>{@code metadata} is not described by a CRD's schema (the API server validates it itself); the fields of
 * ObjectMeta that a hand-written resource uses are checked here.
 */
public final class CrdSchema {

    /** The kinds scenarios may use; their CRDs ship as resources (see crds/SOURCE.md beside them). */
    public static final List<String> KINDS =
            List.of("NetworkChaos", "PodChaos", "DNSChaos", "StressChaos", "HTTPChaos", "IOChaos", "TimeChaos");
    public static final String API_VERSION = "chaos-mesh.org/v1alpha1";

    private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Map<String, CrdSchema> BUILT_IN = load();

    private final String kind;
    private final Map<String, Object> schema;

    CrdSchema(String kind, Map<String, Object> schema) {
        this.kind = kind;
        this.schema = schema;
    }

    /** The schema of a shipped kind, or null when the kind is not one of {@link #KINDS}. */
    public static CrdSchema of(String kind) {
        return BUILT_IN.get(kind);
    }

    public String kind() {
        return kind;
    }

    /** Validates a whole resource (the document root); problems go to {@code r}. */
    public void validate(YamlReader r, Node root) {
        Mapping m = r.mapping(root, "");
        if (m == null) {
            return;
        }
        Node metadata = m.get("metadata");
        if (metadata != null) {
            Mapping meta = r.mapping(metadata, "metadata");
            if (meta != null) {
                meta.allowOnly(METADATA);
                name(r, meta, "name", SUBDOMAIN, 253, "lower-case letters, digits, '-' and '.'");
                name(r, meta, "namespace", LABEL, 63, "lower-case letters, digits and '-'");
                for (String field : List.of("labels", "annotations")) {
                    if (meta.get(field) != null) {
                        r.stringMap(meta.get(field), meta.path(field));
                    }
                }
            }
        }
        validateFields(r, m, schema, Set.of("metadata"));
    }

    /** metadata.name and metadata.namespace as the API server accepts them (RFC 1123 subdomain and label). */
    private static void name(YamlReader r, Mapping meta, String field, Pattern valid, int max, String allowed) {
        Node node = meta.get(field);
        String text = node == null ? null : r.string(node, meta.path(field));
        if (text != null && (text.length() > max || !valid.matcher(text).matches())) {
            r.problem(node, meta.path(field) + ": " + YamlReader.quotedName(text, "name") + " is not a valid Kubernetes "
                    + field, allowed + ", at most " + max + " characters");
        }
    }

    private void validate(YamlReader r, Node node, Map<String, Object> s, String path) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            if (!Boolean.TRUE.equals(s.get("nullable"))) {
                r.problem(node, path + ": expected " + expected(s) + ", found " + YamlReader.describe(node));
            }
            return;
        }
        if (Boolean.TRUE.equals(s.get("x-kubernetes-int-or-string"))) {
            if (!(node instanceof ScalarNode scalar && (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.STR)))) {
                r.problem(node, path + ": expected a whole number or a string, found " + YamlReader.describe(node));
            }
            return;
        }
        String type = (String) s.get("type");
        if (type == null) {
            return; // no type: only x-kubernetes-preserve-unknown-fields or int-or-string schemas lack one
        }
        switch (type) {
            case "object" -> {
                Mapping m = r.mapping(node, path);
                if (m != null) {
                    validateFields(r, m, s, Set.of());
                }
            }
            case "array" -> {
                List<Node> items = r.sequence(node, path);
                Map<String, Object> itemSchema = map(s.get("items"));
                if (items != null && itemSchema != null) {
                    for (int i = 0; i < items.size(); i++) {
                        validate(r, items.get(i), itemSchema, path + "[" + i + "]");
                    }
                }
            }
            default -> scalar(r, node, s, type, path);
        }
    }

    private void validateFields(YamlReader r, Mapping m, Map<String, Object> s, Set<String> handled) {
        Map<String, Object> properties = map(s.get("properties"));
        Map<String, Object> additional = map(s.get("additionalProperties"));
        boolean preserve = Boolean.TRUE.equals(s.get("x-kubernetes-preserve-unknown-fields"));
        if (s.get("required") instanceof List<?> required) {
            for (Object name : required) {
                m.require(String.valueOf(name));
            }
        }
        for (Mapping.Entry e : m.entries()) {
            if (handled.contains(e.name())) {
                continue;
            }
            Map<String, Object> field = properties == null ? null : map(properties.get(e.name()));
            if (field == null) {
                field = additional;
            }
            if (field != null) {
                validate(r, e.value(), field, m.path(e.name()));
            } else if (!preserve) {
                Set<String> known = properties == null ? Set.of() : properties.keySet();
                r.problem(e.key(), m.path(e.name()) + ": unknown field"
                        + (m.field().isEmpty() ? "" : " of " + m.field()) + " in " + kind,
                        known.isEmpty() ? "this mapping takes no fields" : Suggestions.hint(e.name(), known));
            }
        }
    }

    private static void scalar(YamlReader r, Node node, Map<String, Object> s, String type, String path) {
        boolean ok = node instanceof ScalarNode scalar && switch (type) {
            case "string" -> scalar.getTag().equals(Tag.STR) || scalar.getTag().equals(Tag.TIMESTAMP);
            case "integer" -> scalar.getTag().equals(Tag.INT);
            case "number" -> scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT);
            case "boolean" -> scalar.getTag().equals(Tag.BOOL);
            default -> true;
        };
        if (!ok) {
            r.problem(node, path + ": expected " + expected(s) + ", found " + YamlReader.describe(node));
            return;
        }
        String text = ((ScalarNode) node).getValue();
        if (s.get("enum") instanceof List<?> allowed && allowed.stream().map(String::valueOf).noneMatch(text::equals)) {
            List<String> names = allowed.stream().map(String::valueOf).toList();
            r.problem(node, path + ": " + YamlReader.quotedName(text, "value") + " is not one of " + String.join(", ", names),
                    Suggestions.nearest(text, names).map(n -> "did you mean '" + n + "'?").orElse(null));
            return;
        }
        if (type.equals("integer")) {
            integerRange(r, node, s, text, path);
        }
        if (type.equals("string") && s.get("pattern") instanceof String pattern && !pattern(pattern).matcher(text).find()) {
            r.problem(node, path + ": " + YamlReader.quotedName(text, "value") + " does not match the pattern " + pattern);
        }
        if ("byte".equals(s.get("format")) && type.equals("string")) {
            try {
                Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                r.problem(node, path + ": expected base64-encoded bytes", "encode the value, e.g. with base64 -w0");
            }
        }
    }

    /** Patterns of the shipped schemas, compiled once (they are few: durations of NetworkChaos). */
    private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Pattern pattern(String regex) {
        return PATTERNS.computeIfAbsent(regex, Pattern::compile);
    }

    private static void integerRange(YamlReader r, Node node, Map<String, Object> s, String text, String path) {
        long min = "int32".equals(s.get("format")) ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = "int32".equals(s.get("format")) ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (s.get("minimum") instanceof Number n) {
            min = Math.max(min, n.longValue());
        }
        if (s.get("maximum") instanceof Number n) {
            max = Math.min(max, n.longValue());
        }
        try {
            long value = Long.decode(text.replace("_", ""));
            if (value < min || value > max) {
                r.problem(node, path + ": " + value + " is out of range", "allowed: " + min + " to " + max);
            }
        } catch (NumberFormatException e) {
            r.problem(node, path + ": '" + text + "' is out of range", "allowed: " + min + " to " + max);
        }
    }

    private static String expected(Map<String, Object> s) {
        return switch (String.valueOf(s.get("type"))) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "string" -> "a string";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> "a value";
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** Reads the shipped CRDs (trusted resources of the jar) once. */
    private static Map<String, CrdSchema> load() {
        Map<String, CrdSchema> out = new LinkedHashMap<>();
        for (String kind : KINDS) {
            String resource = "crds/" + kind.toLowerCase(java.util.Locale.ROOT) + ".yaml";
            try (InputStream in = CrdSchema.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                Map<String, Object> crd = null;
                for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                    crd = doc instanceof Map<?, ?> ? map(doc) : crd;
                }
                Map<String, Object> version = map(((List<?>) map(crd.get("spec")).get("versions")).get(0));
                out.put(kind, new CrdSchema(kind, map(map(version.get("schema")).get("openAPIV3Schema"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(out);
    }
}
