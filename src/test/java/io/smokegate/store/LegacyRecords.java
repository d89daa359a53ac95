package io.smokegate.store;

import io.smokegate.attribution.DeployMarker;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.CheckRegistry;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.slo.GateResult;
import io.smokegate.slo.Verdict;
import io.smokegate.testing.SampleRuns;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records in the databases under {@code src/test/resources/legacy/}, made by the code of commit 3d171d4, before the store
 * moved to HikariCP (see {@link #main}): fixed ids and values, so a test can build the same objects and compare
 * what the current code reads back from those files.
 */
final class LegacyRecords {

    static final Instant T0 = Instant.parse("2026-12-01T09:30:00.250Z");
    static final String PASSING_RUN = "01JEGACY0000000000000000R1";
    static final String FAILING_RUN = "01JEGACY0000000000000000R2";
    static final String PASS_VERDICT = "01JEGACY0000000000000000V1";
    static final String FAIL_VERDICT = "01JEGACY0000000000000000V2";
    static final String FINISHED_EXPERIMENT = "01JEGACY0000000000000000E1";
    static final String RUNNING_EXPERIMENT = "01JEGACY0000000000000000E2";
    static final String ARGO_DEPLOY = "01JEGACY0000000000000000D1";
    static final String ROLLOUT_DEPLOY = "01JEGACY0000000000000000D2";
    /** Tables whose rows the tests compare verbatim, with the column that orders them. */
    static final Map<String, String> TABLES = new TreeMap<>(Map.of("runs", "id", "check_results", "run_id, position",
            "verdicts", "id", "chaos_experiments", "id", "deploy_markers", "id", "attributions", "id",
            "smokegate_schema", "version"));

    private LegacyRecords() {
    }

    static List<RunReport> runs() {
        CheckResult ok = SampleRuns.check("health", CheckStatus.PASSED, "200 OK", Map.of("status", "200"));
        CheckResult slow = new CheckResult("latency", "http", CheckStatus.FAILED, T0, Duration.ofMillis(2300),
                "took 2300 ms, limit 1000 ms", Map.of("url", "https://shop.example/"), List.of(), 3, 1.0);
        return List.of(
                new RunReport(PASSING_RUN, "shop", Map.of("env", "prod"), RunStatus.PASSED, "api", T0, Duration.ofMillis(812),
                        List.of(ok)),
                new RunReport(FAILING_RUN, "shop", Map.of("env", "prod", "team", "checkout"), RunStatus.FAILED, "schedule",
                        T0.plusSeconds(60), Duration.ofMillis(2450), List.of(ok, slow, SampleRuns.securityFailure("tls",
                                "certificate expires in 3 days"))));
    }

    static List<Verdict> verdicts() {
        Verdict pass = GateStoresContract.verdict("shop", GateResult.PASS, T0.plusSeconds(120), 0.25);
        Verdict fail = GateStoresContract.verdict("shop", GateResult.FAIL, T0.plusSeconds(180), null);
        return List.of(new Verdict(PASS_VERDICT, pass.checklist(), PASSING_RUN, pass.evaluatedAt(), pass.spec(), pass.evaluation()),
                new Verdict(FAIL_VERDICT, fail.checklist(), FAILING_RUN, fail.evaluatedAt(), fail.spec(), fail.evaluation()));
    }

    static String verdictDocument(Verdict v) {
        return "{\"verdict\":{\"id\":\"" + v.id() + "\",\"result\":\"" + v.evaluation().result().name().toLowerCase() + "\"}}";
    }

    static List<ExperimentStore.Experiment> experiments() {
        return List.of(new ExperimentStore.Experiment(FINISHED_EXPERIMENT, "etcd-latency", List.of("monitoring", "etcd"),
                        "finished", "pass", "ci-token", "api", "replica-a", T0.plusSeconds(240), T0.plusSeconds(330),
                        "{\"verdict\":\"pass\",\"phases\":[]}"),
                new ExperimentStore.Experiment(RUNNING_EXPERIMENT, "pod-kill", List.of("shop"), "running", null, "scheduler",
                        "schedule", "replica-b", T0.plusSeconds(400), null, null));
    }

    static List<DeploymentStore.Deployment> deployments() {
        return List.of(new DeploymentStore.Deployment(ARGO_DEPLOY, new DeployMarker("checkout", "prod",
                        "https://github.com/acme/shop", "abc1234", T0.plusSeconds(30), null, "argocd"), T0.plusSeconds(31)),
                new DeploymentStore.Deployment(ROLLOUT_DEPLOY, new DeployMarker("checkout", "prod", "", null,
                        T0.plusSeconds(90), "ghcr.io/acme/checkout:1.4.2", "replicaset"), T0.plusSeconds(91)));
    }

    static List<AttributionStore.Stored> attributions() {
        return List.of(new AttributionStore.Stored("01JEGACY0000000000000000A1", "f00d", T0.plusSeconds(100), "HighErrorRate",
                        "checkout", "high", T0.plusSeconds(101), T0.plusSeconds(700), 600L, "{\"confidence\":\"high\"}"),
                new AttributionStore.Stored("01JEGACY0000000000000000A2", "beef", T0.plusSeconds(200), "SlowCheckout",
                        null, "none", T0.plusSeconds(201), null, null, "{\"confidence\":\"none\",\"suspects\":[]}"));
    }

    /** Stores every record above through the stores, as the release that made the fixtures did. */
    static void fill(Database db) throws StoreException {
        RunStore runs = new RunStore(db, CheckRegistry.standard());
        for (RunReport r : runs()) {
            runs.save(r);
        }
        VerdictStore verdicts = new VerdictStore(db);
        for (Verdict v : verdicts()) {
            verdicts.save(v, verdictDocument(v));
        }
        ExperimentStore experiments = new ExperimentStore(db);
        for (ExperimentStore.Experiment e : experiments()) {
            experiments.start(e.id(), e.scenario(), e.namespaces(), e.startedBy(), e.trigger(), e.owner(), e.startedAt());
            if (e.verdict() != null) {
                experiments.finish(e.id(), e.verdict(), e.finishedAt(), e.report());
            }
        }
        DeploymentStore deployments = new DeploymentStore(db);
        for (DeploymentStore.Deployment d : deployments()) {
            deployments.add(d.id(), d.marker(), d.recordedAt());
        }
        AttributionStore attributions = new AttributionStore(db);
        for (AttributionStore.Stored a : attributions()) {
            attributions.save(a);
            if (a.resolvedAt() != null) {
                attributions.resolve(a.fingerprint(), a.startsAt(), a.resolvedAt());
            }
        }
    }

    /** Every row of {@link #TABLES} as text, column by column, to compare before and after a migration. */
    static List<String> rows(Database db) throws StoreException {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, String> t : TABLES.entrySet()) {
                String columns = t.getKey().equals("smokegate_schema") ? "version, name" : "*";
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + t.getKey() + " ORDER BY " + t.getValue())) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, String> row = new TreeMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.put(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT), rs.getString(i));
                        }
                        out.add(t.getKey() + " " + row);
                    }
                }
            }
            return out;
        });
    }

    /**
     * Makes the fixtures: {@code main sqlite DIR} writes DIR/smokegate.db and DIR/rows.txt; {@code main postgres URL FILE}
     * fills the (empty) PostgreSQL database at URL, whose dump then goes to FILE by pg_dump --inserts.
     */
    public static void main(String[] args) throws Exception {
        try (Database db = args[0].equals("sqlite") ? Database.open(Path.of(args[1]), null, null, null)
                : Database.open(null, args[1], "postgres", null)) {
            fill(db);
            java.nio.file.Files.write(Path.of(args[2]), rows(db));
        }
    }
}
