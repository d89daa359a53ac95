package io.smokegate.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.dashboards.grafana.Dashboard;
import io.smokegate.dashboards.grafana.Target;
import io.smokegate.dashboards.grafana.VariableQuery;
import io.smokegate.dashboards.promql.PromQlException;
import io.smokegate.dashboards.promql.PromQlParser;
import io.smokegate.testing.GoProxyFixture;
import io.smokegate.testing.HttpChecklists;
import io.smokegate.testing.ScrapedSmokegate;
import io.smokegate.testing.SumdbServer;
import io.smokegate.testing.TargetServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every query of every dashboard, run against a real Prometheus that scraped a real {@code smokegate serve}
 * while it ran passing and failing HTTP checklists and a Go proxy checklist against test servers.
 */
class DashboardQueriesLiveTest {

    /** An availability objective (formatted in) and a key objective on the one check: passes or fails with it. */
    private static final String PROBE_SLO = """
              slo:
                availability: %s
                objectives: [{name: probe-up, sli: "check.success{id=probe}", pass: "=1", key: true}]
            """;
    private static final String FIRING_ALERT = """
            {"status":"firing","receiver":"smokegate","groupKey":"{}:{alertname=\\"SmokegateCheckFailing\\"}","alerts":[
            {"status":"firing","labels":{"alertname":"SmokegateCheckFailing","checklist":"web-failing"},
            "startsAt":"2026-11-22T01:40:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"0123456789abcdef"}]}""";
    private static final GrafanaInterpolation GRAFANA = new GrafanaInterpolation(ScrapedSmokegate.JOB);
    private static final Map<String, String> GATES = Map.of("web-ok", "pass", "goproxy", "warning", "web-failing", "fail");

    @TempDir
    static Path root;
    private static TargetServer target;
    private static GoProxyFixture proxy;
    private static SumdbServer sumdb;
    private static ScrapedSmokegate smokegate;

    /** One PromQL query of a dashboard, named for the test report. */
    record Query(String dashboard, Target target) {
        @Override
        public String toString() {
            return dashboard + " " + target.where();
        }
    }

    @BeforeAll
    static void scrapeTwoRoundsOfRealRuns() throws Exception {
        target = new TargetServer();
        proxy = new GoProxyFixture();
        sumdb = new SumdbServer("sumdb.dashboards.test");
        GoProxyFixture.Hashes lib = proxy.add("example.com/lib", "v1.0.0",
                Map.of("go.mod", "module example.com/lib\n", "lib.go", "package lib\n"));
        sumdb.add("example.com/lib", "v1.0.0", lib.h1(), lib.goModH1());
        smokegate = new ScrapedSmokegate(root);
        smokegate.checklist("web-ok", HttpChecklists.of("web-ok", target.url("/ok"), "10s") + PROBE_SLO.formatted("99%"));
        smokegate.checklist("web-failing", HttpChecklists.of("web-failing", target.url("/fail"), "10s")
                + PROBE_SLO.formatted("50%"));
        smokegate.checklist("goproxy", goproxyChecklist());
        smokegate.checklist("slow", HttpChecklists.of("slow", target.url("/sleep/2500"), "10s"));
        // Rates need a sample before the first run: wait for a scrape of the idle service.
        smokegate.awaitValue("count(smokegate_build_info)", 1);
        smokegate.alert(FIRING_ALERT);
        runAll();
        skipAScheduledRun();
        Thread.sleep(2000);
        runAll();
        smokegate.awaitValue("sum(smokegate_runs_total{status=~\"passed|failed\"})", 6);
        smokegate.awaitValue("sum(smokegate_schedule_skipped_total)", 1);
    }

    /** Each checklist gated, so runs, verdicts and objectives come from the real evaluator. */
    private static void runAll() throws Exception {
        for (String checklist : List.of("web-ok", "web-failing", "goproxy")) {
            smokegate.gate(checklist);
        }
    }

    /** A schedule that appears while its checklist is running fires at once and is skipped. */
    private static void skipAScheduledRun() throws Exception {
        smokegate.run("slow", false);
        smokegate.checklist("slow", HttpChecklists.of("slow", target.url("/sleep/2500"), "10s") + "  schedule: {every: 10s}\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (smokegate != null) {
            smokegate.close();
        }
        for (AutoCloseable server : new AutoCloseable[] {target, proxy, sumdb}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static String goproxyChecklist() {
        String p = proxy.url();
        return """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: goproxy}
                spec:
                  checks:
                    - {id: list, type: goproxy.list, with: {proxy: "%1$s", module: example.com/lib}}
                    - {id: latest, type: goproxy.latest, with: {proxy: "%1$s", module: example.com/lib}}
                    - id: module
                      type: goproxy.module
                      with: {proxy: "%1$s", module: example.com/lib, version: v1.0.0, sumdbKey: "%2$s", sumdbUrl: "%3$s"}
                    - {id: tampered, type: goproxy.module, with: {proxy: "%1$s", module: example.com/lib, version: v1.0.0, sum: "h1:%4$s="}}
                    - {id: unknown, type: goproxy.notfound, with: {proxy: "%1$s", module: example.com/does-not-exist}}
                    - {id: sumdb, type: sumdb.verify, with: {url: "%3$s", key: "%2$s", modules: [example.com/lib@v1.0.0]}}
                  slo:
                    total: {pass: 90%%, warning: 50%%}
                    objectives:
                      - {name: listing, sli: "check.success{id=list}", pass: "=1"}
                      - {name: untampered, sli: "check.success{id=tampered}", pass: "=1"}
                """.formatted(p, sumdb.verifierKey(), sumdb.url(), "A".repeat(43));
    }

    static Stream<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (Dashboard d : Dashboard.shipped()) {
            Stream.concat(d.targets().stream(), d.annotationTargets().stream()).forEach(t -> out.add(new Query(d.name(), t)));
        }
        return out.stream();
    }

    static Stream<Query> queriesThatMustShowData() {
        return queries().filter(q -> LiveDataExpectations.mustShowData(q.dashboard(), q.target().panel()));
    }

    static Stream<VariableQuery> variableQueries() {
        return Dashboard.shipped().stream().flatMap(d -> d.variables().stream()).flatMap(v -> VariableQuery.of(v).stream());
    }

    @ParameterizedTest
    @MethodSource("queries")
    void everyQueryRunsWithoutError(Query query) throws Exception {
        JsonNode answer = smokegate.query(GRAFANA.apply(query.target().expr()));
        assertEquals("success", answer.path("status").asText(), answer.toString());
    }

    @ParameterizedTest
    @MethodSource("queriesThatMustShowData")
    void everyQueryOfAPanelThatMustShowDataReturnsAFiniteValue(Query query) throws Exception {
        JsonNode result = smokegate.query(GRAFANA.apply(query.target().expr())).path("data").path("result");
        assertTrue(result.valueStream().anyMatch(series -> Double.isFinite(series.path("value").get(1).asDouble(Double.NaN))),
                "no finite value from " + query.target().expr() + ": " + result);
    }

    @ParameterizedTest
    @MethodSource("variableQueries")
    void everyVariableListsValuesFromTheScrapedSeries(VariableQuery variable) throws Exception {
        JsonNode answer = smokegate.series(GRAFANA.apply(variable.selector()));
        assertEquals("success", answer.path("status").asText(), answer.toString());
        JsonNode series = answer.path("data");
        assertFalse(series.isEmpty(), "$" + variable.name() + " would list nothing: no series match " + variable.selector());
        assertTrue(series.valueStream().allMatch(s -> s.hasNonNull(variable.label())),
                "every series of " + variable.selector() + " carries " + variable.label());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sum by (a) (rate(x_total[5m])) / on (a) group_left () max by (a) (y)",
        "histogram_quantile(0.95, sum by (le) (rate(x_bucket[1m])))",
        "rate(x[5m] offset 1h) + x offset 5m",
        "max_over_time(rate(x[1m])[10m:1m])",
        "-x ^ 2 % 3 atan2 y",
        "1 > bool 0",
        "label_replace(x, \"a\", \"$1\", 'b', `(.*)`)",
        "x{a=~\"${job}\", b!~\"c{2}\",}",
        "{__name__=\"x\"} unless y",
        "topk(3, x) or count_values(\"v\", x)",
        "time() - x # a comment",
        "sum(x) without (a) and on (b) y",
        "0x1F * Inf - pi() + round(x, 5)",
        "round(x, 1, 2)",
        "abs()",
        "rate(x)",
        "(x)[5m]",
        "sum(x[5m])",
        "1 > 0",
        "x and on (a) group_left y",
        "histogram_quantile(x, y)",
        "rates(x[1m])",
        "x{a=}",
        "{a=~\".*\"}",
        "x{a=~\"((\"}",
        "x[5min]",
        "sum by (a:b) (x)",
        "topk(x, y)",
        "x offset",
        "x +",
    })
    void theQueryParserAcceptsWhatPrometheusAcceptsAndNothingElse(String expr) throws Exception {
        boolean prometheus = smokegate.query(expr).path("status").asText().equals("success");
        boolean ours;
        try {
            PromQlParser.parse(expr);
            ours = true;
        } catch (PromQlException e) {
            ours = false;
        }
        assertEquals(prometheus, ours, expr + " is " + (prometheus ? "accepted" : "refused") + " by Prometheus");
    }

    @Test
    void theErrorBudgetIsOneMinusTheErrorRatioOverTheRatioTheObjectiveAllows() throws Exception {
        Map<String, Double> budget = valuesByChecklist("smokegate-overview.json", "Error budget remaining (30 days)");
        // web-ok: no failed run against 99 %; web-failing: every run failed against 50 %, spent twice over.
        assertEquals(1.0, budget.get("web-ok"), 1e-9);
        assertEquals(-1.0, budget.get("web-failing"), 1e-9);
        assertFalse(budget.containsKey("goproxy"), "a checklist without an objective has no budget: " + budget);
    }

    @Test
    void theGateVerdictTimelineShowsEachChecklistsLastVerdictByName() throws Exception {
        Map<String, Double> values = valuesByChecklist("smokegate-overview.json", "Gate verdicts");
        JsonNode mappings = panel("smokegate-overview.json", "Gate verdicts").path("fieldConfig").path("defaults")
                .path("mappings").get(0).path("options");
        Map<String, String> shown = new HashMap<>();
        values.forEach((checklist, v) -> shown.put(checklist, mappings.path(String.valueOf(v.intValue())).path("text").asText()));
        assertEquals(GATES, shown);
    }

    @Test
    void theGateAnnotationMarksRecentGatesWithTheirVerdict() throws Exception {
        Target annotation = Fixtures.overview().annotationTargets().get(0);
        JsonNode result = smokegate.query(GRAFANA.apply(annotation.expr())).path("data").path("result");
        Map<String, String> verdicts = new HashMap<>();
        result.forEach(s -> verdicts.put(s.path("metric").path("checklist").asText(), s.path("metric").path("verdict").asText()));
        assertEquals(GATES, verdicts);
    }

    private static JsonNode panel(String dashboard, String title) {
        return Fixtures.panel(Dashboard.shipped().stream().filter(d -> d.name().equals(dashboard)).findFirst().orElseThrow(), title);
    }

    private static Map<String, Double> valuesByChecklist(String dashboard, String title) throws Exception {
        String expr = panel(dashboard, title).path("targets").get(0).path("expr").asText();
        Map<String, Double> out = new HashMap<>();
        smokegate.query(GRAFANA.apply(expr)).path("data").path("result")
                .forEach(s -> out.put(s.path("metric").path("checklist").asText(), s.path("value").get(1).asDouble()));
        return out;
    }
}
