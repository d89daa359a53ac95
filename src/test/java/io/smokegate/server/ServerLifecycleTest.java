package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static io.smokegate.server.ApiTestSupport.httpChecklist;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.kube.Clusters;
import io.smokegate.config.AppConfig;
import io.smokegate.config.AuthConfig;
import io.smokegate.kube.KubeSettings;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.store.Database;
import io.smokegate.store.RunStore;
import io.smokegate.testing.TargetServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
             ApiTestSupport api = new ApiTestSupport(root, new AuthConfig(List.of(), true))) {
            api.checklist("ok.yaml", httpChecklist("ok", target.url("/ok"), "5s"));
            HttpResponse<String> r = api.post("/api/v1/checklists/ok/runs", "anything");
            assertEquals(403, r.statusCode());
            assertTrue(json(r).get("message").asText().contains("SMOKEGATE_API_TOKEN"));
            assertEquals(200, api.get("/api/v1/checklists").statusCode());
        }
    }

    @Test
    void withoutATokenReadsAreRefusedTooSayingHowToAddOne() throws Exception {
        try (ApiTestSupport api = new ApiTestSupport(root, AuthConfig.NONE)) {
            HttpResponse<String> r = api.get("/api/v1/runs", null);
            assertEquals(403, r.statusCode());
            assertEquals("no API token is configured, so GET /api/v1/runs is refused: set SMOKEGATE_API_TOKEN (one token "
                    + "with every scope), or name tokens with scopes under auth.tokens in the config file",
                    json(r).get("message").asText());
            assertEquals(200, api.get("/healthz", null).statusCode());
            assertEquals(200, api.get("/readyz", null).statusCode());
            assertEquals(200, api.get("/metrics", null).statusCode());
        }
    }

    @Test
    void serveWarnsAtStartWhenNoTokenIsConfigured() throws Exception {
        List<String> warnings = warningsWhileStarting(AuthConfig.NONE);
        assertEquals(List.of("no API token is configured: the API serves only health, readiness and metrics to anyone, "
                + "and refuses everything else; to use it, set SMOKEGATE_API_TOKEN (one token with every scope), or name "
                + "tokens with scopes under auth.tokens in the config file"), warnings);
    }

    @Test
    void serveStartsWithoutWarningsWhenATokenIsConfiguredAndReadsNeedOne() throws Exception {
        assertEquals(List.of(), warningsWhileStarting(AuthConfig.singleToken(TOKEN)));
    }

    @Test
    void anonymousReadsOnANonLoopbackHostAreWarnedAbout() {
        AuthConfig open = AuthConfig.singleToken(TOKEN).withAnonymousRead(true);
        assertEquals(List.of("auth.anonymousRead is true and the API listens on 0.0.0.0, not only on loopback: run "
                + "reports, checklists, gate verdicts and alerts are readable by anyone who can reach it; set "
                + "auth.anonymousRead to false (or SMOKEGATE_ANONYMOUS_READ=false) and give readers a token with scope "
                + "'read'"), BearerAuth.startupWarnings(open, "0.0.0.0"));
        assertEquals(List.of(), BearerAuth.startupWarnings(open, "127.0.0.1"));
        assertEquals(List.of(), BearerAuth.startupWarnings(open, "::1"));
    }

    /** The warnings {@code serve} logs while starting with these tokens on 127.0.0.1. */
    private List<String> warningsWhileStarting(AuthConfig auth) throws Exception {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ServerApp.class.getName());
        logger.addHandler(capture);
        try (ApiTestSupport api = new ApiTestSupport(root, auth)) {
            assertEquals(200, api.get("/healthz", null).statusCode());
        } finally {
            logger.removeHandler(capture);
        }
        return List.copyOf(warnings);
    }

    @Test
    void readinessTurnsUnavailableWhileStopping() throws Exception {
        try (ApiTestSupport api = new ApiTestSupport(root, TOKEN, 1, 1, Duration.ofSeconds(1))) {
            api.app.api().markStopping();
            assertEquals(503, api.get("/readyz").statusCode());
        }
    }

    @Test
    void theChecksGetTheKubernetesSettingsOfTheConfig() throws Exception {
        KubeSettings kubernetes = KubeSettings.defaults().withAllowedContexts(List.of("staging"))
                .withCallTimeout(Duration.ofSeconds(3));
        AppConfig d = AppConfig.defaults();
        AppConfig config = new AppConfig("127.0.0.1", 0, Files.createDirectories(root.resolve("checklists")),
                root.resolve("data"), null, null, null, AuthConfig.NONE, 1, 1, Duration.ofSeconds(1), d.maxRequestBytes(),
                d.connections(), null, kubernetes);
        try (ServerApp app = ServerApp.start(config, Map.<String, String>of()::get, "test")) {
            assertEquals(kubernetes, Clusters.of(app.checks()).settings());
        }
    }
}
