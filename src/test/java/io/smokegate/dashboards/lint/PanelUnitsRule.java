package io.smokegate.dashboards.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * panel-units-rule: a panel (stat, singlestat, graph, table, timeseries, gauge) has a unit Grafana knows, in
 * {@code fieldConfig.defaults.unit} or a {@code unit} override (the override wins). Panels with value mappings
 * ({@code defaults.mappings} present, even empty, or a {@code mappings} override) and stat panels showing
 * non-numeric fields ({@code options.reduceOptions.fields} not "") are not checked.
 */
public final class PanelUnitsRule extends PanelRule {

    private static final Set<String> UNITS = units();

    public PanelUnitsRule() {
        super("panel-units-rule", VISUAL_TYPES);
    }

    @Override
    public List<Finding> lint(Dashboard dashboard, JsonNode panel) {
        boolean nonNumericStat = panel.path("type").asText().equals("stat")
                && !panel.path("options").path("reduceOptions").path("fields").asText("").isEmpty();
        if (nonNumericStat || hasMappings(panel.path("fieldConfig"))) {
            return List.of();
        }
        String unit = unit(panel.path("fieldConfig"));
        return UNITS.contains(unit) ? List.of() : List.of(error(panel, "has no or invalid units defined: '" + unit + "'"));
    }

    private static boolean hasMappings(JsonNode fieldConfig) {
        for (JsonNode property : overrideProperties(fieldConfig)) {
            if (property.path("id").asText().equals("mappings") && !property.path("value").isNull()
                    && !property.path("value").isMissingNode()) {
                return true;
            }
        }
        return fieldConfig.path("defaults").has("mappings") && !fieldConfig.path("defaults").get("mappings").isNull();
    }

    private static String unit(JsonNode fieldConfig) {
        String unit = "";
        for (JsonNode property : overrideProperties(fieldConfig)) {
            if (property.path("id").asText().equals("unit")) {
                unit = property.path("value").asText("");
            }
        }
        return unit.isEmpty() ? fieldConfig.path("defaults").path("unit").asText("") : unit;
    }

    private static List<JsonNode> overrideProperties(JsonNode fieldConfig) {
        return fieldConfig.path("overrides").valueStream()
                .flatMap(o -> o.path("properties").valueStream()).toList();
    }

    /** Grafana's unit ids (valueFormats/categories.ts), as the linter lists them; one a line in a resource. */
    private static Set<String> units() {
        try (InputStream in = PanelUnitsRule.class.getResourceAsStream("/grafana/units.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
