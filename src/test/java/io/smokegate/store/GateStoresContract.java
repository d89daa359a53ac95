package io.smokegate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.alerts.AlertmanagerPayload;
import io.smokegate.run.RunIds;
import io.smokegate.slo.Comparison;
import io.smokegate.slo.Criteria;
import io.smokegate.slo.Criterion;
import io.smokegate.slo.Evaluation;
import io.smokegate.slo.GateResult;
import io.smokegate.slo.History;
import io.smokegate.slo.Indicator;
import io.smokegate.slo.Objective;
import io.smokegate.slo.ObjectiveResult;
import io.smokegate.slo.ObjectiveStatus;
import io.smokegate.slo.SloSpec;
import io.smokegate.slo.TotalScore;
import io.smokegate.slo.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link VerdictStore} and {@link AlertStore} promise, on SQLite and PostgreSQL alike. */
abstract class GateStoresContract {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Objective LATENCY = new Objective("latency", new Indicator.Promql("x"),
            new Criteria(List.of(List.of(Criterion.parse("<=+10%")))), Criteria.NONE, 1, false, false);
    static final SloSpec SPEC = new SloSpec(List.of(LATENCY), TotalScore.DEFAULT, Comparison.DEFAULT,
            SloSpec.DEFAULT_WINDOW, Optional.empty(), Duration.ofDays(30));

    Database db;
    VerdictStore verdicts;
    AlertStore alerts;

    abstract Database openEmptyDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openEmptyDatabase();
        Migrations.apply(db);
        verdicts = new VerdictStore(db);
        alerts = new AlertStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Verdict verdict(String checklist, GateResult result, Instant at, Double latency) {
        ObjectiveResult r = new ObjectiveResult(LATENCY, Optional.ofNullable(latency),
                latency == null ? ObjectiveStatus.FAIL : ObjectiveStatus.PASS, latency == null ? 0 : 1,
                Optional.empty(), 0, "");
        return new Verdict(RunIds.next(), checklist, RunIds.next(), at, SPEC,
                new Evaluation(result, latency == null ? 0 : 100, 1, List.of(r), 0, "test"));
    }

    @Test
    void aSavedVerdictIsFoundWithItsDocument() throws StoreException {
        Verdict v = verdict("proxy", GateResult.PASS, T0, 0.3);
        verdicts.save(v, "{\"verdict\":{\"result\":\"pass\"}}");
        VerdictStore.Stored stored = verdicts.find(v.id()).orElseThrow();
        assertEquals(new VerdictStore.Stored(v.id(), "proxy", v.runId(), GateResult.PASS, 100, T0,
                "{\"verdict\":{\"result\":\"pass\"}}"), stored);
        assertTrue(verdicts.find(RunIds.next()).isEmpty());
    }

    @Test
    void historyHoldsTheNewestValuesFirstUpToTheLimit() throws StoreException {
        for (int i = 0; i < 5; i++) {
            verdicts.save(verdict("proxy", GateResult.PASS, T0.plusSeconds(i), 0.1 * (i + 1)), "{}");
        }
        History h = verdicts.history("proxy", Comparison.Include.ALL.admitted(), 3, T0.plusSeconds(60));
        assertEquals(3, h.evaluations());
        assertEquals(List.of(0.5, 0.4, 0.30000000000000004), h.of("latency"));
    }

    @Test
    void historyAdmitsOnlyTheResultsAskedFor() throws StoreException {
        verdicts.save(verdict("proxy", GateResult.PASS, T0, 1.0), "{}");
        verdicts.save(verdict("proxy", GateResult.WARNING, T0.plusSeconds(1), 2.0), "{}");
        verdicts.save(verdict("proxy", GateResult.FAIL, T0.plusSeconds(2), 3.0), "{}");
        verdicts.save(verdict("proxy", GateResult.ERROR, T0.plusSeconds(3), 4.0), "{}");
        Instant later = T0.plusSeconds(60);
        assertEquals(List.of(1.0), verdicts.history("proxy", Comparison.Include.PASS.admitted(), 10, later).of("latency"));
        assertEquals(List.of(2.0, 1.0), verdicts.history("proxy", Comparison.Include.PASS_OR_WARNING.admitted(), 10, later)
                .of("latency"));
        assertEquals(List.of(3.0, 2.0, 1.0), verdicts.history("proxy", Comparison.Include.ALL.admitted(), 10, later)
                .of("latency"));
    }

    @Test
    void historyIsOfOneChecklistAndBeforeTheGivenTime() throws StoreException {
        verdicts.save(verdict("proxy", GateResult.PASS, T0, 1.0), "{}");
        verdicts.save(verdict("other", GateResult.PASS, T0, 9.0), "{}");
        verdicts.save(verdict("proxy", GateResult.PASS, T0.plusSeconds(10), 5.0), "{}");
        assertEquals(List.of(1.0), verdicts.history("proxy", Set.of(GateResult.PASS), 10, T0.plusSeconds(10)).of("latency"));
    }

    @Test
    void anEvaluationWithoutAValueCountsButAddsNoValue() throws StoreException {
        verdicts.save(verdict("proxy", GateResult.FAIL, T0, null), "{}");
        History h = verdicts.history("proxy", Comparison.Include.ALL.admitted(), 10, T0.plusSeconds(1));
        assertEquals(1, h.evaluations());
        assertEquals(List.of(), h.of("latency"));
    }

    @Test
    void verdictsAreListedNewestFirstPerChecklist() throws StoreException {
        Verdict a = verdict("proxy", GateResult.PASS, T0, 1.0);
        Verdict b = verdict("proxy", GateResult.FAIL, T0.plusSeconds(1), 2.0);
        Verdict c = verdict("other", GateResult.PASS, T0.plusSeconds(2), 2.0);
        for (Verdict v : List.of(a, b, c)) {
            verdicts.save(v, "{}");
        }
        assertEquals(List.of(b.id(), a.id()), verdicts.list("proxy", 10).stream().map(VerdictStore.Stored::id).toList());
        assertEquals(List.of(c.id(), b.id()), verdicts.list(null, 2).stream().map(VerdictStore.Stored::id).toList());
    }

    static final String FIRING = """
            {"receiver":"smokegate","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"SmokegateCheckFailing",
            "checklist":"proxy","severity":"warning"},"annotations":{"summary":"s"},"startsAt":"2026-11-22T01:40:00Z",
            "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/graph","fingerprint":"f7651ec64c51fa84"}],
            "groupLabels":{"alertname":"SmokegateCheckFailing"},"commonLabels":{"alertname":"SmokegateCheckFailing"},
            "commonAnnotations":{},"externalURL":"http://alertmanager:9093","version":"4",
            "groupKey":"{}:{alertname=\\"SmokegateCheckFailing\\"}","truncatedAlerts":0}
            """;

    @Test
    void aNotificationIsStoredByteForByteWithItsAlerts() throws Exception {
        String id = RunIds.next();
        alerts.save(id, T0, AlertmanagerPayload.parse(FIRING), FIRING);
        assertEquals(Optional.of(FIRING), alerts.payload(id));
        assertEquals(List.of(new AlertStore.Received(id, T0, "firing", "smokegate",
                "{}:{alertname=\"SmokegateCheckFailing\"}", 1)), alerts.list(10));
        int rows = db.read(c -> {
            try (var p = c.prepareStatement("SELECT alertname, fingerprint, ends_at FROM alerts WHERE notification_id = ?")) {
                p.setString(1, id);
                try (var rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("SmokegateCheckFailing", rs.getString(1));
                    assertEquals("f7651ec64c51fa84", rs.getString(2));
                    rs.getLong(3);
                    assertTrue(rs.wasNull(), "a firing alert has no end");
                    return rs.next() ? 2 : 1;
                }
            }
        });
        assertEquals(1, rows);
    }

    @Test
    void notificationsAreListedNewestFirst() throws Exception {
        String first = RunIds.next();
        String second = RunIds.next();
        alerts.save(first, T0, AlertmanagerPayload.parse(FIRING), FIRING);
        alerts.save(second, T0.plusSeconds(5), AlertmanagerPayload.parse(FIRING), FIRING);
        assertEquals(List.of(second, first), alerts.list(10).stream().map(AlertStore.Received::id).toList());
    }
}
