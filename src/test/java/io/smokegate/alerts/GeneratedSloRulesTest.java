package io.smokegate.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smokegate.check.CheckRegistry;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.slo.SloRules;
import io.smokegate.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smokegate slo rules}: what it writes is valid for promtool and its alerts fire when they should. */
class GeneratedSloRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String CHECKLIST = """
            apiVersion: smokegate.io/v1
            kind: Checklist
            metadata: {name: demo}
            spec:
              checks:
                - {id: home, type: http, with: {url: "https://example.invalid/"}}
              slo:
                availability: 99%
                objectives:
                  - {name: all-pass, sli: run.success_ratio, pass: ">= 1", key: true}
                  - {name: proxy-up, promql: 'max(smokegate_check_success{checklist="$checklist"})', pass: ">= 1"}
                  - name: fast-home
                    sli: "check.duration_p95{id=home}"
                    pass: [{criteria: ["< 2s"]}, {criteria: ["< 5s", ">= 0"]}]
                  - {name: no-slower, sli: "check.duration_seconds{id=home}", pass: "<= +10%"}
                  - {name: info, sli: run.duration_seconds}
            """;

    @TempDir
    Path dir;

    private static SloRules.Output generate(String yaml) throws Exception {
        Checklist c = new ChecklistLoader(CheckRegistry.standard(), name -> null).parse("demo.yaml", yaml, Map.of());
        return SloRules.generate(c.name(), c.slo());
    }

    private ToolRun promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ExternalTool.require("promtool", "prometheus").toString()));
        command.addAll(List.of(args));
        return ToolRun.of(dir, command);
    }

    private List<JsonNode> alerts(String yaml) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        YAML.readTree(yaml).get("groups").forEach(g -> g.get("rules").forEach(r -> {
            if (r.has("alert")) {
                out.add(r);
            }
        }));
        return out;
    }

    @Test
    void theGeneratedRulesPassPromtoolCheckRules() throws Exception {
        Files.writeString(dir.resolve("demo.rules.yml"), generate(CHECKLIST).yaml());
        ToolRun run = promtool("check", "rules", "demo.rules.yml");
        assertEquals(0, run.exitCode(), run.report());
        assertTrue(run.output().contains("SUCCESS: 15 rules found"), run.report());
    }

    @Test
    void objectivesPrometheusCannotJudgeAreNamedInTheNotes() throws Exception {
        assertEquals(List.of("objective no-slower: pass criteria are relative to earlier gates, which only a gate can judge",
                "objective info: informational, no alert"), generate(CHECKLIST).notes());
    }

    @Test
    void withoutAnAvailabilityObjectiveThereAreNoBurnRateRules() throws Exception {
        SloRules.Output out = generate(CHECKLIST.replace("    availability: 99%\n", ""));
        assertTrue(out.notes().contains("spec.slo.availability is not set: no error-budget recordings or burn-rate alerts"));
        assertTrue(alerts(out.yaml()).stream().allMatch(a -> a.get("alert").asText().equals("SmokegateObjectiveFailing")));
    }

    @Test
    void everyGeneratedAlertHasARunbookSection() throws Exception {
        String runbooks = Files.readString(AlertFiles.runbooks());
        for (JsonNode alert : alerts(generate(CHECKLIST).yaml())) {
            String name = alert.get("alert").asText();
            assertTrue(SloRules.ALERT_NAMES.contains(name), name);
            assertEquals(AlertFiles.RUNBOOK_URL + name.toLowerCase(Locale.ROOT), alert.at("/annotations/runbook_url").asText());
            assertTrue(runbooks.contains("\n## " + name + "\n"), "docs/runbooks.md lacks a section for " + name);
        }
    }

    @Test
    void theFastBurnAlertPagesWhenHalfTheRunsFailAndStaysQuietWhenAllPass() throws Exception {
        String rules = generate(CHECKLIST).yaml();
        Files.writeString(dir.resolve("demo.rules.yml"), rules);
        JsonNode fast = alerts(rules).stream().filter(a -> a.get("alert").asText().equals("SmokegateErrorBudgetBurnFast"))
                .findFirst().orElseThrow();
        Files.writeString(dir.resolve("demo.test.yml"), """
                rule_files: [demo.rules.yml]
                evaluation_interval: 1m
                group_eval_order: [smokegate-slo-demo-recordings, smokegate-slo-demo-burn-rate, smokegate-slo-demo-objectives]
                tests:
                  - interval: 1m
                    input_series:
                      - {series: 'smokegate_runs_total{checklist="demo",status="passed"}', values: '0+1x30'}
                      - {series: 'smokegate_runs_total{checklist="demo",status="failed"}', values: '0+1x30'}
                      - {series: 'smokegate_runs_total{checklist="demo",status="error"}', values: '0x30'}
                    alert_rule_test:
                      - eval_time: 20m
                        alertname: SmokegateErrorBudgetBurnFast
                        exp_alerts:
                          - exp_labels: {severity: critical, checklist: demo, slo: availability}
                            exp_annotations: {summary: "%s", description: "%s", runbook_url: "%s"}
                  - interval: 1m
                    input_series:
                      - {series: 'smokegate_runs_total{checklist="demo",status="passed"}', values: '0+1x30'}
                      - {series: 'smokegate_runs_total{checklist="demo",status="failed"}', values: '0x30'}
                      - {series: 'smokegate_runs_total{checklist="demo",status="error"}', values: '0x30'}
                    alert_rule_test:
                      - {eval_time: 20m, alertname: SmokegateErrorBudgetBurnFast, exp_alerts: []}
                      - {eval_time: 20m, alertname: SmokegateErrorBudgetBurnSlow, exp_alerts: []}
                    promql_expr_test:
                      - expr: checklist:smokegate_error_budget_remaining:ratio
                        eval_time: 20m
                        exp_samples: [{labels: 'checklist:smokegate_error_budget_remaining:ratio{checklist="demo"}', value: 1}]
                """.formatted(fast.at("/annotations/summary").asText(), fast.at("/annotations/description").asText(),
                fast.at("/annotations/runbook_url").asText()));
        ToolRun run = promtool("test", "rules", "demo.test.yml");
        assertEquals(0, run.exitCode(), run.report() + "\n" + rules);
    }

    @Test
    void anObjectiveAlertFiresWhileItsPassCriteriaFailForFiveMinutes() throws Exception {
        String rules = generate(CHECKLIST).yaml();
        Files.writeString(dir.resolve("demo.rules.yml"), rules);
        Files.writeString(dir.resolve("demo.test.yml"), """
                rule_files: [demo.rules.yml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - {series: 'smokegate_check_success{checklist="demo",check="home",type="http"}', values: '1 1 0x20'}
                      - {series: 'smokegate_run_success_ratio{checklist="demo"}', values: '1x22'}
                    alert_rule_test:
                      - {eval_time: 5m, alertname: SmokegateObjectiveFailing, exp_alerts: []}
                      - eval_time: 8m
                        alertname: SmokegateObjectiveFailing
                        exp_alerts:
                          - exp_labels: {severity: warning, checklist: demo, objective: proxy-up}
                            exp_annotations:
                              summary: Objective proxy-up of checklist demo fails
                              description: 'max(smokegate_check_success{checklist="$checklist"}) is 0, which misses >= 1; the next release gate will not pass on it.'
                              runbook_url: https://github.com/smokegate/smokegate/blob/main/docs/runbooks.md#smokegateobjectivefailing
                """);
        ToolRun run = promtool("test", "rules", "demo.test.yml");
        assertEquals(0, run.exitCode(), run.report() + "\n" + rules);
    }
}
