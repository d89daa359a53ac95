package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.httpChecklist;
import static io.smokegate.server.ApiTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.config.ApiToken;
import io.smokegate.config.AuthConfig;
import io.smokegate.testing.PostgresCluster;
import io.smokegate.testing.TargetServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL restarted under a running service (a cluster of the test's own, so no other test sees it go). */
class DatabaseRestartTest {

    private static final Duration RUN = Duration.ofSeconds(3);
    /** Longer than one wait of the pool for a connection (5 s): the run's store has to be retried. */
    private static final Duration DOWN_AFTER_THE_RUN = Duration.ofSeconds(8);
    /** Anyone reads (the support's polling sends no token); runs need the token. */
    private static final AuthConfig AUTH = new AuthConfig(List.of(ApiToken.withEveryScope(ApiTestSupport.TOKEN)), false)
            .withAnonymousRead(true);

    @TempDir
    Path root;

    private final TargetServer target = new TargetServer();
    private ApiTestSupport api;

    @AfterEach
    void close() {
        if (api != null) {
            api.close();
        }
        target.close();
    }

    @Test
    void aRunUnderWayWhenPostgresqlRestartsIsStoredAndReadinessRecovers() throws Exception {
        PostgresCluster cluster = PostgresCluster.dedicated();
        String url = cluster.newDatabase("restart");
        api = new ApiTestSupport(root, AUTH, url);
        api.checklist("slow.yaml", httpChecklist("slow", target.url("/sleep/" + RUN.toMillis()), "10s"));
        HttpResponse<String> accepted = api.post("/api/v1/checklists/slow/runs", ApiTestSupport.TOKEN);
        assertEquals(202, accepted.statusCode(), accepted.body());
        String runId = json(accepted).get("runId").asText();
        api.awaitStatus(runId, "running");

        long stopped = System.nanoTime();
        cluster.stop();
        assertEquals(503, awaitReadiness(503).statusCode());
        long notReady = System.nanoTime();
        // The check ends while the server is down, and the server stays down past the run's first store.
        Thread.sleep(RUN.plus(DOWN_AFTER_THE_RUN).toMillis());
        cluster.start();
        long started = System.nanoTime();
        HttpResponse<String> ready = awaitReadiness(200);
        long recovered = System.nanoTime();

        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("passed", api.awaitFinished(runId).get("status").asText());
        assertEquals(List.of("passed"), awaitStored(url, runId));
        assertEquals(List.of(), column(url, "SELECT id FROM accepted_runs WHERE id = ?", runId), "the report replaced the promise");
        assertTrue(api.get("/metrics", null).body().lines().anyMatch(l -> l.matches("smokegate_store_errors_total [1-9].*")),
                "the first store failed and was retried");
        System.out.printf("PostgreSQL down %d ms; not ready %d ms after the stop began; ready again %d ms after it accepted"
                + " connections%n", (started - stopped) / 1_000_000, (notReady - stopped) / 1_000_000, (recovered - started) / 1_000_000);
    }

    /** Polls /readyz until it answers {@code status}, for at most 30 s; returns the last answer. */
    private HttpResponse<String> awaitReadiness(int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> r = api.get("/readyz", null);
        while (r.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = api.get("/readyz", null);
        }
        return r;
    }

    /** Polls the database for the run for at most 30 s (a store retry may be waiting for its turn); returns its status. */
    private static List<String> awaitStored(String url, String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String query = "SELECT status FROM runs WHERE id = ?";
        List<String> status = column(url, query, runId);
        while (status.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = column(url, query, runId);
        }
        return status;
    }

    /** The first column of what {@code query} finds for {@code runId}, read past the service. */
    private static List<String> column(String url, String query, String runId) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PostgresCluster.USER, null);
             PreparedStatement p = c.prepareStatement(query)) {
            p.setString(1, runId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
