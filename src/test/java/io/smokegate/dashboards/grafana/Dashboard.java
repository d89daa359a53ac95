package io.smokegate.dashboards.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Grafana dashboard JSON model as the linter sees it: variables, panels (rows and what they hold, flattened
 * as the linter flattens them), targets and annotation queries.
 */
public record Dashboard(String name, JsonNode json) {

    /** Where the shipped dashboards live, relative to the repository root (Maven's working directory). */
    public static final Path DIRECTORY = Path.of("dashboards");
    /** Panel types whose targets the linter parses as PromQL (its panelHasQueries). */
    static final Set<String> QUERIED_PANEL_TYPES = Set.of("singlestat", "gauge", "table", "stat", "state-timeline", "timeseries");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every {@code dashboards/*.json}, by file name; a new dashboard is picked up without naming it anywhere. */
    public static List<Dashboard> shipped() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<Path> paths = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            List<Dashboard> out = new ArrayList<>();
            for (Path p : paths) {
                out.add(read(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Dashboard read(Path file) throws IOException {
        return new Dashboard(file.getFileName().toString(), JSON.readTree(file.toFile()));
    }

    /** A deep copy to change in a test without touching the original. */
    public Dashboard copy() {
        return new Dashboard(name, json.deepCopy());
    }

    @Override
    public String toString() {
        return name;
    }

    public List<JsonNode> variables() {
        return list(json.path("templating").path("list"));
    }

    public Optional<JsonNode> variable(String variableName) {
        return variables().stream().filter(v -> v.path("name").asText().equals(variableName)).findFirst();
    }

    /**
     * Whether the first datasource variable asks for Prometheus: the linter applies its Prometheus rules only
     * then.
     */
    public boolean isPrometheus() {
        return variables().stream().filter(v -> v.path("type").asText().equals("datasource")).findFirst()
                .map(v -> v.path("query").asText().equals("prometheus")).orElse(false);
    }

    /** Top-level panels and, recursively, the panels rows hold; rows themselves included. */
    public List<JsonNode> panels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : list(json.path("panels"))) {
            flatten(p, out);
        }
        return out;
    }

    private static void flatten(JsonNode panel, List<JsonNode> out) {
        out.add(panel);
        for (JsonNode child : list(panel.path("panels"))) {
            flatten(child, out);
        }
    }

    /** Every panel's targets, in panel order. */
    public List<Target> targets() {
        List<Target> out = new ArrayList<>();
        for (JsonNode panel : panels()) {
            List<JsonNode> targets = list(panel.path("targets"));
            for (int i = 0; i < targets.size(); i++) {
                out.add(Target.ofPanel(panel, i, targets.get(i)));
            }
        }
        return out;
    }

    /** Annotations that run a PromQL query. */
    public List<Target> annotationTargets() {
        return list(json.path("annotations").path("list")).stream().filter(a -> a.has("expr")).map(Target::ofAnnotation).toList();
    }

    /** Panel ids at the top level, which a target's {@code panelId} may refer to. */
    public boolean hasTopLevelPanel(int id) {
        return list(json.path("panels")).stream().anyMatch(p -> p.path("id").asInt(-1) == id);
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** A panel's title, for messages. */
    public static String title(JsonNode panel) {
        return "panel '" + panel.path("title").asText() + "'";
    }
}
