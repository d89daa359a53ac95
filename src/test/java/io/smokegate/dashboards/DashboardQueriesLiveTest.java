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
import io.smokegate.attribution.AlertInput;
import io.smokegate.attribution.Limits;
import io.smokegate.config.AttributionConfig;
import io.smokegate.config.TechDebtSettings;
import io.smokegate.kube.KubeSettings;
import io.smokegate.schedule.Schedule;
import io.smokegate.techdebt.ReleaseVersion;
import io.smokegate.techdebt.Thresholds;
import io.smokegate.techdebt.helm.ChartRepoServer;
import io.smokegate.testing.GoProxyFixture;
import io.smokegate.testing.HttpChecklists;
import io.smokegate.testing.ManifestRepos;
import io.smokegate.testing.OneCulpritHistory;
import io.smokegate.testing.ScrapedSmokegate;
import io.smokegate.testing.SumdbServer;
import io.smokegate.testing.TargetServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 * while it ran passing and failing HTTP checklists and a Go proxy checklist against test servers, a checklist of
 * kube checks against a fake cluster ({@link WatchedCluster}) through two contexts, and scanned a manifest
 * directory for tech debt; and, beside it in the same job, the chaos series of a replica that ran experiments
 * ({@link SyntheticChaosSeries}). Service shop ({@link OneCulpritHistory}, watched by web-ok and web-failing) was
 * deployed twice and its alert attributed and resolved; service ledger's repository is missing, so its alert fails.
 * An analysis over a window of web-ok runs meanwhile.
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
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant FIRST_DEPLOY = NOW.minus(Duration.ofDays(3));
    private static final Instant SECOND_DEPLOY = NOW.minus(Duration.ofDays(2));
    private static final Instant SHOP_ALERT_START = NOW.minus(Duration.ofDays(1));
    /** An Alertmanager notification of one alert of a service: status, alertname, service, fingerprint, startsAt, endsAt. */
    private static final String SERVICE_ALERT = """
            {"version":"4","status":"%1$s","receiver":"smokegate","groupKey":"{}:{alertname=\\"%2$s\\"}","alerts":[
            {"status":"%1$s","labels":{"alertname":"%2$s","service":"%3$s"},"startsAt":"%5$s","endsAt":"%6$s",
            "fingerprint":"%4$s"}]}""";
    private static final String SHOP_FINGERPRINT = "5a0b000000000001";
    private static final String NO_END = "0001-01-01T00:00:00Z";
    private static final GrafanaInterpolation GRAFANA = new GrafanaInterpolation(ScrapedSmokegate.JOB);
    private static final Map<String, String> GATES = Map.of("web-ok", "pass", "goproxy", "warning", "web-failing", "fail");
    /** Never fires while the test runs: the test asks for its scan. */
    private static final Schedule NEW_YEAR = Schedule.of(null, "0 0 1 1 *", null);

    @TempDir
    static Path root;
    private static TargetServer target;
    private static GoProxyFixture proxy;
    private static SumdbServer sumdb;
    private static ChartRepoServer charts;
    private static WatchedCluster cluster;
    private static SyntheticChaosSeries chaos;
    private static ScrapedSmokegate smokegate;
    private static OneCulpritHistory shop;

    /** One PromQL query of a dashboard, named for the test report. */
    record Query(String dashboard, Target target) {
        @Override
        public String toString() {
            return dashboard + " " + target.where();
        }
    }

    @BeforeAll
    static void scrapeTwoRoundsOfRealRunsAndATechDebtScan() throws Exception {
        // The fake cluster takes the longest to start: it fills itself while the targets start. serve comes last, as it
        // reads the cluster's kubeconfig when it starts (its tech-debt scans reach the cluster through a context).
        CompletableFuture<WatchedCluster> starting = CompletableFuture.supplyAsync(WatchedCluster::start);
        try {
            startTargets();
        } finally {
            cluster = starting.join();
        }
        cluster.writeKubeconfig(root.resolve("kubeconfig"));
        startSmokegate();
        smokegate.checklist("cluster", clusterChecklist());
        // Rates need a sample before the first run: wait for a scrape of the idle service.
        smokegate.awaitValue("count(smokegate_build_info)", 1);
        smokegate.alert(FIRING_ALERT);
        // Three passing measurements of web-ok while the rest goes on: the analysis panels.
        smokegate.analyse("{\"checklist\": \"web-ok\", \"for\": \"3s\", \"interval\": \"1s\"}");
        deployShopTwiceAndAlert();
        smokegate.scanTechDebt();
        runAll();
        skipAScheduledRun();
        Thread.sleep(2000);
        runAll();
        smokegate.awaitValue("sum(smokegate_runs_total{status=~\"passed|failed\"})", 8);
        smokegate.awaitValue("sum(smokegate_schedule_skipped_total)", 1);
        smokegate.awaitValue("count(smokegate_techdebt_last_scan_timestamp_seconds)", 1);
        smokegate.awaitValue("sum(smokegate_chaos_orphans_swept_total)", 3);
        smokegate.awaitValue("count(smokegate_dora_recovery_time_seconds)", 1);
        smokegate.awaitValue("sum(smokegate_analyses_total{phase=\"Successful\"})", 1);
    }

    /** Two deploys of shop, an alert of shop after the second (attributed, then resolved 30 min later) and one of ledger. */
    private static void deployShopTwiceAndAlert() throws Exception {
        for (var deploy : List.of(Map.entry(shop.base(), FIRST_DEPLOY), Map.entry(shop.deployed(), SECOND_DEPLOY))) {
            smokegate.deploy("{\"service\": \"shop\", \"environment\": \"prod\", \"repository\": "
                    + "\"https://github.com/acme/shop\", \"commit\": \"" + deploy.getKey() + "\", \"time\": \""
                    + deploy.getValue() + "\"}");
        }
        smokegate.alert(SERVICE_ALERT.formatted("firing", "ShopErrors", "shop", SHOP_FINGERPRINT, SHOP_ALERT_START, NO_END));
        smokegate.alert(SERVICE_ALERT.formatted("firing", "LedgerErrors", "ledger", "1ed9e70000000001", SHOP_ALERT_START, NO_END));
        smokegate.awaitValue("sum(smokegate_attributions_total{service=\"shop\"})", 1);
        smokegate.awaitValue("sum(smokegate_attribution_failures_total{service=\"ledger\"})", 1);
        smokegate.alert(SERVICE_ALERT.formatted("resolved", "ShopErrors", "shop", SHOP_FINGERPRINT, SHOP_ALERT_START,
                SHOP_ALERT_START.plus(Duration.ofMinutes(30))));
    }

    private static void startTargets() throws Exception {
        target = new TargetServer();
        charts = ChartRepoServer.stable();
        proxy = new GoProxyFixture();
        sumdb = new SumdbServer("sumdb.dashboards.test");
        chaos = new SyntheticChaosSeries();
    }

    private static void startSmokegate() throws Exception {
        GoProxyFixture.Hashes lib = proxy.add("example.com/lib", "v1.0.0",
                Map.of("go.mod", "module example.com/lib\n", "lib.go", "package lib\n"));
        sumdb.add("example.com/lib", "v1.0.0", lib.h1(), lib.goModH1());
        shop = OneCulpritHistory.build(root.resolve("shop"));
        AttributionConfig attribution = new AttributionConfig(Map.of(
                "shop", new AttributionConfig.Service(root.resolve("shop").toString(), List.of("services/api/**"), "prod",
                        Optional.empty(), List.of("web-ok", "web-failing")),
                "ledger", new AttributionConfig.Service(root.resolve("no-ledger-repository").toString(), List.of(), "prod",
                        Optional.empty(), List.of())), AlertInput.DEFAULT_SERVICE_LABELS, Limits.DEFAULT);
        smokegate = new ScrapedSmokegate(root, KubeSettings.defaults().withKubeconfig(root.resolve("kubeconfig")),
                techDebtSettings(), attribution, List.of(chaos.target()));
        smokegate.checklist("web-ok", HttpChecklists.of("web-ok", target.url("/ok"), "10s") + PROBE_SLO.formatted("99%"));
        smokegate.checklist("web-failing", HttpChecklists.of("web-failing", target.url("/fail"), "10s")
                + PROBE_SLO.formatted("50%"));
        smokegate.checklist("goproxy", goproxyChecklist());
        smokegate.checklist("slow", HttpChecklists.of("slow", target.url("/sleep/2500"), "10s"));
    }

    /**
     * Manifests with an Ingress of extensions/v1beta1 and an HPA of autoscaling/v2beta2, judged against v1.25
     * (removed, removed in the next release); one threshold crossed, one not; the cluster's Helm release (of an outdated
     * chart, compared with a local chart repository) and workloads through its context.
     */
    private static TechDebtSettings techDebtSettings() throws Exception {
        Path repo = ManifestRepos.sample(Files.createDirectories(root.resolve("manifests")));
        return TechDebtSettings.defaults().withSchedule(NEW_YEAR).withRepos(List.of(repo))
                .withContexts(List.of(WatchedCluster.STAGING)).withChartRepos(List.of(URI.create(charts.url("/stable"))))
                .withTargetVersions(Map.of("k8s", new ReleaseVersion(1, 25, 0)))
                .withThresholds(Thresholds.NONE.with("deprecatedApiFiles", 0).with("manifestFilesScanned", 100));
    }

    /** Every kube check the cluster dashboard shows, on context staging; drift between staging and prod. */
    private static String clusterChecklist() {
        return """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: cluster}
                spec:
                  checks:
                    - {id: nodes, type: kube.nodes, with: {cluster: %1$s}}
                    - {id: apiserver, type: kube.apiserver, with: {cluster: %1$s, requests: 5}}
                    - {id: workloads, type: kube.workloads, with: {cluster: %1$s, namespaces: [athens]}}
                    - {id: certificates, type: kube.certificates, with: {cluster: %1$s, namespaces: [athens], certManager: false}}
                    - {id: gitops, type: kube.gitops, with: {cluster: %1$s, kinds: [Application]}}
                    - id: drift
                      type: kube.drift
                      with:
                        clusters: [%1$s, %2$s]
                        http: {name: policy, url: "%3$s$${cluster}", jsonPath: $.value}
                        gitops: {name: athens, fact: Argo CD}
                """.formatted(WatchedCluster.STAGING, WatchedCluster.PROD, target.url("/json/"));
    }

    /** Each checklist gated, so runs, verdicts and objectives come from the real evaluator; the cluster run. */
    private static void runAll() throws Exception {
        for (String checklist : List.of("web-ok", "web-failing", "goproxy")) {
            smokegate.gate(checklist);
        }
        smokegate.run("cluster", true);
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
        for (AutoCloseable server : new AutoCloseable[] {target, proxy, sumdb, charts, cluster, chaos}) {
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

    @Test
    void theDriftMatrixCountsTheDistinctValuesOfEachFactAcrossTheContexts() throws Exception {
        // staging and prod are one cluster: the same Kubernetes and Application; the policy URL names the context.
        assertEquals(Map.of("cluster drift Kubernetes", 1.0, "cluster drift Argo CD", 1.0, "cluster drift policy", 2.0),
                values("smokegate-cluster.json", "Drift matrix", "checklist", "check", "fact"));
        assertEquals(Map.of("cluster drift", 1.0), values("smokegate-cluster.json", "Facts that differ", "checklist", "check"));
    }

    @Test
    void theCertificatePanelsShowTheDaysLeftOfEachSecretsRealCertificate() throws Exception {
        // Each certificate expires an hour after its whole days: the days left are that many and a fraction.
        Map<String, Integer> wholeDays = new HashMap<>();
        values("smokegate-cluster.json", "Certificate days left per Secret", "name")
                .forEach((secret, days) -> wholeDays.put(secret, (int) Math.floor(days)));
        assertEquals(Map.of("legacy-api-tls", 5, "ingress-tls", 40, "proxy-tls", 200), wholeDays);
        assertEquals(5.0, values("smokegate-cluster.json", "Fewest days left", "check").get("certificates"), 0.1);
    }

    @Test
    void theClusterPanelsCountWhatIsWrongInTheCluster() throws Exception {
        assertEquals(Map.of("nodes", 1.0), values("smokegate-cluster.json", "Nodes not Ready", "check"));
        assertEquals(Map.of("apiserver", 1.0), values("smokegate-cluster.json", "/readyz failed checks", "check"));
        assertEquals(Map.of("Deployment", 1.0, "StatefulSet", 0.0, "DaemonSet", 0.0),
                values("smokegate-cluster.json", "Unhealthy workloads by kind", "kind"));
        assertEquals(Map.of("workloads", 7.0), values("smokegate-cluster.json", "Highest container restarts", "check"));
        assertEquals(Map.of("Application", 1.0), values("smokegate-cluster.json", "Out of sync by kind", "kind"));
    }

    @Test
    void theTechDebtPanelsShowTheScannedManifestsOffendersAndThresholds() throws Exception {
        assertEquals(1.0, values("smokegate-techdebt.json", "Files with deprecated apiVersions", "figure")
                .get("deprecatedApiFiles"));
        assertEquals(Map.of("removed extensions/v1beta1 Ingress", 1.0,
                        "removed-in-next autoscaling/v2beta2 HorizontalPodAutoscaler", 1.0),
                values("smokegate-techdebt.json", "Deprecated API objects by status, apiVersion and kind", "status",
                        "api_version", "kind"));
        assertEquals(Map.of("deprecatedApiFiles", 1.0, "manifestFilesScanned", 0.0),
                values("smokegate-techdebt.json", "Thresholds crossed", "figure"));
    }

    @Test
    void theChaosPanelsShowEachPhaseScoreAndRecoveryOfTheLastExperiments() throws Exception {
        assertEquals(Map.of("proxy-latency steadyState", 1.0, "proxy-latency during", 0.75, "proxy-latency recovery", 1.0),
                values("smokegate-chaos.json", "Success ratio per phase", "scenario", "phase"));
        assertEquals(Map.of("proxy-latency", 0.875, "sumdb-loss", 0.5),
                values("smokegate-chaos.json", "Resilience score", "scenario"));
        Map<String, Double> recovery = values("smokegate-chaos.json", "Recovery time", "scenario");
        assertEquals(12.5, recovery.get("proxy-latency"));
        assertTrue(recovery.get("sumdb-loss").isNaN(), "an experiment that did not recover shows NaN: " + recovery);
        assertEquals(Map.of("demo", 1.0, "proxy-latency", 0.0), values("smokegate-chaos.json", "Experiments active", "scenario"));
    }

    @Test
    void theFaultAnnotationMarksOnlyTheScenarioWhoseFaultIsInPlace() throws Exception {
        Dashboard dashboard = Dashboard.shipped().stream().filter(d -> d.name().equals("smokegate-chaos.json")).findFirst().orElseThrow();
        Target annotation = dashboard.annotationTargets().get(0);
        JsonNode result = smokegate.query(GRAFANA.apply(annotation.expr())).path("data").path("result");
        List<String> scenarios = new ArrayList<>();
        result.forEach(s -> scenarios.add(s.path("metric").path("scenario").asText()));
        assertEquals(List.of("demo"), scenarios);
    }

    @Test
    void theSloPanelsShowTheChecklistsThatWatchTheSelectedServices() throws Exception {
        assertEquals(Map.of("shop web-ok", 1.0, "shop web-failing", -1.0),
                values("smokegate-changes.json", "Error budget remaining (30 days)", "service", "checklist"));
        assertEquals(Map.of("shop web-ok", 0.0, "shop web-failing", 1.0),
                values("smokegate-changes.json", "Error ratio of the watching checklists", "service", "checklist"));
    }

    @Test
    void theDeployAnnotationMarksTheLastDeployOfEachServiceAtItsTimeInMilliseconds() throws Exception {
        Dashboard dashboard = Dashboard.shipped().stream().filter(d -> d.name().equals("smokegate-changes.json")).findFirst().orElseThrow();
        JsonNode result = smokegate.query(GRAFANA.apply(dashboard.annotationTargets().get(0).expr())).path("data").path("result");
        Map<String, Double> marks = new HashMap<>();
        result.forEach(s -> marks.put(s.path("metric").path("service").asText() + " " + s.path("metric").path("environment").asText(),
                s.path("value").get(1).asDouble()));
        assertEquals(Map.of("shop prod", SECOND_DEPLOY.toEpochMilli() * 1.0), marks);
    }

    @Test
    void theDoraPanelsShowTwoDeploysOneFailedAndRecoveredInHalfAnHour() throws Exception {
        String changes = "smokegate-changes.json";
        assertEquals(Map.of("shop prod", 0.5), values(changes, "Change failure rate", "service", "environment"));
        assertEquals(Map.of("shop prod", 1800.0), values(changes, "Recovery time", "service", "environment"));
        assertEquals(Map.of("shop prod", 0.0), values(changes, "Unrecovered failed deploys", "service", "environment"));
        assertEquals(Map.of("shop prod", 2.0), values(changes, "Deploys and failed deploys", "service", "environment"));
        assertEquals(2 / 30.0, values(changes, "Deploys per day", "service", "environment").get("shop prod"), 1e-9);
    }

    @Test
    void theRecentAttributionsTableNamesTheSuspectCommitOfTheSuspectDeploy() throws Exception {
        Map<String, Double> rows = values("smokegate-changes.json", "Recent attributions", "alertname", "service", "confidence",
                "commit", "deploy_commit");
        assertEquals(1.0, rows.get("ShopErrors shop high " + shop.culprit() + " " + shop.deployed()), rows.toString());
    }

    private static JsonNode panel(String dashboard, String title) {
        return Fixtures.panel(Dashboard.shipped().stream().filter(d -> d.name().equals(dashboard)).findFirst().orElseThrow(), title);
    }

    private static Map<String, Double> valuesByChecklist(String dashboard, String title) throws Exception {
        return values(dashboard, title, "checklist");
    }

    /** The values of the panel's first query by its series' {@code labels}, joined with spaces. */
    private static Map<String, Double> values(String dashboard, String title, String... labels) throws Exception {
        String expr = panel(dashboard, title).path("targets").get(0).path("expr").asText();
        Map<String, Double> out = new HashMap<>();
        for (JsonNode series : smokegate.query(GRAFANA.apply(expr)).path("data").path("result")) {
            List<String> key = Stream.of(labels).map(l -> series.path("metric").path(l).asText()).toList();
            out.put(String.join(" ", key), series.path("value").get(1).asDouble());
        }
        return out;
    }
}
