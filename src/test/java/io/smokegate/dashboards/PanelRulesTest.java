package io.smokegate.dashboards;

import static io.smokegate.dashboards.LintAssertions.assertFlags;
import static io.smokegate.dashboards.LintAssertions.assertPasses;
import static io.smokegate.dashboards.lint.Finding.Severity.ERROR;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.lint.PanelDatasourceRule;
import io.smokegate.dashboards.lint.PanelNoTargetsRule;
import io.smokegate.dashboards.lint.PanelTitleDescriptionRule;
import io.smokegate.dashboards.lint.PanelUnitsRule;
import org.junit.jupiter.api.Test;

/** The linter's rules on panels, each shown failing. */
class PanelRulesTest {

    @Test
    void aTimeseriesPanelOnAFixedDatasourceIsAnError() {
        Dashboard d = Fixtures.overview();
        ((ObjectNode) Fixtures.panel(d, "Run duration").path("datasource")).put("uid", "prometheus");
        assertFlags(new PanelDatasourceRule(), d, ERROR, "does not use a templated datasource, uses 'prometheus'");
    }

    @Test
    void aTimeseriesPanelWithoutADatasourceIsAnError() {
        Dashboard d = Fixtures.goproxy();
        Fixtures.panel(d, "Tile cache").remove("datasource");
        assertFlags(new PanelDatasourceRule(), d, ERROR, "does not use a templated datasource, uses ''");
    }

    @Test
    void theDatasourceMayBeNamedAsDollarNameToo() {
        Dashboard d = Fixtures.goproxy();
        Fixtures.panel(d, "Tile cache").put("datasource", "$datasource");
        assertPasses(new PanelDatasourceRule(), d);
    }

    @Test
    void aStatPanelWithoutADescriptionIsAnError() {
        Dashboard d = Fixtures.overview();
        Fixtures.panel(d, "Last run age").remove("description");
        assertFlags(new PanelTitleDescriptionRule(), d, ERROR,
                "has missing title or description, currently has title 'Last run age' and description: ''");
    }

    @Test
    void aPanelWithAUnitGrafanaDoesNotKnowIsAnError() {
        Dashboard d = Fixtures.overview();
        ((ObjectNode) Fixtures.panel(d, "Run duration").path("fieldConfig").path("defaults")).put("unit", "seconds");
        assertFlags(new PanelUnitsRule(), d, ERROR, "has no or invalid units defined: 'seconds'");
    }

    @Test
    void aPanelWithoutAUnitIsAnError() {
        Dashboard d = Fixtures.goproxy();
        ((ObjectNode) Fixtures.panel(d, "Tree age").path("fieldConfig").path("defaults")).remove("unit");
        assertFlags(new PanelUnitsRule(), d, ERROR, "has no or invalid units defined: ''");
    }

    @Test
    void aUnitOverrideIsCheckedBeforeTheDefault() {
        Dashboard d = Fixtures.overview();
        ObjectNode override = ((com.fasterxml.jackson.databind.node.ArrayNode) Fixtures.panel(d, "Run duration")
                .path("fieldConfig").path("overrides")).addObject();
        override.putObject("matcher").put("id", "byName").put("options", "p95");
        override.putArray("properties").addObject().put("id", "unit").put("value", "sec");
        assertFlags(new PanelUnitsRule(), d, ERROR, "has no or invalid units defined: 'sec'");
    }

    @Test
    void valueMappingsExemptAPanelFromTheUnitCheck() {
        Dashboard d = Fixtures.overview();
        ObjectNode defaults = (ObjectNode) Fixtures.panel(d, "Run duration").path("fieldConfig").path("defaults");
        defaults.put("unit", "seconds");
        defaults.putArray("mappings");
        assertPasses(new PanelUnitsRule(), d);
    }

    @Test
    void aStatPanelWithoutTargetsIsAnError() {
        Dashboard d = Fixtures.overview();
        Fixtures.panel(d, "Gate score").remove("targets");
        assertFlags(new PanelNoTargetsRule(), d, ERROR, "has no targets");
    }
}
