package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.httpChecklist;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckStatus;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.store.Database;
import io.smokegate.store.RunStore;
import io.smokegate.testing.TargetServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLifecycleTest {

    @TempDir
    Path root;

    @Test
    void shutdownStoresTheRunningAndTheQueuedRunAsAborted() throws Exception {
        String running;
        String queued;
        try (TargetServer target = new TargetServer();
             ApiTestSupport api = new ApiTestSupport(root, TOKEN, 1, 4, Duration.ofMillis(300))) {
            api.checklist("slow.yaml", httpChecklist("slow", target.url("/sleep/5000"), "10s"));
            running = json(api.post("/api/v1/checklists/slow/runs", TOKEN)).get("runId").asText();
            queued = json(api.post("/api/v1/checklists/slow/runs", TOKEN)).get("runId").asText();
            Thread.sleep(300);
            long start = System.nanoTime();
            api.close();
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4000, "shutdown waited for the slow run");
        }
        try (Database db = Database.sqlite(root.resolve("data"), Duration.ofSeconds(1))) {
            RunStore store = new RunStore(db, CheckRegistry.standard());
            RunReport cut = store.find(running).orElseThrow();
            assertEquals(RunStatus.ABORTED, cut.status());
            assertEquals(CheckStatus.ERROR, cut.checks().get(0).status());
            assertTrue(cut.checks().get(0).message().contains("the service shut down"), cut.checks().get(0).message());
            RunReport never = store.find(queued).orElseThrow();
            assertEquals(RunStatus.ABORTED, never.status());
            assertEquals(CheckStatus.SKIPPED, never.checks().get(0).status());
            assertTrue(never.checks().get(0).message().contains("before the run started"));
        }
    }

    @Test
    void mutatingCallsAreForbiddenWhenNoTokenIsConfigured() throws Exception {
        try (TargetServer target = new TargetServer();
             ApiTestSupport api = new ApiTestSupport(root, null, 1, 1, Duration.ofSeconds(1))) {
            api.checklist("ok.yaml", httpChecklist("ok", target.url("/ok"), "5s"));
            HttpResponse<String> r = api.post("/api/v1/checklists/ok/runs", "anything");
            assertEquals(403, r.statusCode());
            assertTrue(json(r).get("message").asText().contains("SMOKEGATE_API_TOKEN"));
            assertEquals(200, api.get("/api/v1/checklists").statusCode());
        }
    }

    @Test
    void readinessTurnsUnavailableWhileStopping() throws Exception {
        try (ApiTestSupport api = new ApiTestSupport(root, TOKEN, 1, 1, Duration.ofSeconds(1))) {
            api.app.api().markStopping();
            assertEquals(503, api.get("/readyz").statusCode());
        }
    }
}
