package io.smokegate.techdebt;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import io.smokegate.input.SafeYaml;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The Kubernetes objects of a manifest stream (YAML, several documents, or JSON): every document that has a
 * string {@code apiVersion} and {@code kind}, and the items of list kinds ({@code List}, {@code ConfigMapList} …),
 * in order. Documents that are no Kubernetes objects (values files, CI configuration) are passed over.
 *
 * <p>Text that is not YAML ends the reading where it goes wrong, keeping the objects before it: a Helm or
 * Kustomize template that only becomes YAML once rendered is reported, not guessed at. Go template braces that
 * happen to parse ({@code name: {{ .Values.name }}} reads as a mapping used as a key) count as not YAML too.
 */
public final class Manifests {

    /** Objects visited per stream, items included; aliases can make a small text list many items. */
    static final int OBJECT_BUDGET = 100_000;
    private static final int MAX_LIST_DEPTH = 4;
    /** Nodes searched for template braces per document; aliases can make a small text a large graph. */
    private static final int TEMPLATE_SEARCH_BUDGET = 1_000_000;
    private static final String TEMPLATE_HINT = "a Helm or Go template is YAML only once rendered: scan the output of"
            + " 'helm template' or 'kustomize build' instead";

    /**
     * What could be read of a stream.
     *
     * @param objects the objects, in stream order
     * @param stopped why reading stopped before the end (file:line:col), or null when all of it was read
     */
    public record Read(List<ManifestObject> objects, Problem stopped) {
    }

    private final SafeYaml yaml;

    public Manifests(long maxBytes) {
        this.yaml = new SafeYaml(maxBytes);
    }

    /** The objects of {@code text}, named {@code name} in problems. */
    public Read read(String name, String text) {
        List<ManifestObject> objects = new ArrayList<>();
        int[] budget = {OBJECT_BUDGET};
        Problem[] stopped = {null};
        try {
            yaml.parseEach(name, text, document -> {
                if (stopped[0] != null) {
                    return;
                }
                Node template = templateKey(document, 0, new int[] {TEMPLATE_SEARCH_BUDGET});
                if (template != null) {
                    stopped[0] = Problem.at(position(name, template), "Go template braces '{{' read as a YAML mapping key")
                            .withHint(TEMPLATE_HINT);
                    return;
                }
                if (!collect(document, objects, budget, 0)) {
                    stopped[0] = Problem.at(position(name, document), "more than " + OBJECT_BUDGET
                            + " objects in one file; the rest is not scanned").withHint("split the file");
                }
            });
        } catch (InvalidInputException e) {
            Problem problem = e.problems().get(0);
            stopped[0] = problem.hint() == null && text.contains("{{") ? problem.withHint(TEMPLATE_HINT) : problem;
        }
        return new Read(List.copyOf(objects), stopped[0]);
    }

    /** Adds the object {@code node} is, and its items; false when the budget ran out. */
    private static boolean collect(Node node, List<ManifestObject> into, int[] budget, int depth) {
        if (!(node instanceof MappingNode map) || --budget[0] < 0) {
            return budget[0] >= 0;
        }
        ScalarNode apiVersionKey = null;
        String apiVersion = null;
        String kind = null;
        MappingNode metadata = null;
        SequenceNode items = null;
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                continue;
            }
            switch (key.getValue()) {
                case "apiVersion" -> {
                    apiVersion = text(t.getValueNode());
                    apiVersionKey = key;
                }
                case "kind" -> kind = text(t.getValueNode());
                case "metadata" -> metadata = t.getValueNode() instanceof MappingNode m ? m : null;
                case "items" -> items = t.getValueNode() instanceof SequenceNode s ? s : null;
                default -> {
                    // other fields say nothing about the API version
                }
            }
        }
        if (apiVersion == null || kind == null) {
            return true;
        }
        into.add(new ManifestObject(apiVersion, kind, field(metadata, "name"), field(metadata, "namespace"),
                apiVersionKey.getStartMark().getLine() + 1));
        if (items != null && kind.endsWith("List") && depth < MAX_LIST_DEPTH) {
            for (Node item : items.getValue()) {
                if (!collect(item, into, budget, depth + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A plain string value; null for anything else (a number, a mapping, null). */
    private static String text(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.STR) ? s.getValue() : null;
    }

    private static String field(MappingNode map, String name) {
        if (map == null) {
            return null;
        }
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
                return text(t.getValueNode());
            }
        }
        return null;
    }

    /**
     * The first mapping key that is itself a mapping, as {@code {{ … }}} parses; such keys never occur in
     * Kubernetes objects. Searched in mappings and lists, within a budget of nodes.
     */
    private static Node templateKey(Node node, int depth, int[] budget) {
        if (depth > 64 || --budget[0] < 0) {
            return null;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof MappingNode) {
                    return t.getKeyNode();
                }
                Node inner = templateKey(t.getValueNode(), depth + 1, budget);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                Node inner = templateKey(item, depth + 1, budget);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static Position position(String name, Node node) {
        return node.getStartMark() == null ? Position.of(name)
                : new Position(name, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }
}
