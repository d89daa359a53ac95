package io.smokegate.chaos;

import java.nio.file.Path;
import java.time.Duration;
import org.yaml.snakeyaml.nodes.Node;

/** One Chaos Mesh resource of a scenario, validated against its kind's CRD schema; {@code resource} is its YAML. */
public record Fault(Path file, String kind, String name, String namespace, Duration duration, Node resource) {
}
