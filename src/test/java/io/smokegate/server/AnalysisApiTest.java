package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.READ_TOKEN;
import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.analysis.Analysis;
import io.smokegate.analysis.AnalysisMeasurement;
import io.smokegate.analysis.AnalysisSpec;
import io.smokegate.config.ApiToken;
import io.smokegate.config.AuthConfig;
import io.smokegate.slo.GateResult;
import io.smokegate.store.AnalysisStore;
import io.smokegate.store.Database;
import io.smokegate.store.Migrations;
import io.smokegate.testing.PostgresCluster;
import io.smokegate.testing.TargetServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analyses over a window through the API, on a real server, database and target, with windows of seconds. */
class AnalysisApiTest {

    private static final String ANALYSES = "/api/v1/analyses";
    /** For replicas on PostgreSQL: the token with every scope, named "default". */
    private static final AuthConfig EVERY_SCOPE = new AuthConfig(List.of(ApiToken.withEveryScope(TOKEN)), false);

    @TempDir
    Path root;

    TargetServer target;
    ApiTestSupport api;

    @BeforeEach
    void start() throws Exception {
        target = new TargetServer();
        api = new ApiTestSupport(root, TOKEN, 2, 8, Duration.ofSeconds(2));
        api.checklist("site.yaml", gated("site", target.url("/ok")));
        api.checklist("broken.yaml", gated("broken", target.url("/fail")));
        api.checklist("plain.yaml", ApiTestSupport.httpChecklist("plain", target.url("/ok"), "5s"));
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        target.close();
    }

    /** A checklist of one http check with a key objective on it (the gate tests' own). */
    private static String gated(String name, String url) {
        return GateApiTest.gated(name, url, "");
    }

    private HttpResponse<String> post(String body) throws Exception {
        return api.post(ANALYSES, TOKEN, body);
    }

    private String started(String body) throws Exception {
        HttpResponse<String> r = post(body);
        assertEquals(202, r.statusCode(), r.body());
        return json(r).get("id").asText();
    }

    /** Polls the analysis until {@code done}, at most {@code within}; every document seen, in order. */
    private List<JsonNode> await(String id, Predicate<JsonNode> done, Duration within) throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode a = json(api.get(ANALYSES + "/" + id));
            seen.add(a);
            if (done.test(a)) {
                return seen;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("analysis " + id + " did not get there within " + within + ": " + seen.getLast());
    }

    private JsonNode awaitEnd(String id) throws Exception {
        return await(id, a -> !"Running".equals(a.get("phase").asText()), Duration.ofSeconds(20)).getLast();
    }

    @Test
    void startingAnAnalysisAnswers202WithItsLocationAndTheRunningDocument() throws Exception {
        HttpResponse<String> r = post("{\"checklist\": \"site\", \"for\": \"1m\", \"interval\": \"30s\", \"failureLimit\": 1, "
                + "\"inconclusiveLimit\": 2, \"failOnWarning\": true}");
        assertEquals(202, r.statusCode(), r.body());
        JsonNode body = json(r);
        String id = body.get("id").asText();
        assertEquals(ANALYSES + "/" + id, r.headers().firstValue("Location").orElseThrow());
        assertEquals(List.of("id", "checklist", "for", "interval", "failureLimit", "inconclusiveLimit", "failOnWarning", "phase",
                "message", "startedBy", "startedAt", "finishedAt", "count", "measurements"), fieldNames(body));
        assertEquals(List.of("site", "1m", "30s", "1", "2", "true", "Running", "", "default", "2"), List.of(
                body.get("checklist").asText(), body.get("for").asText(), body.get("interval").asText(),
                body.get("failureLimit").asText(), body.get("inconclusiveLimit").asText(), body.get("failOnWarning").asText(),
                body.get("phase").asText(), body.get("message").asText(), body.get("startedBy").asText(),
                body.get("count").asText()));
        assertTrue(body.get("finishedAt").isNull(), r.body());
        assertEquals(0, body.get("measurements").size());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void measurementsAccumulateUntilTheFullWindowEndsSuccessful() throws Exception {
        String id = started("{\"checklist\": \"site\", \"for\": \"3s\", \"interval\": \"1s\"}");

        List<JsonNode> seen = await(id, a -> !"Running".equals(a.get("phase").asText()), Duration.ofSeconds(20));

        assertTrue(seen.stream().anyMatch(a -> "Running".equals(a.get("phase").asText()) && a.get("measurements").size() == 1),
                "a running analysis shows its measurements so far");
        JsonNode end = seen.getLast();
        assertEquals("Successful", end.get("phase").asText(), end.toString());
        assertEquals("all 3 measurements taken: 3 successful, 0 failed, 0 not judged", end.get("message").asText());
        assertEquals(3, end.get("measurements").size());
        for (int i = 0; i < 3; i++) {
            JsonNode m = end.get("measurements").get(i);
            assertEquals(List.of("index", "at", "runId", "verdictId", "result", "score", "phase", "message"), fieldNames(m));
            assertEquals(List.of(String.valueOf(i + 1), "pass", "100.0", "Successful"), List.of(m.get("index").asText(),
                    m.get("result").asText(), m.get("score").asText(), m.get("phase").asText()));
            assertEquals("analysis", json(api.get("/api/v1/runs/" + m.get("runId").asText())).get("trigger").asText());
            assertEquals(200, api.get("/api/v1/gates/" + m.get("verdictId").asText()).statusCode());
        }
        assertTrue(!end.get("finishedAt").isNull(), end.toString());
    }

    @Test
    void aFailingChecklistFailsTheAnalysisAtItsFirstFailureWithoutWaitingForTheWindow() throws Exception {
        String id = started("{\"checklist\": \"broken\", \"for\": \"5s\", \"interval\": \"1s\"}");

        JsonNode end = awaitEnd(id);

        assertEquals("Failed", end.get("phase").asText(), end.toString());
        assertEquals("1 of 1 measurements failed, more than the failure limit (0)", end.get("message").asText());
        assertEquals(1, end.get("measurements").size());
        assertEquals(List.of("fail", "Failed"), List.of(end.at("/measurements/0/result").asText(),
                end.at("/measurements/0/phase").asText()));
    }

    @Test
    void theFailureLimitToleratesThatManyFailures() throws Exception {
        String id = started("{\"checklist\": \"broken\", \"for\": \"5s\", \"interval\": \"1s\", \"failureLimit\": 1}");

        JsonNode end = awaitEnd(id);

        assertEquals("2 of 2 measurements failed, more than the failure limit (1)", end.get("message").asText());
    }

    @Test
    void deletingAnAnalysisAbortsItWithinTwoSecondsInPhaseError() throws Exception {
        String id = started("{\"checklist\": \"site\", \"for\": \"10m\", \"interval\": \"5m\"}");

        HttpResponse<String> r = api.delete(ANALYSES + "/" + id, TOKEN);
        long asked = System.nanoTime();

        assertEquals(202, r.statusCode(), r.body());
        assertEquals("Running", json(r).get("phase").asText());
        JsonNode end = awaitEnd(id);
        assertTrue(System.nanoTime() - asked < Duration.ofSeconds(2).toNanos(), "stopped within 2 s");
        assertEquals("Error", end.get("phase").asText());
        assertEquals("aborted by default after 0 of 2 measurements", end.get("message").asText());
        HttpResponse<String> again = api.delete(ANALYSES + "/" + id, TOKEN);
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("analysis " + id + " has already finished (Error); only a running analysis can be aborted",
                json(again).get("message").asText());
    }

    @Test
    void startAndAbortAreAudited() throws Exception {
        String id = started("{\"checklist\": \"site\", \"for\": \"10m\", \"interval\": \"5m\"}");
        api.delete(ANALYSES + "/" + id, TOKEN);

        JsonNode events = json(api.get("/api/v1/audit?target=" + id, TOKEN)).get("events");

        assertEquals(List.of("analysis.abort", "analysis.start"), List.of(events.get(0).get("action").asText(),
                events.get(1).get("action").asText()));
        assertEquals("default", events.get(0).get("actor").asText());
    }

    @Test
    void aChecklistDeletedMidAnalysisEndsItInErrorWithTheReason() throws Exception {
        String id = started("{\"checklist\": \"site\", \"for\": \"4s\", \"interval\": \"1s\"}");
        await(id, a -> a.get("measurements").size() >= 1, Duration.ofSeconds(10));

        Files.delete(api.checklists.resolve("site.yaml"));

        JsonNode end = awaitEnd(id);
        assertEquals("Error", end.get("phase").asText());
        assertEquals("cannot take measurement 2: no checklist named 'site' in the checklist directory",
                end.get("message").asText());
        assertEquals(1, end.get("measurements").size());
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTheField() throws Exception {
        assertBadRequest("{\"checklist\": \"site\", \"for\": \"30s\", \"interval\": \"1m\"}",
                "for: 30s is shorter than the interval (1m); the window must hold at least one interval");
        assertBadRequest("{\"checklist\": \"site\", \"for\": \"1m\", \"interval\": \"10s\", \"failureLimit\": -1}",
                "failureLimit: -1 is negative; 0 fails the analysis on the first failed measurement");
        assertBadRequest("{\"checklist\": \"site\", \"for\": \"1m\", \"interval\": \"10s\", \"inconclusiveLimit\": -2}",
                "inconclusiveLimit: -2 is negative; 0 ends the analysis on the first measurement that cannot be judged");
        assertBadRequest("{\"checklist\": \"site\", \"for\": \"fifteen\", \"interval\": \"10s\"}",
                "for: 'fifteen' is not a duration of at least 1s; use e.g. 500ms, 10s, 1m30s, 2h");
        assertBadRequest("{\"checklist\": \"site\", \"for\": \"1m\", \"interval\": \"500ms\"}",
                "interval: '500ms' is not a duration of at least 1s; use e.g. 500ms, 10s, 1m30s, 2h");
        assertBadRequest("{\"checklist\": \"site\", \"interval\": \"10s\"}",
                "for is required: a duration such as 15m; use e.g. 500ms, 10s, 1m30s, 2h");
        assertBadRequest("{\"for\": \"1m\", \"interval\": \"10s\"}",
                "checklist is required: the name of the checklist to gate, e.g. {\"checklist\": \"shop\", \"for\": \"15m\", "
                        + "\"interval\": \"1m\"}");
        assertBadRequest("{\"checklist\": \"site\", \"for\": \"1m\", \"interval\": \"10s\", \"failureLimit\": 1.5}",
                "failureLimit: must be a whole number of measurements, not 1.5");
        assertBadRequest("{\"checklist\": \"site\", \"for\": \"1m\", \"interval\": \"10s\", \"failOnWarning\": \"yes\"}",
                "failOnWarning: must be true or false, not \"yes\"");
        assertBadRequest("{\"checklist\": \"site\", \"for\": \"1m\", \"interval\": \"10s\", \"count\": 6}",
                "unknown field 'count' (known: checklist, failOnWarning, failureLimit, for, inconclusiveLimit, interval)");
        assertBadRequest("{\"checklist\": \"site\", \"for\": \"48h\", \"interval\": \"1h\"}",
                "for: 48h is longer than 24h; split a longer rollout into stages");
        assertEquals(0, json(api.get(ANALYSES)).get("analyses").size(), "nothing refused was stored");
    }

    private void assertBadRequest(String body, String message) throws Exception {
        HttpResponse<String> r = post(body);
        assertEquals(400, r.statusCode(), body + " -> " + r.body());
        assertEquals("bad_request", json(r).get("error").asText());
        assertEquals(message, json(r).get("message").asText(), body);
    }

    @Test
    void anUnknownChecklistIsNotFoundAndNothingIsStored() throws Exception {
        HttpResponse<String> r = post("{\"checklist\": \"nope\", \"for\": \"1m\", \"interval\": \"10s\"}");
        assertEquals(404, r.statusCode(), r.body());
        assertEquals("no checklist named 'nope' in the checklist directory", json(r).get("message").asText());
        assertEquals(0, json(api.get(ANALYSES)).get("analyses").size());
    }

    @Test
    void aChecklistWithoutSloIsRefusedLikeAGate() throws Exception {
        HttpResponse<String> r = post("{\"checklist\": \"plain\", \"for\": \"1m\", \"interval\": \"10s\"}");
        assertEquals(422, r.statusCode(), r.body());
        assertEquals("checklist 'plain' declares no SLO; add spec.slo.objectives to gate on it", json(r).get("message").asText());
        assertEquals(0, json(api.get(ANALYSES)).get("analyses").size());
    }

    @Test
    void promqlObjectivesWithoutPrometheusAreRefusedBeforeAnythingRuns() throws Exception {
        api.checklist("watched.yaml", gated("watched", target.url("/ok"))
                + "      - {name: errors, promql: \"sum(rate(errors_total[$window]))\", pass: \"<1\"}\n");
        HttpResponse<String> r = post("{\"checklist\": \"watched\", \"for\": \"1m\", \"interval\": \"10s\"}");
        assertEquals(422, r.statusCode(), r.body());
        assertEquals("objective errors of checklist 'watched' use promql: give --prometheus URL (prometheus.url in the "
                + "service config)", json(r).get("message").asText());
        assertEquals(0, target.requests(), "nothing ran");
    }

    @Test
    void aBodyLargerThanTheLimitIsRefused() throws Exception {
        HttpResponse<String> r = post("{\"checklist\": \"" + "x".repeat(20_000) + "\", \"for\": \"1m\", \"interval\": \"10s\"}");
        assertEquals(413, r.statusCode(), r.body());
    }

    @Test
    void startingAndAbortingNeedTheRunScopeAndReadingTheReadScope() throws Exception {
        String body = "{\"checklist\": \"site\", \"for\": \"10m\", \"interval\": \"5m\"}";
        assertEquals(401, api.post(ANALYSES, null, body).statusCode());
        assertEquals(403, api.post(ANALYSES, READ_TOKEN, body).statusCode());
        String id = started(body);
        assertEquals(401, api.get(ANALYSES + "/" + id, null).statusCode());
        assertEquals(200, api.get(ANALYSES + "/" + id, READ_TOKEN).statusCode());
        assertEquals(200, api.get(ANALYSES, READ_TOKEN).statusCode());
        assertEquals(403, api.delete(ANALYSES + "/" + id, READ_TOKEN).statusCode());
        assertEquals(202, api.delete(ANALYSES + "/" + id, TOKEN).statusCode());
    }

    @Test
    void unknownAndMalformedIdsAreAnsweredAsSuch() throws Exception {
        String unknown = "01a20107-0153-7033-b446-247a6ff7eac3";
        assertEquals(404, api.get(ANALYSES + "/" + unknown).statusCode());
        HttpResponse<String> abort = api.delete(ANALYSES + "/" + unknown, TOKEN);
        assertEquals(404, abort.statusCode());
        assertEquals("no analysis with id " + unknown, json(abort).get("message").asText());
        HttpResponse<String> bad = api.get(ANALYSES + "/not-an-id");
        assertEquals(400, bad.statusCode());
        assertEquals("'not-an-id' is not an analysis id (a UUID)", json(bad).get("message").asText());
    }

    @Test
    void theListIsNewestFirstFilteredByChecklistAndPaged() throws Exception {
        String first = started("{\"checklist\": \"site\", \"for\": \"10m\", \"interval\": \"5m\"}");
        Thread.sleep(5);
        String second = started("{\"checklist\": \"broken\", \"for\": \"10m\", \"interval\": \"5m\"}");
        Thread.sleep(5);
        String third = started("{\"checklist\": \"site\", \"for\": \"10m\", \"interval\": \"5m\"}");

        JsonNode page = json(api.get(ANALYSES + "?limit=2"));
        assertEquals(List.of(third, second), ids(page));
        assertEquals(List.of(first), ids(json(api.get(ANALYSES + "?limit=2&cursor=" + page.get("next").asText()))));
        assertEquals(List.of(third, first), ids(json(api.get(ANALYSES + "?checklist=site"))));
        assertEquals(400, api.get(ANALYSES + "?cursor=bogus!").statusCode());
        assertEquals(400, api.get(ANALYSES + "?sort=asc").statusCode());
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("analyses").forEach(a -> out.add(a.get("id").asText()));
        return out;
    }

    @Test
    void anAnalysisADeadReplicaLeftRunningEndsInErrorAtStart() throws Exception {
        api.close();
        String id = "01a20107-0153-7033-b446-247a6ff7eac3";
        Instant t0 = Instant.parse("2026-12-06T10:00:00Z");
        try (Database db = Database.sqlite(root.resolve("data"), Duration.ofSeconds(5))) {
            Migrations.apply(db);
            AnalysisStore store = new AnalysisStore(db);
            store.start(Analysis.started(id, new AnalysisSpec("site", Duration.ofMinutes(5), Duration.ofMinutes(1), 0, 0,
                    false), "ci", t0), "replica-gone");
            store.addMeasurement(id, new AnalysisMeasurement(1, t0.plusSeconds(60), null, null, GateResult.PASS, 100.0, "ok"));
        }

        api = new ApiTestSupport(root, TOKEN, 2, 8, Duration.ofSeconds(2));

        JsonNode end = json(api.get(ANALYSES + "/" + id));
        assertEquals("Error", end.get("phase").asText(), end.toString());
        assertEquals("the replica running it stopped after 1 of 5 measurements (replica replica-gone)",
                end.get("message").asText());
        assertTrue(api.get("/metrics").body().contains("smokegate_analyses_total{checklist=\"site\",phase=\"Error\"} 1.0"));
    }

    /** Stores an analysis the CLI ({@code gate --for}) is running, with one measurement taken, and restarts the API. */
    private String cliAnalysisRunning() throws Exception {
        api.close();
        String id = "01a20107-0153-7033-b446-247a6ff7eac4";
        Instant t0 = Instant.now().minusSeconds(60);
        try (Database db = Database.sqlite(root.resolve("data"), Duration.ofSeconds(5))) {
            Migrations.apply(db);
            AnalysisStore store = new AnalysisStore(db);
            store.start(Analysis.started(id, new AnalysisSpec("site", Duration.ofMinutes(5), Duration.ofMinutes(1), 0, 0,
                    false), "cli", t0), AnalysisStore.CLI_OWNER);
            store.addMeasurement(id, new AnalysisMeasurement(1, t0.plusSeconds(60), null, null, GateResult.PASS, 100.0, "ok"));
        }
        api = new ApiTestSupport(root, TOKEN, 2, 8, Duration.ofSeconds(2));
        return id;
    }

    @Test
    void anAnalysisTheCliIsRunningIsLeftRunningAtStart() throws Exception {
        String id = cliAnalysisRunning();
        JsonNode now = json(api.get(ANALYSES + "/" + id));
        assertEquals("Running", now.get("phase").asText(), now.toString());
        assertEquals("cli", now.get("startedBy").asText());
    }

    @Test
    void abortingAnAnalysisTheCliRunsEndsItAtOnceForTheCliToSee() throws Exception {
        String id = cliAnalysisRunning();
        HttpResponse<String> r = api.delete(ANALYSES + "/" + id, TOKEN);
        assertEquals(202, r.statusCode(), r.body());
        JsonNode end = json(api.get(ANALYSES + "/" + id));
        assertEquals("Error", end.get("phase").asText(), end.toString());
        assertEquals("aborted by default after 1 of 5 measurements", end.get("message").asText());
    }

    @Test
    void anAnalysisRunningAtShutdownEndsInErrorNeverLeftRunning() throws Exception {
        String id = started("{\"checklist\": \"site\", \"for\": \"10m\", \"interval\": \"5m\"}");

        api.close();
        api = new ApiTestSupport(root, TOKEN, 2, 8, Duration.ofSeconds(2));

        JsonNode end = json(api.get(ANALYSES + "/" + id));
        assertEquals("Error", end.get("phase").asText(), end.toString());
        assertEquals("the service stopped after 0 of 2 measurements", end.get("message").asText());
    }

    @Test
    void aFinishedAnalysisIsCountedByPhaseWithItsMeasurementOutcomes() throws Exception {
        awaitEnd(started("{\"checklist\": \"site\", \"for\": \"2s\", \"interval\": \"1s\"}"));

        String metrics = api.get("/metrics").body();

        for (String line : List.of(
                "smokegate_analyses_total{checklist=\"site\",phase=\"Successful\"} 1.0",
                "smokegate_analyses_total{checklist=\"site\",phase=\"Failed\"} 0.0",
                "smokegate_analyses_total{checklist=\"site\",phase=\"Error\"} 0.0",
                "smokegate_analyses_total{checklist=\"site\",phase=\"Inconclusive\"} 0.0",
                "smokegate_analyses_running{checklist=\"site\"} 0.0",
                "smokegate_analysis_measurements_total{checklist=\"site\",phase=\"Successful\"} 2.0",
                "smokegate_analysis_measurements_total{checklist=\"site\",phase=\"Failed\"} 0.0",
                "smokegate_analysis_measurements_total{checklist=\"site\",phase=\"Error\"} 0.0")) {
            assertTrue(metrics.lines().anyMatch(line::equals), line + " in\n" + metrics);
        }
    }

    @Test
    void aRunningAnalysisIsCountedAsRunning() throws Exception {
        started("{\"checklist\": \"broken\", \"for\": \"10m\", \"interval\": \"5m\"}");

        String metrics = api.get("/metrics").body();

        assertTrue(metrics.lines().anyMatch("smokegate_analyses_running{checklist=\"broken\"} 1.0"::equals), metrics);
    }

    @Test
    void aMeasurementWhoseRunTheFullQueueRefusedCountsAsNotJudgedNeverAsAPass() throws Exception {
        api.close();
        api = new ApiTestSupport(root, TOKEN, 1, 1, Duration.ofSeconds(1));
        api.checklist("slow.yaml", ApiTestSupport.httpChecklist("slow", target.url("/sleep/5000"), "10s"));
        String running = json(api.post("/api/v1/checklists/slow/runs", TOKEN)).get("runId").asText();
        api.awaitStatus(running, "running");
        assertEquals(202, api.post("/api/v1/checklists/slow/runs", TOKEN).statusCode(), "the one place in the queue taken");

        JsonNode end = awaitEnd(started("{\"checklist\": \"site\", \"for\": \"2s\", \"interval\": \"1s\"}"));

        assertEquals("Inconclusive", end.get("phase").asText(), end.toString());
        assertEquals("1 of 1 measurements could not be judged, more than the inconclusive limit (0)",
                end.get("message").asText());
        JsonNode m = end.at("/measurements/0");
        assertEquals(List.of("error", "Error", "the run was not accepted: run queue is full (1 waiting)"),
                List.of(m.get("result").asText(), m.get("phase").asText(), m.get("message").asText()));
        assertTrue(m.get("runId").isNull() && m.get("score").isNull(), m.toString());
    }

    /** Stops the SQLite service of the test; a fresh PostgreSQL database for replicas of its own. */
    private String onPostgres(String prefix) {
        api.close();
        api = null;
        return PostgresCluster.shared().newDatabase(prefix);
    }

    @Test
    void anAnalysisIsAbortedThroughAnyReplicaSharingTheDatabase() throws Exception {
        String database = onPostgres("analyses_api");
        try (ApiTestSupport a = new ApiTestSupport(root.resolve("a"), EVERY_SCOPE, database);
             ApiTestSupport b = new ApiTestSupport(root.resolve("b"), EVERY_SCOPE, database)) {
            a.checklist("site.yaml", gated("site", target.url("/ok")));
            HttpResponse<String> r = a.post(ANALYSES, TOKEN, "{\"checklist\": \"site\", \"for\": \"10m\", \"interval\": \"5m\"}");
            assertEquals(202, r.statusCode(), r.body());
            String id = json(r).get("id").asText();

            assertEquals(202, b.delete(ANALYSES + "/" + id, TOKEN).statusCode());
            long asked = System.nanoTime();

            JsonNode end = null;
            while (System.nanoTime() - asked < Duration.ofSeconds(5).toNanos()) {
                end = json(b.get(ANALYSES + "/" + id, TOKEN));
                if (!"Running".equals(end.get("phase").asText())) {
                    break;
                }
                Thread.sleep(50);
            }
            assertTrue(System.nanoTime() - asked < Duration.ofSeconds(2).toNanos(), "stopped within 2 s: " + end);
            assertEquals("Error", end.get("phase").asText());
            assertEquals("aborted by default after 0 of 2 measurements", end.get("message").asText());
        }
    }

    @Test
    void abortingAnAnalysisWhoseReplicaDiedAfterThisOneStartedEndsItAtOnce() throws Exception {
        String database = onPostgres("analyses_dead");
        try (ApiTestSupport alive = new ApiTestSupport(root.resolve("alive"), EVERY_SCOPE, database)) {
            String id = "01a20107-0153-7033-b446-247a6ff7eac3";
            // Recorded by a replica that died after this one's start-up looked for dead replicas' analyses.
            try (Database db = Database.postgres(database, PostgresCluster.USER, null)) {
                new AnalysisStore(db).start(Analysis.started(id, new AnalysisSpec("site", Duration.ofMinutes(5),
                        Duration.ofMinutes(1), 0, 0, false), "ci", Instant.now()), "replica-gone");
            }

            HttpResponse<String> r = alive.delete(ANALYSES + "/" + id, TOKEN);

            assertEquals(202, r.statusCode(), r.body());
            assertEquals("Error", json(r).get("phase").asText());
            assertEquals("aborted by default after 0 of 5 measurements; the replica running it had stopped",
                    json(r).get("message").asText());
            assertEquals("Error", json(alive.get(ANALYSES + "/" + id, TOKEN)).get("phase").asText());
        }
    }
}
