package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.httpChecklist;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smokegate.testing.TargetServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTest {

    /** A checklist whose one check has a misspelt type, at line 6. */
    private static final String BROKEN = """
            apiVersion: smokegate.io/v1
            kind: Checklist
            metadata: {name: broken}
            spec:
              checks:
                - {id: a, type: htp, with: {url: "http://x"}}
            """;

    @TempDir
    Path root;

    TargetServer target;
    ApiTestSupport api;

    @BeforeEach
    void start() throws Exception {
        target = new TargetServer();
        api = new ApiTestSupport(root, TOKEN, 1, 1, Duration.ofSeconds(5));
        api.checklist("ok.yaml", httpChecklist("ok", target.url("/ok"), "5s"));
        api.checklist("failing.yaml", httpChecklist("failing", target.url("/fail"), "5s"));
        api.checklist("slow.yaml", httpChecklist("slow", target.url("/sleep/2000"), "10s"));
    }

    @AfterEach
    void stop() {
        api.close();
        target.close();
    }

    @Test
    void healthzAnswersOk() throws Exception {
        HttpResponse<String> r = api.get("/healthz");
        assertEquals(200, r.statusCode());
        assertEquals("ok", json(r).get("status").asText());
    }

    @Test
    void readyzIsReadyWhenDatabaseAndChecklistsAreThere() throws Exception {
        assertEquals(200, api.get("/readyz").statusCode());
    }

    @Test
    void readyzIsNotReadyWhenTheChecklistDirectoryIsGone() throws Exception {
        try (var files = Files.list(api.checklists)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(api.checklists);
        HttpResponse<String> r = api.get("/readyz");
        assertEquals(503, r.statusCode());
        assertTrue(json(r).get("reason").asText().startsWith("checklists:"), r.body());
    }

    @Test
    void checklistListingShowsInvalidFilesWithTheirPositions() throws Exception {
        api.checklist("broken.yaml", BROKEN);
        JsonNode body = json(api.get("/api/v1/checklists"));
        List<String> names = new ArrayList<>();
        body.get("checklists").forEach(c -> names.add(c.get("name").asText()));
        assertEquals(List.of("failing", "ok", "slow"), names);
        JsonNode invalid = body.get("invalid").get(0);
        assertEquals("broken.yaml", invalid.get("file").asText());
        String problem = invalid.get("problems").get(0).asText();
        assertTrue(problem.contains("broken.yaml:6:") && problem.contains("did you mean 'http'?"), problem);
    }

    @Test
    void runningAnInvalidChecklistIsUnprocessableListingItsProblems() throws Exception {
        api.checklist("broken.yaml", BROKEN);
        HttpResponse<String> r = api.post("/api/v1/checklists/broken/runs", TOKEN);
        assertEquals(422, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals("invalid_checklist", body.get("error").asText());
        assertTrue(body.get("message").asText().startsWith("checklist 'broken' (broken.yaml) is invalid; fix it to run it: "),
                r.body());
        String problem = body.get("problems").get(0).asText();
        assertTrue(problem.contains("broken.yaml:6:") && problem.contains("did you mean 'http'?"), problem);
        assertEquals(404, api.post("/api/v1/checklists/absent/runs", TOKEN).statusCode(), "no file at all is still 404");
    }

    @Test
    void everyListEndpointHasTheSameLimitMaximum() throws Exception {
        for (String list : List.of("/api/v1/runs", "/api/v1/gates", "/api/v1/alerts")) {
            assertEquals(200, api.get(list + "?limit=" + Limits.MAX).statusCode(), list);
            HttpResponse<String> over = api.get(list + "?limit=" + (Limits.MAX + 1));
            assertEquals(400, over.statusCode(), list);
            assertEquals("limit must be a number from 1 to 500", json(over).get("message").asText(), list);
        }
    }

    @Test
    void checklistDetailDoesNotRevealCheckParameters() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/checklists/ok");
        assertEquals(200, r.statusCode());
        assertEquals("probe", json(r).get("checks").get(0).get("id").asText());
        assertFalse(r.body().contains(target.url("/ok")), r.body());
    }

    @Test
    void unknownChecklistIsNotFound() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/checklists/nope/runs", TOKEN);
        assertEquals(404, r.statusCode());
        assertEquals("not_found", json(r).get("error").asText());
    }

    @Test
    void startingARunWithoutATokenIsUnauthorizedWithABearerChallenge() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/checklists/ok/runs", null);
        assertEquals(401, r.statusCode());
        assertEquals("Bearer realm=\"smokegate\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(0, target.requests());
    }

    @Test
    void startingARunWithAWrongTokenIsUnauthorized() throws Exception {
        assertEquals(401, api.post("/api/v1/checklists/ok/runs", TOKEN + "x").statusCode());
    }

    @Test
    void waitTrueAnswersTheFinishedReportWhichIsAlsoStored() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/checklists/ok/runs?wait=true", TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode report = json(r);
        assertEquals("passed", report.get("status").asText());
        assertEquals("api", report.get("trigger").asText());
        assertEquals("probe", report.get("checks").get(0).get("id").asText());
        JsonNode stored = json(api.get("/api/v1/runs/" + report.get("runId").asText()));
        assertEquals(report.get("checks").get(0).get("message"), stored.get("checks").get(0).get("message"));
        assertEquals("passed", stored.get("status").asText());
    }

    @Test
    void startAnswersAcceptedWithLocationAndTheRunCanBeWatchedToTheEnd() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/checklists/failing/runs", TOKEN);
        assertEquals(202, r.statusCode());
        String runId = json(r).get("runId").asText();
        assertEquals("/api/v1/runs/" + runId, r.headers().firstValue("Location").orElseThrow());
        JsonNode finished = api.awaitFinished(runId);
        assertEquals("failed", finished.get("status").asText());
        assertTrue(finished.get("checks").get(0).get("message").asText().contains("status 500"));
    }

    @Test
    void aRunInProgressShowsItsProgress() throws Exception {
        String runId = json(api.post("/api/v1/checklists/slow/runs", TOKEN)).get("runId").asText();
        Thread.sleep(300);
        JsonNode running = json(api.get("/api/v1/runs/" + runId));
        assertEquals("running", running.get("status").asText());
        assertEquals(1, running.get("progress").get("total").asInt());
        JsonNode listed = json(api.get("/api/v1/runs?status=running"));
        assertEquals(runId, listed.get("runs").get(0).get("runId").asText());
    }

    @Test
    void aFullRunQueueAnswers429WithRetryAfter() throws Exception {
        assertEquals(202, api.post("/api/v1/checklists/slow/runs", TOKEN).statusCode());
        Thread.sleep(200);
        assertEquals(202, api.post("/api/v1/checklists/slow/runs", TOKEN).statusCode());
        HttpResponse<String> rejected = api.post("/api/v1/checklists/slow/runs", TOKEN);
        assertEquals(429, rejected.statusCode(), rejected.body());
        assertTrue(Integer.parseInt(rejected.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals("queue_full", json(rejected).get("error").asText());
    }

    @Test
    void cancellingARunningRunStoresItAsAborted() throws Exception {
        String runId = json(api.post("/api/v1/checklists/slow/runs", TOKEN)).get("runId").asText();
        Thread.sleep(300);
        HttpResponse<String> r = api.delete("/api/v1/runs/" + runId, TOKEN);
        assertEquals(202, r.statusCode(), r.body());
        JsonNode finished = api.awaitFinished(runId);
        assertEquals("aborted", finished.get("status").asText());
        assertTrue(finished.get("checks").get(0).get("message").asText().contains("cancelled"));
    }

    @Test
    void cancellingAFinishedRunIsAConflict() throws Exception {
        String runId = json(api.post("/api/v1/checklists/ok/runs?wait=true", TOKEN)).get("runId").asText();
        HttpResponse<String> r = api.delete("/api/v1/runs/" + runId, TOKEN);
        assertEquals(409, r.statusCode());
        assertTrue(json(r).get("message").asText().contains("already finished"));
    }

    @Test
    void anUnknownRunIsNotFound() throws Exception {
        assertEquals(404, api.get("/api/v1/runs/01a20107-0153-7033-b446-247a6ff7eac3").statusCode());
        assertEquals(404, api.delete("/api/v1/runs/01a20107-0153-7033-b446-247a6ff7eac3", TOKEN).statusCode());
    }

    @Test
    void aMalformedRunIdIsABadRequest() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/runs/..%2F..%2Fetc%2Fpasswd");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).get("message").asText().contains("not a run id"));
    }

    @Test
    void runsAreListedNewestFirstInPages() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(json(api.post("/api/v1/checklists/ok/runs?wait=true", TOKEN)).get("runId").asText());
        }
        api.post("/api/v1/checklists/failing/runs?wait=true", TOKEN);
        JsonNode first = json(api.get("/api/v1/runs?checklist=ok&limit=2"));
        assertEquals(ids.get(2), first.get("runs").get(0).get("runId").asText());
        assertEquals(ids.get(1), first.get("runs").get(1).get("runId").asText());
        JsonNode second = json(api.get("/api/v1/runs?checklist=ok&limit=2&cursor=" + first.get("next").asText()));
        assertEquals(ids.get(0), second.get("runs").get(0).get("runId").asText());
        assertTrue(second.get("next").isNull());
        JsonNode failed = json(api.get("/api/v1/runs?status=failed"));
        assertEquals(1, failed.get("runs").size());
        assertEquals("failing", failed.get("runs").get(0).get("checklist").asText());
    }

    @Test
    void badListParametersAreRejectedNamingTheParameter() throws Exception {
        assertBadRequest("/api/v1/runs?limit=0", "limit");
        assertBadRequest("/api/v1/runs?limit=ten", "limit");
        assertBadRequest("/api/v1/runs?status=weird", "status");
        assertBadRequest("/api/v1/runs?since=yesterday", "since");
        assertBadRequest("/api/v1/runs?colour=red", "colour");
        assertBadRequest("/api/v1/runs?cursor=bm90LWEtY3Vyc29y", "cursor");
    }

    private void assertBadRequest(String path, String named) throws Exception {
        HttpResponse<String> r = api.get(path);
        assertEquals(400, r.statusCode(), path);
        assertTrue(json(r).get("message").asText().contains(named), r.body());
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        HttpResponse<String> r = api.put("/api/v1/checklists/ok/schedule", TOKEN, "{\"every\":\"" + "x".repeat(20_000) + "\"}");
        assertEquals(413, r.statusCode());
        assertEquals("payload_too_large", json(r).get("error").asText());
    }

    @Test
    void aRunRequestCannotCarryTargetsOfItsOwn() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/checklists/ok/runs", TOKEN, "{\"url\":\"http://169.254.169.254/\"}");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).get("message").asText().contains("only checklists stored on the server"));
    }

    @Test
    void malformedJsonToTheScheduleEndpointIsABadRequest() throws Exception {
        HttpResponse<String> r = api.put("/api/v1/checklists/ok/schedule", TOKEN, "{\"every\": ");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).get("message").asText().startsWith("request body is not valid JSON"));
    }

    @Test
    void invalidSchedulesAreRejectedNamingTheField() throws Exception {
        HttpResponse<String> cron = api.put("/api/v1/checklists/ok/schedule", TOKEN, "{\"cron\": \"61 * * * *\"}");
        assertEquals(400, cron.statusCode());
        assertTrue(json(cron).get("message").asText().contains("minute"), cron.body());
        HttpResponse<String> unknown = api.put("/api/v1/checklists/ok/schedule", TOKEN, "{\"evry\": \"5m\"}");
        assertEquals(400, unknown.statusCode());
        assertTrue(json(unknown).get("message").asText().contains("evry"));
        HttpResponse<String> tooOften = api.put("/api/v1/checklists/ok/schedule", TOKEN, "{\"every\": \"1s\"}");
        assertEquals(400, tooOften.statusCode());
    }

    @Test
    void aScheduleSetThroughTheApiIsListedAndCanBeRemoved() throws Exception {
        HttpResponse<String> put = api.put("/api/v1/checklists/slow/schedule", TOKEN,
                "{\"cron\": \"0 3 * * *\", \"timezone\": \"Europe/Berlin\"}");
        assertEquals(200, put.statusCode(), put.body());
        JsonNode listed = awaitSchedule("slow");
        assertEquals("api", listed.get("source").asText());
        assertEquals("0 3 * * *", listed.get("schedule").get("cron").asText());
        assertNotNull(listed.get("nextRunAt").asText());
        assertEquals(204, api.delete("/api/v1/checklists/slow/schedule", TOKEN).statusCode());
        assertEquals(404, api.delete("/api/v1/checklists/slow/schedule", TOKEN).statusCode());
    }

    @Test
    void aScheduleChangeThroughThisReplicaIsListedAtOnce() throws Exception {
        assertEquals(200, api.put("/api/v1/checklists/slow/schedule", TOKEN, "{\"every\": \"1h\"}").statusCode());
        assertEquals("1h", listedSchedule("slow").get("schedule").get("every").asText(), "listed in the PUT's wake");
        assertEquals(200, api.put("/api/v1/checklists/slow/schedule", TOKEN, "{\"cron\": \"0 3 * * *\"}").statusCode());
        assertEquals("0 3 * * *", listedSchedule("slow").get("schedule").get("cron").asText());
        assertEquals(204, api.delete("/api/v1/checklists/slow/schedule", TOKEN).statusCode());
        assertNull(listedSchedule("slow"), "a deleted override is gone at once");
        assertEquals(200, api.put("/api/v1/checklists/slow/schedule", TOKEN, "{\"enabled\": false}").statusCode());
        assertFalse(listedSchedule("slow").get("enabled").asBoolean());
    }

    /** The row of GET /api/v1/schedules for a checklist, read once (no waiting), or null. */
    private JsonNode listedSchedule(String checklist) throws Exception {
        for (JsonNode s : json(api.get("/api/v1/schedules")).get("schedules")) {
            if (s.get("checklist").asText().equals(checklist)) {
                return s;
            }
        }
        return null;
    }

    private JsonNode awaitSchedule(String checklist) throws Exception {
        for (int i = 0; i < 50; i++) {
            for (JsonNode s : json(api.get("/api/v1/schedules")).get("schedules")) {
                if (s.get("checklist").asText().equals(checklist)) {
                    return s;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("schedule of " + checklist + " never listed");
    }

    @Test
    void unknownEndpointsAndMethodsAnswerJsonErrors() throws Exception {
        HttpResponse<String> missing = api.get("/api/v1/nothing-here");
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", json(missing).get("error").asText());
        HttpResponse<String> method = api.put("/api/v1/runs", TOKEN, "{}");
        assertEquals(405, method.statusCode());
        assertEquals("method_not_allowed", json(method).get("error").asText());
    }

    @Test
    void metricsExposeTheSeriesOfFinishedRuns() throws Exception {
        api.post("/api/v1/checklists/ok/runs?wait=true", TOKEN);
        HttpResponse<String> r = api.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(r.body().contains("smokegate_check_success{check=\"probe\",checklist=\"ok\",type=\"http\"} 1"), r.body());
        assertTrue(r.body().contains("smokegate_runs_total{checklist=\"ok\",status=\"passed\"} 1"), r.body());
    }
}
