package io.smokegate.techdebt.helm;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Position;
import io.smokegate.input.Problem;
import io.smokegate.input.SafeYaml;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What a chart repository's {@code index.yaml} says about each chart: its newest stable version (pre-releases are
 * passed over, as {@code helm search repo} does without {@code --devel}), whether that newest version is marked
 * {@code deprecated: true} (Helm's way of deprecating a chart), and every version it lists.
 *
 * @param url the index as fetched, for messages
 */
public record ChartIndex(String url, Map<String, Chart> charts) {

    /**
     * @param newest     the newest stable version as the index writes it, or null when it lists pre-releases only
     * @param deprecated whether the newest stable version is marked deprecated
     * @param versions   every version listed, as written
     */
    public record Chart(String newest, boolean deprecated, Set<String> versions) {
        public Chart {
            versions = Set.copyOf(versions);
        }
    }

    public ChartIndex {
        charts = Map.copyOf(charts);
    }

    public Optional<Chart> chart(String name) {
        return Optional.ofNullable(charts.get(name));
    }

    /** Reads an index ({@code apiVersion: v1}, {@code entries: {name: [{version, deprecated …}]}}) under SafeYaml's limits. */
    public static ChartIndex parse(String url, String text, long maxBytes) throws InvalidInputException {
        Node root = new SafeYaml(maxBytes).parse(url, text);
        Node entries = root instanceof MappingNode map ? value(map, "entries") : null;
        if (!(entries instanceof MappingNode entryMap)) {
            throw new InvalidInputException(Problem.at(Position.of(url), "not a Helm chart repository index: it has no 'entries' mapping")
                    .withHint("give the repository URL as 'helm repo add' takes it, or its index.yaml"));
        }
        Map<String, Chart> charts = new HashMap<>();
        for (NodeTuple t : entryMap.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode name && t.getValueNode() instanceof SequenceNode list) {
                charts.put(name.getValue(), chart(list));
            }
        }
        return new ChartIndex(url, charts);
    }

    private static Chart chart(SequenceNode list) {
        ChartVersion newest = null;
        String newestText = null;
        boolean deprecated = false;
        Set<String> versions = new HashSet<>();
        for (Node item : list.getValue()) {
            if (!(item instanceof MappingNode entry) || !(value(entry, "version") instanceof ScalarNode v)) {
                continue;
            }
            versions.add(v.getValue());
            Optional<ChartVersion> parsed = ChartVersion.parse(v.getValue());
            if (parsed.isPresent() && parsed.get().stable() && (newest == null || parsed.get().compareTo(newest) > 0)) {
                newest = parsed.get();
                newestText = v.getValue();
                deprecated = value(entry, "deprecated") instanceof ScalarNode d && d.getValue().equals("true");
            }
        }
        return new Chart(newestText, deprecated, versions);
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }
}
