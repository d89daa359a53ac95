package io.smokegate.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.smokegate.dashboards.grafana.Dashboard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a dashboard against the Grafana Foundation SDK schemas in {@code src/test/resources/grafana/jsonschema}.
 * The dashboard schema leaves a panel's {@code options}, its {@code fieldConfig.defaults.custom} and its
 * targets free-form; the panel type's schema and the Prometheus query schema are applied there, so every part
 * of the file meets the schema that describes it.
 */
final class DashboardSchemas {

    private static final String DIRECTORY = "grafana/jsonschema/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /** Every schema violation, each prefixed with where in the dashboard it is. */
    List<String> violations(Dashboard dashboard) {
        List<String> out = new ArrayList<>(validate("dashboard.jsonschema.json", "", dashboard.json(), ""));
        for (JsonNode panel : dashboard.panels()) {
            String type = panel.path("type").asText();
            if (!type.equals("row")) {
                out.addAll(panelViolations(panel, type));
            }
        }
        return out;
    }

    private List<String> panelViolations(JsonNode panel, String type) {
        String where = Dashboard.title(panel) + " ";
        String file = type.replace("-", "") + ".jsonschema.json";
        JsonNode definitions = definitions(file);
        if (definitions == null) {
            return List.of(where + "has type '" + type + "', for which no schema is in src/test/resources/" + DIRECTORY
                    + " (copy its file from the Foundation SDK)");
        }
        List<String> out = new ArrayList<>(validate(file, "Options", panel.path("options"), where + "options"));
        JsonNode custom = panel.path("fieldConfig").path("defaults").path("custom");
        if (!custom.isMissingNode()) {
            out.addAll(definitions.has("FieldConfig")
                    ? validate(file, "FieldConfig", custom, where + "fieldConfig.defaults.custom")
                    : List.of(where + "fieldConfig.defaults.custom is set, but a " + type + " panel has no custom field config"));
        }
        for (JsonNode target : panel.path("targets")) {
            out.addAll(validate("prometheus.jsonschema.json", "Dataquery", target, where + "target " + target.path("refId").asText()));
        }
        return out;
    }

    private List<String> validate(String file, String definition, JsonNode node, String where) {
        String location = "classpath:" + DIRECTORY + file + (definition.isEmpty() ? "" : "#/definitions/" + definition);
        JsonSchema schema = schemas.computeIfAbsent(location, l -> factory.getSchema(SchemaLocation.of(l)));
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(node)) {
            out.add(where.isEmpty() ? m.getMessage() : where + ": " + m.getMessage());
        }
        return out;
    }

    /** The {@code definitions} of a schema file, or null when there is no such file. */
    private static JsonNode definitions(String file) {
        try (InputStream in = DashboardSchemas.class.getResourceAsStream("/" + DIRECTORY + file)) {
            return in == null ? null : JSON.readTree(in).path("definitions");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
