package io.smokegate.slo;

import static io.smokegate.slo.Objectives.all;
import static io.smokegate.slo.Objectives.anyOf;
import static io.smokegate.slo.Objectives.objective;
import static io.smokegate.slo.Objectives.spec;
import static io.smokegate.slo.Objectives.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static ObjectiveStatus status(Evaluation e, String name) {
        return e.objectives().stream().filter(r -> r.objective().name().equals(name)).findFirst().orElseThrow().status();
    }

    @Test
    void keptnsWorkedExampleScoresTwoThirdsAndFails() {
        // A (weight 1) passes, B (weight 2) meets only its warning, C has no pass criteria.
        SloSpec spec = spec(new TotalScore(90, Optional.of(75.0)),
                objective("a", all("<1"), Criteria.NONE, 1, false),
                objective("b", all("<1"), all("<10"), 2, false),
                objective("c", Criteria.NONE, Criteria.NONE, 1, false));
        Evaluation e = Evaluator.evaluate(spec, values("a", 0.5, "b", 5, "c", 42), History.EMPTY);
        assertEquals(GateResult.FAIL, e.result());
        assertEquals(66.67, Math.round(e.score() * 100) / 100.0);
        assertEquals(3, e.achievable());
        assertEquals(ObjectiveStatus.INFO, status(e, "c"));
    }

    @Test
    void aScoreAtThePassThresholdPasses() {
        SloSpec spec = spec(new TotalScore(50, Optional.empty()), objective("a", "<1"), objective("b", "<1"));
        assertEquals(GateResult.PASS, Evaluator.evaluate(spec, values("a", 0, "b", 2), History.EMPTY).result());
    }

    @Test
    void aScoreBetweenWarningAndPassWarns() {
        SloSpec spec = spec(new TotalScore(90, Optional.of(75.0)),
                objective("a", all(">=1"), all(">=0.5"), 1, false), objective("b", ">=1"));
        Evaluation e = Evaluator.evaluate(spec, values("a", 0.6, "b", 1), History.EMPTY);
        assertEquals(GateResult.WARNING, e.result());
        assertEquals(75, e.score());
    }

    @Test
    void aFailedKeyObjectiveFailsTheGateWhateverTheScore() {
        SloSpec spec = spec(new TotalScore(10, Optional.empty()),
                objective("critical", all("=1"), Criteria.NONE, 1, true),
                objective("x1", "<1"), objective("x2", "<1"), objective("x3", "<1"));
        Evaluation e = Evaluator.evaluate(spec, values("critical", 0, "x1", 0, "x2", 0, "x3", 0), History.EMPTY);
        assertEquals(GateResult.FAIL, e.result());
        assertEquals(75, e.score());
        assertTrue(e.message().startsWith("key objective 'critical' failed"), e.message());
    }

    @Test
    void aKeyObjectiveInWarningDoesNotFailTheGate() {
        SloSpec spec = spec(new TotalScore(50, Optional.empty()),
                objective("k", all("<1"), all("<2"), 1, true), objective("x", "<1"));
        assertEquals(GateResult.PASS, Evaluator.evaluate(spec, values("k", 1.5, "x", 0), History.EMPTY).result());
    }

    @Test
    void aMissingValueFailsItsObjectiveAndSaysWhy() {
        SloSpec spec = spec(objective("a", "<1"));
        Evaluation e = Evaluator.evaluate(spec, Map.of("a", new SliValue.Missing("the query returned no series")), History.EMPTY);
        assertEquals(GateResult.FAIL, e.result());
        assertEquals("no value: the query returned no series", e.objectives().get(0).message());
    }

    @Test
    void nanIsAMissingValueNotANumberThatFailsComparisons() {
        SloSpec spec = spec(objective("a", ">=0"));
        ObjectiveResult r = Evaluator.evaluate(spec, values("a", Double.NaN), History.EMPTY).objectives().get(0);
        assertEquals(ObjectiveStatus.FAIL, r.status());
        assertEquals("no value: the value is NaN", r.message());
    }

    @Test
    void anObjectiveThatIgnoresEmptyValuesBecomesInformationalWithoutOne() {
        Objective quiet = new Objective("quiet", new Indicator.Promql("x"), all("<1"), Criteria.NONE, 1, false, true);
        SloSpec spec = spec(quiet, objective("b", "<1"));
        Evaluation e = Evaluator.evaluate(spec, Map.of("quiet", new SliValue.Missing("no series"), "b", SliValue.of(0)),
                History.EMPTY);
        assertEquals(GateResult.PASS, e.result());
        assertEquals(ObjectiveStatus.INFO, status(e, "quiet"));
        assertEquals(1, e.achievable());
    }

    @Test
    void onlyInformationalObjectivesPassWithFullScore() {
        SloSpec spec = spec(objective("c", Criteria.NONE, Criteria.NONE, 1, false));
        Evaluation e = Evaluator.evaluate(spec, values("c", 3), History.EMPTY);
        assertEquals(GateResult.PASS, e.result());
        assertEquals(100, e.score());
    }

    @Test
    void criteriaInOneListMustAllHold() {
        SloSpec spec = spec(objective("a", all(">0", "<1"), Criteria.NONE, 1, false));
        assertEquals(GateResult.FAIL, Evaluator.evaluate(spec, values("a", 2), History.EMPTY).result());
        assertEquals(GateResult.PASS, Evaluator.evaluate(spec, values("a", 0.5), History.EMPTY).result());
    }

    @Test
    void anyOneOfSeveralListsIsEnough() {
        SloSpec spec = spec(objective("a", anyOf(List.of("<=+10%"), List.of("<200")), Criteria.NONE, 1, false));
        History earlier = new History(3, Map.of("a", List.of(1000.0, 1000.0, 1000.0)));
        // 150 is far below the earlier 1000 (+10% holds); 1500 is neither within 10% nor below 200.
        assertEquals(GateResult.PASS, Evaluator.evaluate(spec, values("a", 150), earlier).result());
        assertEquals(GateResult.FAIL, Evaluator.evaluate(spec, values("a", 1500), earlier).result());
        History fast = new History(1, Map.of("a", List.of(100.0)));
        assertEquals(GateResult.PASS, Evaluator.evaluate(spec, values("a", 190), fast).result());
    }

    @Test
    void relativeCriteriaCompareWithTheAggregateOfEarlierValues() {
        SloSpec spec = spec(objective("latency", "<=+10%"));
        History earlier = new History(3, Map.of("latency", List.of(0.2, 0.4, 0.3)));
        ObjectiveResult pass = Evaluator.evaluate(spec, values("latency", 0.33), earlier).objectives().get(0);
        assertEquals(ObjectiveStatus.PASS, pass.status());
        assertEquals(0.3, pass.baseline().orElseThrow(), 1e-12);
        assertEquals(3, pass.compared());
        assertEquals(ObjectiveStatus.FAIL, Evaluator.evaluate(spec, values("latency", 0.331), earlier).objectives().get(0).status());
    }

    @Test
    void onlyTheConfiguredNumberOfEarlierValuesIsUsed() {
        Objective o = objective("x", "<=+0%");
        SloSpec spec = new SloSpec(List.of(o), TotalScore.DEFAULT, new Comparison(1, Aggregate.AVG, Comparison.Include.ALL),
                SloSpec.DEFAULT_WINDOW, Optional.empty(), java.time.Duration.ofDays(30));
        History newestFirst = new History(3, Map.of("x", List.of(5.0, 100.0, 100.0)));
        ObjectiveResult r = Evaluator.evaluate(spec, values("x", 6), newestFirst).objectives().get(0);
        assertEquals(ObjectiveStatus.FAIL, r.status());
        assertEquals(5.0, r.baseline().orElseThrow());
    }

    @Test
    void withoutHistoryRelativeCriteriaPassAndTheResultSaysSo() {
        SloSpec spec = spec(objective("latency", "<=+10%"));
        ObjectiveResult r = Evaluator.evaluate(spec, values("latency", 99), History.EMPTY).objectives().get(0);
        assertEquals(ObjectiveStatus.PASS, r.status());
        assertTrue(r.message().endsWith("no earlier results, so relative criteria pass"), r.message());
    }

    @Test
    void anObjectiveWithoutACollectedValueFails() {
        Evaluation e = Evaluator.evaluate(spec(objective("a", "<1")), Map.of(), History.EMPTY);
        assertEquals(GateResult.FAIL, e.result());
        assertEquals("no value: no value was collected", e.objectives().get(0).message());
    }

    @Test
    void numbersAreFormattedAsPeopleReadThem() {
        assertEquals("0.5", Evaluator.format(0.5));
        assertEquals("12", Evaluator.format(12.0));
        assertEquals("0.3333", Evaluator.format(1 / 3.0));
        assertEquals("+Inf", Evaluator.format(Double.POSITIVE_INFINITY));
    }
}
