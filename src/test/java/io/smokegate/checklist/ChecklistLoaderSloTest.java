package io.smokegate.checklist;

import static io.smokegate.checklist.Loading.assertProblem;
import static io.smokegate.checklist.Loading.assertProblems;
import static io.smokegate.checklist.Loading.invalid;
import static io.smokegate.checklist.Loading.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.input.InvalidInputException;
import io.smokegate.slo.Aggregate;
import io.smokegate.slo.Comparison;
import io.smokegate.slo.Indicator;
import io.smokegate.slo.Objective;
import io.smokegate.slo.RunSli;
import io.smokegate.slo.SloSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChecklistLoaderSloTest {

    /** Two checks; spec.slo starts on line 11. */
    private static String withSlo(String slo) {
        return """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: proxy}
                spec:
                  checks:
                    - id: uuid-module
                      type: http
                      with: {url: "https://proxy.example/github.com/google/uuid/@v/v1.6.0.info"}
                    - {id: list, type: http, with: {url: "https://proxy.example/list"}}
                  slo:
                """ + slo.indent(4);
    }

    @Test
    void theDesignDocumentsExampleLoads() throws InvalidInputException {
        SloSpec slo = load(withSlo("""
                objectives:
                  - {name: all-checks-pass, sli: run.success_ratio, pass: ">= 1", warning: ">= 0.9", key: true}
                  - {name: module-latency, sli: "check.duration_p95{type=http}", pass: "< 800ms"}
                  - {name: proxy-availability-7d, promql: 'avg_over_time(smokegate_check_success{checklist="proxy"}[7d])', pass: ">= 0.995"}
                total: {pass: 90%, warning: 75%}
                """)).slo();
        assertEquals(3, slo.objectives().size());
        Objective first = slo.objectives().get(0);
        assertTrue(first.key());
        assertEquals(RunSli.RUN_SUCCESS_RATIO, ((Indicator.Run) first.indicator()).sli());
        assertEquals(">= 0.9", first.warning().describe());
        assertEquals(Map.of("type", "http"), ((Indicator.Run) slo.objectives().get(1).indicator()).selector());
        assertEquals(0.8, slo.objectives().get(1).pass().anyOf().get(0).get(0).amount(), 1e-12);
        assertTrue(slo.objectives().get(2).indicator() instanceof Indicator.Promql);
        assertEquals(90, slo.total().pass());
        assertEquals(Optional.of(75.0), slo.total().warning());
        assertEquals(Comparison.DEFAULT, slo.comparison());
        assertTrue(slo.usesPrometheus());
    }

    @Test
    void aChecklistWithoutSloHasNone() throws InvalidInputException {
        assertTrue(load(withSlo("objectives: [{name: a, sli: run.success_ratio, pass: '=1'}]")).optionalSlo().isPresent());
        assertFalse(load(withSlo("").replace("  slo:\n", "")).optionalSlo().isPresent());
    }

    @Test
    void keptnsCriteriaBlocksAreAlternatives() throws InvalidInputException {
        Objective o = load(withSlo("""
                objectives:
                  - name: latency
                    sli: "check.duration_seconds{id=uuid-module}"
                    pass:
                      - criteria: ["<=+10%", "< 2s"]
                      - criteria: ["< 200ms"]
                """)).slo().objectives().get(0);
        assertEquals("<=+10% and < 2s or < 200ms", o.pass().describe());
        assertTrue(o.relative());
    }

    @Test
    void comparisonAvailabilityWindowAndPeriodAreRead() throws InvalidInputException {
        SloSpec slo = load(withSlo("""
                comparison: {results: 5, aggregate: p90, include: pass_or_warning}
                availability: 99.5%
                window: 30m
                period: 28d
                objectives: [{name: a, sli: run.success_ratio, pass: "=1"}]
                """)).slo();
        assertEquals(new Comparison(5, Aggregate.P90, Comparison.Include.PASS_OR_WARNING), slo.comparison());
        assertEquals(0.995, slo.availability().orElseThrow(), 1e-12);
        assertEquals(Duration.ofMinutes(30), slo.window());
        assertEquals(Duration.ofDays(28), slo.period());
    }

    @Test
    void anInvalidCriterionIsReportedWhereItStandsWithTheGrammar() {
        InvalidInputException e = invalid(withSlo("objectives: [{name: a, sli: run.success_ratio, pass: \"== 1\"}]"));
        assertProblem(e, "c.yaml:11:58", "spec.slo.objectives[0].pass: '== 1': unknown operator", "<=");
    }

    @Test
    void anUnknownSliSuggestsTheNearestName() {
        InvalidInputException e = invalid(withSlo("objectives: [{name: a, sli: run.sucess_ratio, pass: \"=1\"}]"));
        assertProblem(e, "c.yaml:11:33", "unknown SLI 'run.sucess_ratio'", "did you mean 'run.success_ratio'?");
    }

    @Test
    void aSelectorMustNameACheckOfTheChecklist() {
        InvalidInputException e = invalid(withSlo("objectives: [{name: a, sli: \"check.success{id=uuid-modul}\", pass: \"=1\"}]"));
        assertProblem(e, "c.yaml:11:33", "no check with id 'uuid-modul'", "did you mean 'uuid-module'?");
    }

    @Test
    void aSelectorMustNameATypeTheChecklistUses() {
        InvalidInputException e = invalid(withSlo("objectives: [{name: a, sli: \"check.duration_p95{type=dns}\", pass: \"<1s\"}]"));
        assertProblem(e, "c.yaml:11:33", "the checklist has no check of type 'dns'");
    }

    @Test
    void runSlisTakeNoSelector() {
        InvalidInputException e = invalid(withSlo("objectives: [{name: a, sli: \"run.success_ratio{id=list}\", pass: \"=1\"}]"));
        assertProblem(e, "c.yaml:11:33", "run.success_ratio takes no selector");
    }

    @Test
    void theDurationOfOneCheckNeedsItsId() {
        InvalidInputException e = invalid(withSlo("objectives: [{name: a, sli: check.duration_seconds, pass: \"<1s\"}]"));
        assertProblem(e, "c.yaml:11:33", "check.duration_seconds needs {id=...}");
    }

    @Test
    void unknownAggregatesAreRejectedNotSilentlyZero() {
        InvalidInputException e = invalid(withSlo("""
                comparison: {aggregate: p99}
                objectives: [{name: a, sli: run.success_ratio, pass: "=1"}]
                """));
        assertProblem(e, "c.yaml:11:29", "unknown aggregate 'p99'", "avg, p50, p90, p95");
    }

    @Test
    void anObjectiveNeedsExactlyOneSource() {
        assertProblem(invalid(withSlo("objectives: [{name: a, pass: \"=1\"}]")), "c.yaml:11:18",
                "give exactly one of sli and promql");
        assertProblem(invalid(withSlo("objectives: [{name: a, sli: run.success_ratio, promql: up, pass: \"=1\"}]")),
                "c.yaml:11:18", "give exactly one of sli and promql");
    }

    @Test
    void warningWithoutPassCriteriaIsRefused() {
        InvalidInputException e = invalid(withSlo("objectives: [{name: a, sli: run.success_ratio, warning: \">0.5\"}]"));
        assertProblem(e, "c.yaml:11:61", "warning criteria without pass criteria");
    }

    @Test
    void aKeyObjectiveNeedsPassCriteria() {
        InvalidInputException e = invalid(withSlo("objectives: [{name: a, sli: run.success_ratio, key: true}]"));
        assertProblem(e, "c.yaml:11:57", "a key objective needs pass criteria");
    }

    @Test
    void objectiveNamesAreUnique() {
        InvalidInputException e = invalid(withSlo("""
                objectives:
                  - {name: a, sli: run.success_ratio, pass: "=1"}
                  - {name: a, sli: run.duration_seconds, pass: "<1"}
                """));
        assertProblem(e, "c.yaml:13:9", "duplicate objective name 'a'", "first used at line 12");
    }

    @Test
    void aHundredPercentAvailabilityLeavesNoBudgetAndIsRefused() {
        InvalidInputException e = invalid(withSlo("""
                availability: 100%
                objectives: [{name: a, sli: run.success_ratio, pass: "=1"}]
                """));
        assertProblem(e, "c.yaml:11:19", "is not an availability objective", "99.5%");
    }

    @Test
    void theWarningThresholdCannotExceedThePassThreshold() {
        InvalidInputException e = invalid(withSlo("""
                total: {pass: 80%, warning: 90%}
                objectives: [{name: a, sli: run.success_ratio, pass: "=1"}]
                """));
        assertProblem(e, "c.yaml:11:33", "warning: 90% is above the pass threshold of 80%");
    }

    @Test
    void criteriaStringsAndBlocksDoNotMix() {
        InvalidInputException e = invalid(withSlo("""
                objectives:
                  - name: a
                    sli: run.success_ratio
                    pass: ["=1", {criteria: ["<2"]}]
                """));
        assertProblem(e, "c.yaml:14:22", "do not mix criteria strings and criteria: blocks");
    }

    @Test
    void anSloNeedsObjectives() {
        assertProblems(invalid(withSlo("objectives: []")), "c.yaml:11:17: spec.slo.objectives: an SLO needs at least one objective");
    }

    @Test
    void unknownSloFieldsSuggestTheNearest() {
        InvalidInputException e = invalid(withSlo("""
                objectives: [{name: a, sli: run.success_ratio, pass: "=1", weigth: 2}]
                """));
        assertProblem(e, "c.yaml:11:64", "weigth: unknown field", "did you mean 'weight'?");
    }
}
