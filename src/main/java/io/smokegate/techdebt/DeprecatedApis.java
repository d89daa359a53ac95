package io.smokegate.techdebt;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.SafeYaml;
import io.smokegate.input.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The table of deprecated and removed API versions: rows looked up by a manifest's apiVersion and kind, a row
 * for the kind winning over a row for the whole apiVersion (as in Pluto). The table ships as
 * {@code deprecated-apis.yaml} beside this class; see that file for its format and sources.
 */
public final class DeprecatedApis {

    public static final String RESOURCE = "deprecated-apis.yaml";
    /** The components whose releases rows name; targets are given per component. */
    public static final Set<String> COMPONENTS = Set.of("k8s", "cert-manager", "istio");
    private static final Set<String> ROW_FIELDS = Set.of("apiVersion", "kinds", "deprecatedIn", "removedIn", "replacement", "component");

    private static volatile DeprecatedApis bundled;

    private final List<DeprecatedApi> rows;
    private final Map<String, Map<String, DeprecatedApi>> byVersionAndKind;

    private DeprecatedApis(List<DeprecatedApi> rows) {
        this.rows = List.copyOf(rows);
        Map<String, Map<String, DeprecatedApi>> index = new HashMap<>();
        for (DeprecatedApi row : rows) {
            index.computeIfAbsent(row.apiVersion(), v -> new HashMap<>()).put(row.kind(), row);
        }
        this.byVersionAndKind = index;
    }

    /** The table shipped with smokegate, read once. */
    public static DeprecatedApis bundled() {
        DeprecatedApis table = bundled;
        if (table == null) {
            try (InputStream in = DeprecatedApis.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the build");
                }
                table = parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InvalidInputException e) {
                throw new IllegalStateException("the bundled " + RESOURCE + " is invalid:\n" + e.getMessage(), e);
            }
            bundled = table;
        }
        return table;
    }

    /** Reads a table in the format of {@value #RESOURCE}; every problem is reported with its line and column. */
    public static DeprecatedApis parse(String name, String text) throws InvalidInputException {
        YamlReader reader = new YamlReader(name);
        YamlReader.Mapping root = reader.mapping(new SafeYaml().parse(name, text), "");
        List<DeprecatedApi> rows = new ArrayList<>();
        if (root != null) {
            root.allowOnly(Set.of("apiVersion", "kind", "apis"));
            expect(reader, root, "apiVersion", "smokegate.io/v1");
            expect(reader, root, "kind", "DeprecatedApiTable");
            Node apis = root.require("apis");
            List<Node> items = apis == null ? null : reader.sequence(apis, "apis");
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; items != null && i < items.size(); i++) {
                rows.addAll(row(reader, items.get(i), "apis[" + i + "]", seen));
            }
        }
        reader.throwIfProblems();
        return new DeprecatedApis(rows);
    }

    private static void expect(YamlReader reader, YamlReader.Mapping root, String field, String value) {
        Node node = root.require(field);
        String text = node == null ? null : reader.string(node, field);
        if (text != null && !text.equals(value)) {
            reader.problem(node, field + ": expected " + value);
        }
    }

    private static List<DeprecatedApi> row(YamlReader reader, Node node, String field, Map<String, Integer> seen) {
        YamlReader.Mapping row = reader.mapping(node, field);
        if (row == null) {
            return List.of();
        }
        row.allowOnly(ROW_FIELDS);
        Node versionNode = row.require("apiVersion");
        String apiVersion = versionNode == null ? null : reader.string(versionNode, row.path("apiVersion"));
        List<String> kinds = row.has("kinds") ? reader.strings(row.get("kinds"), row.path("kinds")) : List.of("");
        ReleaseVersion deprecatedIn = version(reader, row, "deprecatedIn");
        ReleaseVersion removedIn = version(reader, row, "removedIn");
        String replacement = row.has("replacement") ? reader.string(row.get("replacement"), row.path("replacement")) : "";
        String component = row.has("component") ? reader.string(row.get("component"), row.path("component")) : "k8s";
        if (component != null && !COMPONENTS.contains(component)) {
            reader.problem(row.get("component"), row.path("component") + ": unknown component '" + component + "'",
                    "one of " + String.join(", ", new java.util.TreeSet<>(COMPONENTS)));
        }
        if (deprecatedIn != null && removedIn != null && deprecatedIn.compareTo(removedIn) > 0) {
            reader.problem(row.get("removedIn"), row.path("removedIn") + ": " + removedIn + " is before deprecatedIn " + deprecatedIn);
        }
        if (row.has("kinds") && kinds != null && kinds.isEmpty()) {
            reader.problem(row.get("kinds"), row.path("kinds") + ": empty; leave kinds out to cover every kind of the apiVersion");
        }
        if (apiVersion == null || kinds == null || replacement == null || component == null) {
            return List.of();
        }
        List<DeprecatedApi> out = new ArrayList<>();
        for (String kind : kinds) {
            int line = reader.position(node).line();
            Integer first = seen.putIfAbsent(apiVersion + " " + kind, line);
            if (first != null) {
                reader.problem(node, field + ": " + apiVersion + (kind.isEmpty() ? "" : " " + kind) + " is already in the table",
                        "first at line " + first);
                continue;
            }
            out.add(new DeprecatedApi(apiVersion, kind, deprecatedIn, removedIn, replacement, component));
        }
        return out;
    }

    private static ReleaseVersion version(YamlReader reader, YamlReader.Mapping row, String field) {
        Node node = row.get(field);
        if (node == null) {
            return null;
        }
        String text = reader.string(node, row.path(field));
        if (text == null) {
            return null;
        }
        Optional<ReleaseVersion> version = ReleaseVersion.parse(text);
        if (version.isEmpty()) {
            reader.problem(node, row.path(field) + ": '" + text + "' is not a release version", ReleaseVersion.EXAMPLES);
            return null;
        }
        return version.get();
    }

    /** Every row, one per (apiVersion, kind), in the table's order. */
    public List<DeprecatedApi> rows() {
        return rows;
    }

    /** The row for a manifest's apiVersion and kind: the kind's own, else the whole apiVersion's. */
    public Optional<DeprecatedApi> lookup(String apiVersion, String kind) {
        Map<String, DeprecatedApi> kinds = byVersionAndKind.get(apiVersion);
        if (kinds == null) {
            return Optional.empty();
        }
        DeprecatedApi row = kinds.get(kind);
        return Optional.ofNullable(row != null ? row : kinds.get(""));
    }

    /**
     * The newest release of {@code component} the table mentions (in a deprecatedIn or removedIn): the target
     * when no other is known, e.g. an offline scan. Empty when no row names the component.
     */
    public Optional<ReleaseVersion> newest(String component) {
        return rows.stream().filter(r -> r.component().equals(component))
                .flatMap(r -> java.util.stream.Stream.of(r.deprecatedIn(), r.removedIn()))
                .filter(java.util.Objects::nonNull).max(ReleaseVersion::compareTo);
    }

    /** The default target per component: {@link #newest(String)} of each. */
    public Map<String, ReleaseVersion> newestTargets() {
        Map<String, ReleaseVersion> out = new TreeMap<>();
        for (String component : COMPONENTS) {
            newest(component).ifPresent(v -> out.put(component, v));
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(out));
    }
}
