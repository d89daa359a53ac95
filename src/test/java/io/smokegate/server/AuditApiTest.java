package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.httpChecklist;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.testing.TargetServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail through the real API: every change names the token that made it. */
class AuditApiTest {

    @TempDir
    Path root;

    private final TargetServer target = new TargetServer();
    private ApiTestSupport api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiTestSupport(root, AuthTest.TOKENS);
        api.checklist("ok.yaml", httpChecklist("ok", target.url("/ok"), "5s"));
    }

    @AfterEach
    void stop() {
        api.close();
        target.close();
    }

    private JsonNode events(String query) throws Exception {
        HttpResponse<String> r = api.get("/api/v1/audit" + query, AuthTest.OPS);
        assertEquals(200, r.statusCode(), r.body());
        return json(r).get("events");
    }

    @Test
    void aRunStartedThroughTheApiIsRecordedWithTheNameOfItsToken() throws Exception {
        String runId = json(api.post("/api/v1/checklists/ok/runs?wait=true", AuthTest.CI)).get("runId").asText();

        JsonNode event = events("?target=" + runId).get(0);

        assertEquals("ci", event.get("actor").asText());
        assertEquals("run.start", event.get("action").asText());
        assertEquals("ok", event.get("detail").get("checklist").asText());
        assertEquals("api", event.get("detail").get("trigger").asText());
    }

    @Test
    void aScheduleChangeAndItsRemovalAreRecordedWithTheSchedule() throws Exception {
        assertEquals(200, api.put("/api/v1/checklists/ok/schedule", AuthTest.OPS, "{\"every\": \"5m\"}").statusCode());
        assertEquals(204, api.request("DELETE", "/api/v1/checklists/ok/schedule", AuthTest.OPS).statusCode());

        JsonNode trail = events("?actor=ops");

        assertEquals("schedule.clear", trail.get(0).get("action").asText());
        assertEquals("schedule.set", trail.get(1).get("action").asText());
        assertEquals("ok", trail.get(1).get("target").asText());
        assertEquals("5m", trail.get(1).get("detail").get("every").asText());
    }

    @Test
    void aGateIsRecordedWithItsVerdictAndTheRunItJudged() throws Exception {
        api.checklist("gated.yaml", """
                apiVersion: smokegate.io/v1
                kind: Checklist
                metadata: {name: gated}
                spec:
                  checks: [{id: home, type: http, with: {url: "%s"}}]
                  slo:
                    objectives:
                      - {name: home-up, sli: "check.success{id=home}", pass: "=1", key: true}
                """.formatted(target.url("/ok")));
        JsonNode answer = json(api.post("/api/v1/gates", AuthTest.CI, "{\"checklist\": \"gated\"}"));

        JsonNode event = events("?target=" + answer.get("verdict").get("id").asText()).get(0);

        assertEquals("ci", event.get("actor").asText());
        assertEquals("gate.evaluate", event.get("action").asText());
        assertEquals(answer.get("runId").asText(), event.get("detail").get("runId").asText());
        assertEquals("pass", event.get("detail").get("result").asText());
    }

    @Test
    void onlyAnAdminTokenMayReadTheTrail() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/audit", AuthTest.VIEWER);

        assertEquals(403, r.statusCode());
        assertEquals("token 'viewer' lacks scope 'admin' needed for GET /api/v1/audit", json(r).get("message").asText());
    }
}
