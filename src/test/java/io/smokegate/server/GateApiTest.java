package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.testing.Ports;
import io.smokegate.testing.TargetServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateApiTest {

    @TempDir
    Path root;

    TargetServer target;
    ApiTestSupport api;

    @BeforeEach
    void start() throws Exception {
        target = new TargetServer();
        api = new ApiTestSupport(root, TOKEN, 2, 4, Duration.ofSeconds(2));
        api.checklist("site.yaml", gated("site", target.url("/ok"), ""));
        api.checklist("broken.yaml", gated("broken", target.url("/fail"), ""));
    }

    @AfterEach
    void stop() {
        api.close();
        target.close();
    }

    static String gated(String name, String url, String moreObjectives) {
        return """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: %s}
                spec:
                  checks: [{id: home, type: http, with: {url: "%s"}}]
                  slo:
                    availability: 99.5%%
                    objectives:
                      - {name: home-up, sli: "check.success{id=home}", pass: "=1", key: true}
                """.formatted(name, url) + moreObjectives;
    }

    private HttpResponse<String> gate(String body) throws Exception {
        return api.post("/api/v1/gates", TOKEN, body);
    }

    @Test
    void gatingAChecklistRunsItAndAnswersTheVerdict() throws Exception {
        HttpResponse<String> r = gate("{\"checklist\": \"site\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals("passed", body.get("status").asText());
        assertEquals("gate", body.get("trigger").asText());
        assertEquals("pass", body.at("/verdict/result").asText());
        assertEquals(100, body.at("/verdict/score").asDouble());
        assertEquals("home-up", body.at("/slo/objectives/0/name").asText());
        assertEquals("/api/v1/gates/" + body.at("/verdict/id").asText(), r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aFailedGateIsStillAnAnswerWithTheVerdictInTheBody() throws Exception {
        HttpResponse<String> r = gate("{\"checklist\": \"broken\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("fail", json(r).at("/verdict/result").asText());
        assertTrue(json(r).at("/verdict/message").asText().startsWith("key objective 'home-up' failed"), r.body());
    }

    @Test
    void aStoredRunIsJudgedByItsChecklistsSlo() throws Exception {
        String runId = json(api.post("/api/v1/checklists/site/runs?wait=true", TOKEN)).get("runId").asText();
        HttpResponse<String> r = gate("{\"runId\": \"" + runId + "\", \"window\": \"1h\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(runId, json(r).get("runId").asText());
        assertEquals("pass", json(r).at("/verdict/result").asText());
    }

    @Test
    void aStoredVerdictIsAnsweredAsStoredAndListed() throws Exception {
        String first = json(gate("{\"checklist\": \"site\"}")).at("/verdict/id").asText();
        String second = json(gate("{\"checklist\": \"broken\"}")).at("/verdict/id").asText();
        JsonNode stored = json(api.get("/api/v1/gates/" + first));
        assertEquals("site", stored.get("checklist").asText());
        assertEquals("pass", stored.at("/verdict/result").asText());
        JsonNode all = json(api.get("/api/v1/gates"));
        assertEquals(second, all.at("/gates/0/id").asText());
        assertEquals(first, all.at("/gates/1/id").asText());
        JsonNode site = json(api.get("/api/v1/gates?checklist=site&limit=5"));
        assertEquals(1, site.get("gates").size());
        assertEquals(404, api.get("/api/v1/gates/01a20107-0153-7033-b446-247a6ff7eac3").statusCode());
        assertEquals(400, api.get("/api/v1/gates/not-an-id").statusCode());
        assertEquals(400, api.get("/api/v1/gates?limit=0").statusCode());
        assertEquals(400, api.get("/api/v1/gates?sort=asc").statusCode());
    }

    @Test
    void gatesAreExportedAsMetrics() throws Exception {
        gate("{\"checklist\": \"site\"}");
        String metrics = api.get("/metrics").body();
        assertTrue(metrics.contains("smokegate_gate_verdict{checklist=\"site\",verdict=\"pass\"} 1.0"), metrics);
        assertTrue(metrics.contains("smokegate_gate_verdict{checklist=\"site\",verdict=\"fail\"} 0.0"), metrics);
        assertTrue(metrics.contains("smokegate_gates_total{checklist=\"site\",verdict=\"pass\"} 1.0"), metrics);
        assertTrue(metrics.contains("smokegate_gate_score_ratio{checklist=\"site\"} 1.0"), metrics);
        assertTrue(metrics.contains("smokegate_slo_objective_ratio{checklist=\"site\"} 0.995"), metrics);
    }

    @Test
    void anUnknownRunIsNotFound() throws Exception {
        HttpResponse<String> r = gate("{\"runId\": \"01a20107-0153-7033-b446-247a6ff7eac3\"}");
        assertEquals(404, r.statusCode());
        assertEquals("no run with id 01a20107-0153-7033-b446-247a6ff7eac3", json(r).get("message").asText());
    }

    @Test
    void anUnknownChecklistIsNotFound() throws Exception {
        assertEquals(404, gate("{\"checklist\": \"nope\"}").statusCode());
    }

    @Test
    void malformedRequestsAreBadRequestsThatSayWhy() throws Exception {
        assertBad("{\"checklist\": \"site\", \"runId\": \"01a20107-0153-7033-b446-247a6ff7eac3\"}",
                "give exactly one of checklist (run it now) and runId (a stored run)");
        assertBad("{}", "give exactly one of checklist (run it now) and runId (a stored run)");
        assertBad("{\"checklist\": \"site\", \"prometheus\": \"http://evil\"}",
                "unknown field 'prometheus' (known: checklist, runId, window)");
        assertBad("{\"runId\": \"../etc\"}", "runId '../etc' is not a run id (a UUID)");
        assertBad("{\"checklist\": \"site\", \"window\": \"forever\"}", "window 'forever' is not a duration of at least 1s");
        assertBad("{\"checklist\": 7}", "checklist must be a string");
        assertBad("[\"site\"]", "expected a JSON object such as {\"checklist\": \"goproxy-public\"}");
        assertBad("{\"checklist\": ", "request body is not valid JSON");
        assertEquals(0, target.requests());
    }

    @Test
    void anEmptyBodyIsABadRequestShowingWhatToSend() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/gates", TOKEN);

        assertEquals(400, r.statusCode(), r.body());
        assertEquals("request body is empty; send a JSON object such as {\"checklist\": \"goproxy-public\"}",
                json(r).get("message").asText());
    }

    @Test
    void aBodyWithAFieldTwiceIsABadRequestNamingTheField() throws Exception {
        HttpResponse<String> r = gate("{\"checklist\": \"site\", \"checklist\": \"broken\"}");

        assertEquals(400, r.statusCode(), r.body());
        assertEquals("request body has the field 'checklist' more than once", json(r).get("message").asText());
        assertEquals(0, target.requests());
    }

    private void assertBad(String body, String message) throws Exception {
        HttpResponse<String> r = gate(body);
        assertEquals(400, r.statusCode(), body);
        assertTrue(json(r).get("message").asText().startsWith(message), r.body());
    }

    @Test
    void aChecklistWithoutSloIsUnprocessableAndNothingRuns() throws Exception {
        api.checklist("plain.yaml", ApiTestSupport.httpChecklist("plain", target.url("/ok"), "5s"));
        HttpResponse<String> r = gate("{\"checklist\": \"plain\"}");
        assertEquals(422, r.statusCode());
        assertEquals("checklist 'plain' declares no SLO; add spec.slo.objectives to gate on it", json(r).get("message").asText());
        assertEquals(0, target.requests());
    }

    @Test
    void promqlObjectivesWithoutAConfiguredPrometheusAreUnprocessable() throws Exception {
        api.checklist("prom.yaml", gated("prom", target.url("/ok"), "      - {name: up, promql: up, pass: \">=1\"}\n"));
        HttpResponse<String> r = gate("{\"checklist\": \"prom\"}");
        assertEquals(422, r.statusCode());
        assertTrue(json(r).get("message").asText().contains("use promql: give --prometheus URL"), r.body());
    }

    @Test
    void anUnreachablePrometheusAnswers503WithAnErrorVerdict() throws Exception {
        int port = Ports.free();
        try (ApiTestSupport withPrometheus = new ApiTestSupport(root.resolve("p"), TOKEN, 1, 2, Duration.ofSeconds(2),
                "http://127.0.0.1:" + port)) {
            withPrometheus.checklist("prom.yaml", gated("prom", target.url("/ok"), "      - {name: up, promql: up, pass: \">=1\"}\n"));
            HttpResponse<String> r = withPrometheus.post("/api/v1/gates", TOKEN, "{\"checklist\": \"prom\"}");
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("error", json(r).at("/verdict/result").asText());
            assertEquals("cannot connect to Prometheus at http://127.0.0.1:" + port + ": connection refused; nothing was"
                    + " judged (no score)", json(r).at("/verdict/message").asText());
        }
    }

    @Test
    void anErrorVerdictHasNoScoreAnywhere() throws Exception {
        try (ApiTestSupport withPrometheus = new ApiTestSupport(root.resolve("p"), TOKEN, 1, 2, Duration.ofSeconds(2),
                "http://127.0.0.1:" + Ports.free())) {
            // Half the objectives pass: a score would read 50 although nothing was judged.
            withPrometheus.checklist("prom.yaml", gated("prom", target.url("/ok"), "      - {name: up, promql: up, pass: \">=1\"}\n"));
            JsonNode answered = json(withPrometheus.post("/api/v1/gates", TOKEN, "{\"checklist\": \"prom\"}"));
            assertTrue(answered.at("/verdict/score").isNull(), answered.at("/verdict").toString());
            JsonNode stored = json(withPrometheus.get("/api/v1/gates/" + answered.at("/verdict/id").asText()));
            assertTrue(stored.at("/verdict/score").isNull(), stored.toString());
            JsonNode listed = json(withPrometheus.get("/api/v1/gates"));
            assertEquals("error", listed.at("/gates/0/result").asText());
            assertTrue(listed.at("/gates/0/score").isNull(), listed.toString());
            assertTrue(withPrometheus.get("/metrics").body().contains("smokegate_gate_score_ratio{checklist=\"prom\"} NaN"));
        }
    }

    @Test
    void gatingARunStillInProgressIsAConflictToRetry() throws Exception {
        api.checklist("slow.yaml", gated("slow", target.url("/sleep/3000"), ""));
        String runId = json(api.post("/api/v1/checklists/slow/runs", TOKEN)).get("runId").asText();
        api.awaitStatus(runId, "running");
        HttpResponse<String> r = gate("{\"runId\": \"" + runId + "\"}");
        assertEquals(409, r.statusCode(), r.body());
        assertEquals("run_in_progress", json(r).get("error").asText());
        assertEquals("run " + runId + " is still running; gate it once it has finished", json(r).get("message").asText());
        assertEquals("5", r.headers().firstValue("Retry-After").orElseThrow());
        api.awaitFinished(runId);
        assertEquals(200, gate("{\"runId\": \"" + runId + "\"}").statusCode(), "the same request once it has finished");
    }

    @Test
    void gatingNeedsTheToken() throws Exception {
        assertEquals(401, api.post("/api/v1/gates", null, "{\"checklist\": \"site\"}").statusCode());
        assertEquals(401, api.post("/api/v1/gates", "wrong-token", "{\"checklist\": \"site\"}").statusCode());
        assertEquals(0, target.requests());
    }
}
