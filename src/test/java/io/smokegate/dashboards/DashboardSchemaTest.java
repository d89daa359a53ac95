package io.smokegate.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smokegate.dashboards.grafana.Dashboard;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped dashboards against the Grafana Foundation SDK JSON schemas, and what those schemas refuse. */
class DashboardSchemaTest {

    private final DashboardSchemas schemas = new DashboardSchemas();

    static List<Dashboard> shipped() {
        return Dashboard.shipped();
    }

    @Test
    void theShippedDashboardsAreFoundByListingTheDashboardsDirectory() {
        List<String> names = shipped().stream().map(Dashboard::name).toList();
        assertTrue(names.containsAll(List.of("smokegate-goproxy.json", "smokegate-overview.json")), names.toString());
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyDashboardMeetsTheDashboardPanelAndQuerySchemas(Dashboard dashboard) {
        assertEquals(List.of(), schemas.violations(dashboard));
    }

    @Test
    void aDashboardWithoutSchemaVersionIsRejectedNamingTheField() {
        Dashboard d = Fixtures.overview();
        Fixtures.root(d).remove("schemaVersion");
        assertViolation(d, "schemaVersion");
    }

    @Test
    void aStringWhereTheSchemaWantsANumberIsRejectedNamingTheField() {
        Dashboard d = Fixtures.overview();
        Fixtures.root(d).put("schemaVersion", "41");
        assertViolation(d, "$.schemaVersion: string found, integer expected");
    }

    @Test
    void panelOptionsAreHeldToThePanelTypesSchema() {
        Dashboard d = Fixtures.overview();
        ((ObjectNode) Fixtures.panel(d, "Run duration").path("options")).remove("legend");
        assertViolation(d, "panel 'Run duration' options: $: required property 'legend' not found");
    }

    @Test
    void customFieldConfigIsHeldToThePanelTypesSchema() {
        Dashboard d = Fixtures.overview();
        ((ObjectNode) Fixtures.panel(d, "Run results").path("fieldConfig").path("defaults").path("custom")).put("lineWidth", 11);
        assertViolation(d, "panel 'Run results' fieldConfig.defaults.custom: $.lineWidth: must have a maximum value of 10");
    }

    @Test
    void targetsAreHeldToThePrometheusQuerySchema() {
        Dashboard d = Fixtures.goproxy();
        ((ObjectNode) Fixtures.panel(d, "Tree size").path("targets").get(0)).put("exemplars", true);
        assertViolation(d, "panel 'Tree size' target A: $: property 'exemplars' is not defined in the schema");
    }

    @Test
    void aPanelTypeWithoutASchemaFileIsReported() {
        Dashboard d = Fixtures.overview();
        Fixtures.panel(d, "Gate score").put("type", "piechart");
        assertViolation(d, "panel 'Gate score' has type 'piechart', for which no schema is in");
    }

    private void assertViolation(Dashboard d, String expected) {
        List<String> violations = schemas.violations(d);
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)), "expected '" + expected + "' among " + violations);
    }
}
