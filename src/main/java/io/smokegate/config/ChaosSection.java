package io.smokegate.config;

import io.smokegate.input.YamlReader;
import io.smokegate.input.YamlReader.Mapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code chaos} section:
 * <pre>
 * chaos:
 *   enabled: true                       # default false: serve refuses experiments (503)
 *   scenarios: ./chaos-scenarios        # default chaos-scenarios, relative to the config file
 *   allowedNamespaces: [demo, proxy]    # default none: namespaces annotated chaos-mesh.org/inject=enabled
 *   maxDuration: 30m                    # default 30m, at most 6h
 *   controllerNamespace: chaos-mesh     # where chaos-controller-manager runs
 *   kubeContext: staging                # default the kubeconfig's current context
 * </pre>
 */
final class ChaosSection {

    static final Set<String> FIELDS = Set.of("enabled", "scenarios", "allowedNamespaces", "maxDuration",
            "controllerNamespace", "kubeContext");
    /** A namespace as the API server accepts it: an RFC 1123 label. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Duration MIN_DURATION = Duration.ofSeconds(1);
    /** The longest scenario the loader takes (ChaosScenarioLoader.MAX_DURATION). */
    private static final Duration MAX_DURATION = Duration.ofHours(6);

    private ChaosSection() {
    }

    static ChaosConfig read(YamlReader r, Mapping m, ChaosConfig d, Path file) {
        if (m == null) {
            return d;
        }
        ChaosConfig c = d;
        if (m.has("enabled")) {
            Boolean on = r.bool(m.get("enabled"), "chaos.enabled");
            c = on == null ? c : c.withEnabled(on);
        }
        if (m.has("scenarios")) {
            Path dir = ConfigLoader.path(r, m.get("scenarios"), "chaos.scenarios", file);
            c = dir == null ? c : c.withScenariosDir(dir);
        }
        if (m.has("allowedNamespaces")) {
            List<Node> items = r.sequence(m.get("allowedNamespaces"), "chaos.allowedNamespaces");
            List<String> names = new ArrayList<>();
            for (int i = 0; items != null && i < items.size(); i++) {
                String name = namespace(r, items.get(i), "chaos.allowedNamespaces[" + i + "]");
                if (name != null) {
                    names.add(name);
                }
            }
            c = c.withAllowedNamespaces(names);
        }
        if (m.has("maxDuration")) {
            Duration max = r.duration(m.get("maxDuration"), "chaos.maxDuration", MIN_DURATION, MAX_DURATION);
            c = max == null ? c : c.withMaxDuration(max);
        }
        if (m.has("controllerNamespace")) {
            String ns = namespace(r, m.get("controllerNamespace"), "chaos.controllerNamespace");
            c = ns == null ? c : c.withControllerNamespace(ns);
        }
        if (m.has("kubeContext")) {
            String context = r.string(m.get("kubeContext"), "chaos.kubeContext");
            c = context == null || context.isBlank() ? c : c.withKubeContext(context.strip());
        }
        return c;
    }

    private static String namespace(YamlReader r, Node node, String field) {
        String text = r.string(node, field);
        if (text != null && !NAMESPACE.matcher(text).matches()) {
            r.problem(node, field + ": " + YamlReader.quotedName(text, "namespace") + " is not a Kubernetes namespace",
                    "lowercase letters, digits and '-', at most 63 characters");
            return null;
        }
        return text;
    }
}
