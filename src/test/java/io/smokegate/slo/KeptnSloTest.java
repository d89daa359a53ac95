package io.smokegate.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smokegate.input.InvalidInputException;
import io.smokegate.input.Problem;
import io.smokegate.input.SafeYaml;
import io.smokegate.input.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keptn's SLO and SLI files as smokegate SLOs, and everything that cannot keep Keptn's meaning. */
class KeptnSloTest {

    private static final Path EXAMPLES = Path.of("src/test/resources/keptn");
    private static final String ADVICE = "give Keptn's SLI file with --sli FILE";

    /** A Keptn SLO of one objective with the given lines, placed after {@code spec_version} on line 2. */
    private static String slo(String objective) {
        return "spec_version: '1.0'\nobjectives:\n" + objective.indent(2) + "total_score: {pass: \"90%\", warning: \"75%\"}\n";
    }

    private record Result(KeptnSlo.Conversion conversion, List<String> problems) {
    }

    private static Result convert(String slo, String sli) throws InvalidInputException {
        SafeYaml yaml = new SafeYaml();
        KeptnSlo.Document sloDocument = new KeptnSlo.Document(new YamlReader("slo.yaml"), yaml.parse("slo.yaml", slo));
        Optional<KeptnSlo.Document> sliDocument = sli == null ? Optional.empty()
                : Optional.of(new KeptnSlo.Document(new YamlReader("sli.yaml"), yaml.parse("sli.yaml", sli)));
        KeptnSlo.Conversion conversion = KeptnSlo.convert(sloDocument, sliDocument, ADVICE);
        List<String> problems = new ArrayList<>(sloDocument.reader().problems().stream().map(Problem::format).toList());
        sliDocument.ifPresent(d -> d.reader().problems().stream().map(Problem::format).forEach(problems::add));
        return new Result(conversion, problems);
    }

    /** The problems of a conversion that must fail. */
    private static List<String> problems(String slo, String sli) throws InvalidInputException {
        Result r = convert(slo, sli);
        assertNull(r.conversion(), "a conversion with problems returns nothing");
        return r.problems();
    }

    private static SloSpec spec(String slo) throws InvalidInputException {
        Result r = convert(slo, null);
        assertEquals(List.of(), r.problems());
        return r.conversion().spec();
    }

    private static String example(String name) throws IOException {
        return Files.readString(EXAMPLES.resolve(name));
    }

    @Test
    void keptnsSloAndSliFilesBecomeSmokegatesSloWithDurationSecondsAsWindow() throws Exception {
        Result r = convert(example("carts/slo.yaml"), example("carts/sli.yaml"));

        assertEquals(List.of(), r.problems());
        assertEquals(example("carts/converted.yaml"), r.conversion().yaml());
    }

    @Test
    void theConvertedYamlReadsBackAsTheSameSlo() throws Exception {
        KeptnSlo.Conversion conversion = convert(example("carts/slo.yaml"), example("carts/sli.yaml")).conversion();
        YamlReader reader = new YamlReader("converted.yaml");

        SloSpec read = new SloReader(reader, Set.of(), Set.of()).read(new SafeYaml().parse("converted.yaml", conversion.yaml()), "");

        assertEquals(List.of(), reader.problems());
        assertEquals(conversion.spec(), read);
    }

    @Test
    void criteriaInOneListMustAllHoldAndSeparateListsAreAlternatives() throws Exception {
        Criteria pass = spec(slo("""
                - sli: run.duration_seconds
                  pass:
                    - criteria: ["<=10", ">=2"]
                    - criteria: ["=0"]
                """)).objectives().get(0).pass();

        assertEquals(List.of(true, false, true, false),
                List.of(pass.holds(5, Optional.empty()), pass.holds(11, Optional.empty()), pass.holds(0, Optional.empty()),
                        pass.holds(1, Optional.empty())));
    }

    @Test
    void relativeCriteriaAreKeptnsPercentagesAndDifferences() throws Exception {
        Criteria pass = spec(slo("""
                - sli: run.duration_seconds
                  pass: [{criteria: ["<=+10%", ">=-5"]}]
                """)).objectives().get(0).pass();

        assertEquals(List.of(true, false, false), List.of(pass.holds(110, Optional.of(100.0)),
                pass.holds(111, Optional.of(100.0)), pass.holds(94, Optional.of(100.0))));
    }

    @Test
    void withoutAComparisonBlockTheSingleLastResultIsComparedWith() throws Exception {
        SloSpec spec = spec(slo("- {sli: run.success_ratio, pass: [{criteria: [\">=-5%\"]}]}"));

        assertEquals(new Comparison(1, Aggregate.AVG, Comparison.Include.ALL), spec.comparison());
    }

    @Test
    void severalResultsWithoutACountCompareWithThreeAndSingleResultWithOne() throws Exception {
        String objectives = "- {sli: run.success_ratio, pass: [{criteria: [\">=-5%\"]}]}";
        SloSpec several = spec("comparison: {compare_with: several_results, include_result_with_score: pass_or_warn,"
                + " aggregate_function: p90}\n" + slo(objectives));
        SloSpec single = spec("comparison: {compare_with: single_result, number_of_comparison_results: 5}\n" + slo(objectives));

        assertEquals(new Comparison(3, Aggregate.P90, Comparison.Include.PASS_OR_WARNING), several.comparison());
        assertEquals(new Comparison(1, Aggregate.AVG, Comparison.Include.ALL), single.comparison());
    }

    @Test
    void weightZeroCountsAsOneAndKeySliBecomesAKeyObjective() throws Exception {
        Objective o = spec(slo("- {sli: run.success_ratio, weight: 0, key_sli: true, pass: [{criteria: [\"=1\"]}]}"))
                .objectives().get(0);

        assertEquals(List.of(1.0, true), List.of(o.weight(), o.key()));
    }

    @Test
    void anSliNamedLikeOneOfSmokegatesNeedsNoQuery() throws Exception {
        Objective o = spec(slo("- {sli: run.success_ratio, displayName: Success, pass: [{criteria: [\"=1\"]}]}"))
                .objectives().get(0);

        assertEquals(new Indicator.Run(RunSli.RUN_SUCCESS_RATIO, java.util.Map.of(), "run.success_ratio"), o.indicator());
        assertEquals("run-success-ratio", o.name());
    }

    @Test
    void theSpecExampleIsRefusedForItsFilterAndItsIndicatorWithoutQuery() throws Exception {
        assertEquals(List.of(
                "slo.yaml:2:1: filter: not supported: smokegate has no SLI provider to hand Keptn's filter to (write the"
                        + " selection into the SLI queries (label matchers) and remove filter)",
                "slo.yaml:11:8: objectives[0].sli: no query for 'response_time_p95' (" + ADVICE
                        + ", or name a smokegate SLI such as run.success_ratio)"),
                problems(example("spec/slo.yaml"), null));
    }

    @Test
    void theLighthouseExampleIsRefusedForItsSpecVersionAndFilter() throws Exception {
        String sli = "spec_version: '1.0'\nindicators: {request_latency_p95: 'vector(1)', error_rate: 'vector(0)'}\n";

        assertEquals(List.of(
                "slo.yaml:2:15: spec_version: '0.1.0' is not supported (smokegate converts Keptn's spec_version '1.0';"
                        + " check the file against it and change the version)",
                "slo.yaml:6:1: filter: not supported: smokegate has no SLI provider to hand Keptn's filter to (write the"
                        + " selection into the SLI queries (label matchers) and remove filter)"),
                problems(example("lighthouse/slo.yaml"), sli));
    }

    @Test
    void anIndicatorMissingFromTheSliFileIsNamed() throws Exception {
        assertEquals(List.of("slo.yaml:3:10: objectives[0].sli: no query for 'throughput' (add throughput: QUERY to the"
                        + " indicators of the SLI file)"),
                problems(slo("- sli: throughput"), "spec_version: '1.0'\nindicators: {error_rate: 'vector(0)'}\n"));
    }

    @Test
    void keptnPlaceholdersOtherThanDurationSecondsAreNamedWhereTheQueryIs() throws Exception {
        String sli = """
                spec_version: '1.0'
                indicators:
                  a: sum(up{job="$SERVICE-$PROJECT"})
                  b: sum(up{team="$LABEL.team"})
                  c: sum(up{handler="$handler"})
                  d: sum(rate(up[$window]))
                """;
        String objectives = "- sli: a\n- sli: b\n- sli: c\n- sli: d\n";

        assertEquals(List.of(
                "sli.yaml:3:6: indicators.a: placeholder '$SERVICE' is not supported (smokegate has no Keptn project,"
                        + " stage, service or deployment; write the value into the query)",
                "sli.yaml:3:6: indicators.a: placeholder '$PROJECT' is not supported (smokegate has no Keptn project,"
                        + " stage, service or deployment; write the value into the query)",
                "sli.yaml:4:6: indicators.b: placeholder '$LABEL.team' is not supported (Keptn's event labels do not"
                        + " reach smokegate; write the value into the query)",
                "sli.yaml:5:6: indicators.c: placeholder '$handler' is not supported (only $DURATION_SECONDS is"
                        + " converted (to $window); write the value into the query)",
                "sli.yaml:6:6: indicators.d: placeholder '$window' is not supported (smokegate would replace it, Keptn"
                        + " does not; rewrite the query without it)"),
                problems(slo(objectives), sli));
    }

    @Test
    void anAggregateKeptnDoesNotKnowIsRefused() throws Exception {
        assertEquals(List.of("slo.yaml:1:65: comparison.aggregate_function: 'p99' is not supported (Keptn compares with 0"
                        + " for it) (use one of avg, p50, p90, p95)"),
                problems("comparison: {compare_with: several_results, aggregate_function: p99}\n"
                        + slo("- {sli: run.success_ratio, pass: [{criteria: [\"=1\"]}]}"), null));
    }

    @Test
    void anUnknownCompareWithIsRefused() throws Exception {
        assertEquals(List.of("slo.yaml:1:28: comparison.compare_with: unknown value 'all_results' (use single_result or"
                        + " several_results)"),
                problems("comparison: {compare_with: all_results}\n" + slo("- {sli: run.success_ratio}"), null));
    }

    @Test
    void criteriaOutsideKeptnsGrammarAreRefused() throws Exception {
        String form = "Keptn's criteria are an operator (<, <=, =, >=, >), an optional sign and a number, optionally"
                + " followed by %, e.g. \"<=+10%\" or \"<600\"";

        assertEquals(List.of(
                "slo.yaml:3:52: objectives[0].pass[0].criteria[0]: '<600ms' cannot be converted (" + form + ")",
                "slo.yaml:4:49: objectives[1].pass[0].criteria[0]: '!=0' cannot be converted (" + form + ")"),
                problems(slo("""
                        - {sli: run.duration_seconds, pass: [{criteria: ["<600ms"]}]}
                        - {sli: run.failed_checks, pass: [{criteria: ["!=0"]}]}
                        """), null));
    }

    @Test
    void warningWithoutPassAndKeySliWithoutPassAreRefused() throws Exception {
        assertEquals(List.of(
                "slo.yaml:3:30: objectives[0].warning: warning criteria without pass criteria; Keptn ignores them (the"
                        + " objective is informational) (add pass criteria, or remove warning)",
                "slo.yaml:4:30: objectives[1].key_sli: a key SLI without pass criteria cannot be converted (smokegate's"
                        + " key objectives need pass criteria) (add pass criteria, or remove key_sli)"),
                problems(slo("""
                        - {sli: run.success_ratio, warning: [{criteria: ["<1"]}]}
                        - {sli: run.failed_checks, key_sli: true}
                        """), null));
    }

    @Test
    void fieldsOutsideKeptnsSchemaAreRefused() throws Exception {
        assertEquals(List.of("slo.yaml:3:30: objectives[0].key: unknown field (expected one of: displayName, key_sli, pass, sli, warning, weight)"),
                problems(slo("- {sli: run.success_ratio, key: true, pass: [{criteria: [\"=1\"]}]}"), null));
    }

    @Test
    void totalScoreIsRequired() throws Exception {
        assertEquals(List.of("slo.yaml:1:1: total_score: missing required field"),
                problems("spec_version: '1.0'\nobjectives: [{sli: run.success_ratio}]\n", null));
    }

    @Test
    void theSameSliTwiceIsRefused() throws Exception {
        assertEquals(List.of("slo.yaml:4:5: objectives[1].sli: 'run-success-ratio' is the name of an earlier objective"
                        + " too (smokegate names objectives after their SLI; keep one objective per SLI (first at line 3))"),
                problems(slo("- {sli: run.success_ratio}\n- {sli: run.success_ratio}\n"), null));
    }

    @Test
    void anSliFileOfAnotherVersionIsRefused() throws Exception {
        assertEquals(List.of("sli.yaml:1:15: spec_version: '0.1' is not supported (smokegate converts Keptn's"
                        + " spec_version '1.0'; check the file against it and change the version)"),
                problems(slo("- {sli: up}"), "spec_version: '0.1'\nindicators: {up: 'vector(1)'}\n"));
    }

    @Test
    void keptnFilesAreToldFromChecklistsAndSmokegateSlos() throws Exception {
        SafeYaml yaml = new SafeYaml();

        assertEquals(List.of(true, true, false, false), List.of(
                KeptnSlo.isKeptn(yaml.parse("a", example("carts/slo.yaml"))),
                KeptnSlo.isKeptn(yaml.parse("b", example("carts/sli.yaml"))),
                KeptnSlo.isKeptn(yaml.parse("c", example("carts/converted.yaml"))),
                KeptnSlo.isKeptn(yaml.parse("d", "apiVersion: smokegate.io/v1\nkind: Checklist\n"))));
        assertNotNull(convert(example("carts/slo.yaml"), example("carts/sli.yaml")).conversion());
    }
}
