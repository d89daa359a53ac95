package io.smokegate.dashboards;

import static io.smokegate.dashboards.LintAssertions.assertFlags;
import static io.smokegate.dashboards.LintAssertions.assertPasses;
import static io.smokegate.dashboards.lint.Finding.Severity.ERROR;
import static io.smokegate.dashboards.lint.Finding.Severity.WARNING;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.lint.TemplateDatasourceRule;
import io.smokegate.dashboards.lint.TemplateLabelPromqlRule;
import io.smokegate.dashboards.lint.TemplateOnTimeChangeReloadRule;
import io.smokegate.dashboards.lint.TemplateVariableRule;
import io.smokegate.dashboards.lint.UneditableRule;
import org.junit.jupiter.api.Test;

/** The linter's rules on template variables and on the dashboard as a whole, each shown failing. */
class TemplateRulesTest {

    @Test
    void aDashboardWithoutADatasourceVariableIsAnError() {
        Dashboard d = Fixtures.overview();
        ((ArrayNode) Fixtures.root(d).path("templating").path("list")).remove(0);
        assertFlags(new TemplateDatasourceRule(), d, ERROR, "does not have a templated data source");
    }

    @Test
    void aDatasourceVariableNamedOtherwiseIsAnError() {
        assertFlags(new TemplateDatasourceRule(), Fixtures.withVariable(Fixtures.overview(), "datasource", "name", "ds"),
                ERROR,
                "templated data source variable named 'ds', should be named 'prometheus_datasource', or 'datasource'");
    }

    @Test
    void aDatasourceVariableLabelledDataSourceInTitleCaseIsAWarning() {
        assertFlags(new TemplateDatasourceRule(), Fixtures.withVariable(Fixtures.overview(), "datasource", "label", "Data Source"),
                WARNING, "should be labeled 'Prometheus data source', or 'Data source'");
    }

    @Test
    void aMissingJobVariableIsAnError() {
        assertFlags(TemplateVariableRule.job(), Fixtures.withVariable(Fixtures.overview(), "job", "name", "scrape_job"),
                ERROR, "is missing the job template");
    }

    @Test
    void aJobVariableThatIsNotAMultiSelectIsAnError() {
        assertFlags(TemplateVariableRule.job(), Fixtures.withVariable(Fixtures.goproxy(), "job", "multi", false),
                ERROR, "job template should be a multi select");
    }

    @Test
    void aJobVariableLabelledInLowerCaseIsAWarning() {
        assertFlags(TemplateVariableRule.job(), Fixtures.withVariable(Fixtures.overview(), "job", "label", "job"),
                WARNING, "job template should be a labeled 'Job', is currently 'job'");
    }

    @Test
    void anInstanceVariableOnAFixedDatasourceIsAnError() {
        Dashboard d = Fixtures.overview();
        ((ObjectNode) Fixtures.variable(d, "instance").path("datasource")).put("uid", "prometheus");
        assertFlags(TemplateVariableRule.instance(), d, ERROR,
                "instance template should use datasource '$datasource', is currently 'prometheus'");
    }

    @Test
    void anInstanceVariableWhoseAllIsNotDotPlusIsAnError() {
        assertFlags(TemplateVariableRule.instance(), Fixtures.withVariable(Fixtures.overview(), "instance", "allValue", ".*"),
                ERROR, "instance template allValue should be '.+', is currently '.*'");
    }

    @Test
    void anInstanceVariableOfAnotherTypeIsAnError() {
        assertFlags(TemplateVariableRule.instance(), Fixtures.withVariable(Fixtures.overview(), "instance", "type", "custom"),
                ERROR, "instance template should be a Prometheus query, is currently 'custom'");
    }

    @Test
    void aVariableQueryWithAFunctionGrafanaDoesNotHaveIsAnError() {
        assertFlags(new TemplateLabelPromqlRule(),
                Fixtures.withVariable(Fixtures.overview(), "checklist", "query", "series(smokegate_run_success)"),
                ERROR, "template 'checklist' invalid templated label 'series(smokegate_run_success)': invalid 'function': series");
    }

    @Test
    void aVariableQueryWhoseSelectorDoesNotParseIsAnError() {
        assertFlags(new TemplateLabelPromqlRule(),
                Fixtures.withVariable(Fixtures.overview(), "checklist", "query", "label_values(smokegate_run_success{job=}, checklist)"),
                ERROR, "unexpected punctuation '}', expected string in label matching");
    }

    @Test
    void aVariableQueryThatIsNotAFunctionCallIsAnError() {
        assertFlags(new TemplateLabelPromqlRule(),
                Fixtures.withVariable(Fixtures.overview(), "checklist", "query", "smokegate_run_success"),
                ERROR, "invalid 'query': smokegate_run_success");
    }

    @Test
    void aQueryVariableSavedAsAnObjectIsReadToo() {
        Dashboard d = Fixtures.overview();
        ObjectNode query = Fixtures.variable(d, "checklist").putObject("query");
        query.put("query", "label_values(smokegate_run_success{job=~\"$job\"}, checklist)");
        assertPasses(new TemplateLabelPromqlRule(), d);
        query.put("query", "label_values(smokegate_run_success{job=~}, checklist)");
        assertFlags(new TemplateLabelPromqlRule(), d, ERROR, "expected string in label matching");
    }

    @Test
    void aQueryVariableRefreshedOnlyOnLoadIsAnError() {
        assertFlags(new TemplateOnTimeChangeReloadRule(), Fixtures.withVariable(Fixtures.goproxy(), "check", "refresh", 1),
                ERROR,
                "templated datasource variable named 'check', should be set to be refreshed 'On Time Range Change (value 2)',"
                        + " is currently '1'");
    }

    @Test
    void anEditableDashboardIsAnError() {
        Dashboard d = Fixtures.overview();
        Fixtures.root(d).put("editable", true);
        assertFlags(new UneditableRule(), d, ERROR, "is editable, it should be set to 'editable: false'");
    }

    @Test
    void aDashboardThatDoesNotSayItIsUneditableIsAnErrorBecauseGrafanaDefaultsToEditable() {
        Dashboard d = Fixtures.overview();
        Fixtures.root(d).remove("editable");
        assertFlags(new UneditableRule(), d, ERROR, "is editable");
    }
}
