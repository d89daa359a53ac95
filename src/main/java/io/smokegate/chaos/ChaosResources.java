package io.smokegate.chaos;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.smokegate.kube.ResourceRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The Chaos Mesh objects an experiment creates, built from the scenario's fault files: a name of their own
 * (the file's name plus a part of the experiment id, so a leftover never blocks the next run), smokegate's labels
 * and owner annotation (what a sweep finds and judges), and {@code spec.duration} always set and capped, so a
 * fault ends by itself even if every process that knows of it dies. Pure: nothing here talks to a cluster.
 */
public final class ChaosResources {

    public static final String GROUP = "chaos-mesh.org";
    public static final String VERSION = "v1alpha1";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "smokegate";
    public static final String EXPERIMENT_LABEL = "smokegate.io/experiment";
    public static final String SCENARIO_LABEL = "smokegate.io/scenario";
    public static final String OWNER_ANNOTATION = "smokegate.io/owner";
    public static final String STARTED_BY_ANNOTATION = "smokegate.io/started-by";
    /** Chaos Mesh's pause: only the exact value "true" pauses, and pausing recovers the targets. */
    public static final String PAUSE_ANNOTATION = "experiment.chaos-mesh.org/pause";
    /** Chaos Mesh's documented escape for a deletion stuck on its finalizer: the running controller drops it. */
    public static final String CLEAN_FINALIZER_ANNOTATION = "chaos-mesh.chaos-mesh.org/cleanFinalizer";
    /** Chaos Mesh's namespace opt-in (with enableFilterNamespace); smokegate honours it when no allowlist is set. */
    public static final String INJECT_ANNOTATION = "chaos-mesh.org/inject";
    /** The label selector of everything smokegate created. */
    public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

    private static final int MAX_NAME = 63;

    private ChaosResources() {
    }

    /** The API resource of a Chaos Mesh kind: its plural is the kind in lower case (networkchaos, podchaos …). */
    public static ResourceRef resourceOf(String kind) {
        return ResourceRef.namespaced(GROUP, VERSION, kind.toLowerCase(Locale.ROOT));
    }

    /** Every kind smokegate may create, as API resources (what a sweep lists). */
    public static List<ResourceRef> allResources() {
        return CrdSchema.KINDS.stream().map(ChaosResources::resourceOf).toList();
    }

    /** The name the object of {@code fault} gets in experiment {@code experimentId}. */
    public static String objectName(Fault fault, String experimentId) {
        String suffix = "-" + experimentId.substring(experimentId.length() - 8);
        String base = fault.name();
        if (base.length() + suffix.length() > MAX_NAME) {
            base = base.substring(0, MAX_NAME - suffix.length()).replaceAll("-+$", "");
        }
        return base + suffix;
    }

    /**
     * How long the object of {@code fault} lasts: its own {@code spec.duration}, or the scenario's maximum when it
     * has none, cut to the operator's maximum — never unset.
     */
    public static Duration duration(Fault fault, ChaosScenario scenario, ChaosSettings settings) {
        Duration wanted = fault.duration() != null ? fault.duration()
                : scenario.maxDuration() != null ? scenario.maxDuration() : settings.maxDuration();
        return wanted.compareTo(settings.maxDuration()) > 0 ? settings.maxDuration() : wanted;
    }

    /** The object to create for {@code fault}. */
    public static GenericKubernetesResource build(Fault fault, ChaosScenario scenario, String experimentId, Owner owner,
                                                 String startedBy, ChaosSettings settings) {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) toJava(fault.resource());
        Map<String, Object> metadata = mapIn(doc, "metadata");
        metadata.put("name", objectName(fault, experimentId));
        mapIn(metadata, "labels").putAll(Map.of(MANAGED_BY_LABEL, MANAGED_BY, EXPERIMENT_LABEL, experimentId,
                SCENARIO_LABEL, scenario.name()));
        mapIn(metadata, "annotations").putAll(Map.of(OWNER_ANNOTATION, owner.text(), STARTED_BY_ANNOTATION, startedBy));
        mapIn(doc, "spec").put("duration", goDuration(duration(fault, scenario, settings)));
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(GROUP + "/" + VERSION);
        resource.setKind(fault.kind());
        io.fabric8.kubernetes.api.model.ObjectMeta meta = new io.fabric8.kubernetes.api.model.ObjectMeta();
        meta.setName((String) metadata.get("name"));
        meta.setNamespace((String) metadata.get("namespace"));
        meta.setLabels(strings(mapIn(metadata, "labels")));
        meta.setAnnotations(strings(mapIn(metadata, "annotations")));
        resource.setMetadata(meta);
        doc.forEach((key, value) -> {
            if (!List.of("apiVersion", "kind", "metadata").contains(key)) {
                resource.setAdditionalProperty(key, value);
            }
        });
        return resource;
    }

    /** A duration as Go's time.ParseDuration reads it (Chaos Mesh's {@code spec.duration}): 3m, 1h30m, 90s, 500ms. */
    public static String goDuration(Duration d) {
        if (d.toMillisPart() != 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder s = new StringBuilder();
        if (d.toHours() > 0) {
            s.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            s.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || s.isEmpty()) {
            s.append(d.toSecondsPart()).append('s');
        }
        return s.toString();
    }

    /** Go's duration syntax as {@link #goDuration} writes it and people do: 1h30m, 90s, 500ms, 1.5h. */
    public static Duration parseGoDuration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)").matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            total = total.plusMillis(Math.round(n * unit));
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw new IllegalArgumentException("not a Go duration: " + text);
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapIn(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** A validated YAML tree as plain Java values, typed as the YAML 1.1 core schema resolves its scalars. */
    static Object toJava(Node node) {
        return switch (node) {
            case MappingNode m -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    map.put(((ScalarNode) t.getKeyNode()).getValue(), toJava(t.getValueNode()));
                }
                yield map;
            }
            case SequenceNode s -> {
                List<Object> list = new ArrayList<>();
                s.getValue().forEach(n -> list.add(toJava(n)));
                yield list;
            }
            case ScalarNode s -> scalar(s);
            default -> throw new IllegalArgumentException("unexpected YAML node " + node.getNodeId());
        };
    }

    private static Object scalar(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.parseBoolean(v) || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on");
        }
        if (tag.equals(Tag.INT)) {
            try {
                return Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                return v;
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            try {
                return Double.parseDouble(v.replace("_", ""));
            } catch (NumberFormatException e) {
                return v;
            }
        }
        return v;
    }
}
