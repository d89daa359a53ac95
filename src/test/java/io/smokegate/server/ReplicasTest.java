package io.smokegate.server;

import static io.smokegate.server.ApiTestSupport.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.Main;
import io.smokegate.testing.ChildJvm;
import io.smokegate.testing.ManagedProcess;
import io.smokegate.testing.Ports;
import io.smokegate.testing.PostgresCluster;
import io.smokegate.testing.TargetServer;
import io.smokegate.testing.kube.FakeCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code serve} processes on one real PostgreSQL: one leader fires the scheduled runs, each tick once; when
 * the leader is killed with SIGKILL the other takes over, continuing the schedule from the last stored run. Runs
 * started through the API on one replica are read from the other.
 *
 * <p>The schedule is the fastest the scheduler allows ({@code every: 10s}, see Schedule.MIN_INTERVAL), so 50 ticks
 * take a bit more than eight minutes: the scheduler checks every second, so each interval lasts 10 to 11 s. Mostly
 * waiting, so the class runs beside the rest of the suite (junit-platform.properties: only classes marked
 * concurrent do), and its two tests beside each other.
 */
@Execution(ExecutionMode.CONCURRENT)
class ReplicasTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration INTERVAL = Duration.ofSeconds(10);
    /**
     * How long the test waits per tick: an interval, the scheduler's one-second tick, and room for a machine busy with
     * other tests (a late tick is late, not lost: the next one is due an interval after it).
     */
    static final Duration PATIENCE_PER_TICK = INTERVAL.plusSeconds(5);
    static final long HALF_INTERVAL = INTERVAL.toMillis() / 2;
    static final Duration TAKE_OVER_LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path root;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Replica(String name, int port, ManagedProcess process) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    Replica serve(String name, String database, String leaderElection) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        int port = Ports.free();
        Path config = Files.writeString(dir.resolve("smokegate.yaml"), """
                checklists: %s
                dataDir: %s
                database: {url: "%s", user: postgres}
                api: {tokenFile: %s}
                %s
                """.formatted(root.resolve("checklists"), dir.resolve("data"), database, root.resolve("token"), leaderElection));
        return new Replica(name, port, ManagedProcess.startReady(dir, ChildJvm.command(List.of(), Main.class, "serve",
                "--config", config.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port)),
                "http://127.0.0.1:" + port + "/readyz", Duration.ofSeconds(60)));
    }

    HttpResponse<String> send(Replica replica, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    boolean leads(Replica replica) throws Exception {
        HttpResponse<String> r = send(replica, "GET", "/readyz");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("leader").asBoolean();
    }

    /** The times of the stored and the accepted scheduled runs of checklist {@code tick}, in order. */
    static List<Long> scheduledRuns(String database) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database, PostgresCluster.USER, null);
             PreparedStatement p = c.prepareStatement("SELECT started_at FROM runs WHERE checklist = 'tick' AND run_trigger = "
                     + "'schedule' UNION ALL SELECT accepted_at FROM accepted_runs WHERE checklist = 'tick' AND run_trigger = "
                     + "'schedule' ORDER BY 1"); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    static int countOf(String database) {
        try {
            return scheduledRuns(database).size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Two replicas on {@code database} with {@code leaderElection}: the first leads, a run started on the second is
     * read from the first; after {@code beforeKill} ticks the leader is killed and the other must lead within
     * {@link #TAKE_OVER_LIMIT}; at {@code ticks} ticks the schedule is judged. Returns the take-over time.
     */
    Duration takeOver(String database, String leaderElection, int beforeKill, int ticks) throws Exception {
        Files.writeString(root.resolve("token"), TOKEN);
        try (TargetServer target = new TargetServer()) {
            Files.createDirectories(root.resolve("checklists"));
            Files.writeString(root.resolve("checklists/tick.yaml"), """
                    apiVersion: smokegate.io/v1
                    kind: Checklist
                    metadata: {name: tick}
                    spec:
                      schedule: {every: 10s}
                      checks:
                        - {id: probe, type: http, timeout: 5s, with: {url: "%s"}}
                    """.formatted(target.url("/ok")));
            Duration takeOver;
            try (Replica first = serve("first", database, leaderElection);
                 Replica second = serve("second", database, leaderElection)) {
                assertTrue(leads(first), "the replica that started first leads");
                assertFalse(leads(second), "the other follows");

                HttpResponse<String> started = send(second, "POST", "/api/v1/checklists/tick/runs");
                assertEquals(202, started.statusCode(), started.body());
                String runId = JSON.readTree(started.body()).get("runId").asText();
                await("the run started on the second replica ends", Duration.ofSeconds(30), () -> {
                    try {
                        HttpResponse<String> read = send(first, "GET", "/api/v1/runs/" + runId);
                        return read.statusCode() == 200 && JSON.readTree(read.body()).get("status").asText().equals("passed");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });

                await(beforeKill + " scheduled runs", PATIENCE_PER_TICK.multipliedBy(beforeKill + 2),
                        () -> countOf(database) >= beforeKill);
                first.process().kill();
                long killed = System.nanoTime();
                await("the second replica leads", TAKE_OVER_LIMIT, () -> {
                    try {
                        return leads(second);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                takeOver = Duration.ofNanos(System.nanoTime() - killed);
                await(ticks + " scheduled runs", PATIENCE_PER_TICK.multipliedBy(ticks - beforeKill + 3),
                        () -> countOf(database) >= ticks);
            }
            assertEveryTickRanOnceAtMostOneLostAtTheTakeOver(scheduledRuns(database));
            return takeOver;
        }
    }

    /**
     * Between consecutive scheduled runs lies one interval: 10 s from one firing to the next, plus up to the
     * scheduler's one-second tick, while the runs' recorded starts also move with how long each waited in its
     * replica's queue on a busy machine. So gaps are judged to half an interval: under half an interval is a tick run
     * twice (both replicas fired it), one and a half intervals or more a tick lost. Only the take-over may lose one,
     * and never two in a row.
     */
    static void assertEveryTickRanOnceAtMostOneLostAtTheTakeOver(List<Long> runs) {
        int lost = 0;
        for (int i = 1; i < runs.size(); i++) {
            long gap = runs.get(i) - runs.get(i - 1);
            assertTrue(gap >= HALF_INTERVAL, "run " + i + " came " + gap + " ms after the one before: a tick ran twice "
                    + runs);
            assertTrue(gap < INTERVAL.toMillis() * 2 + HALF_INTERVAL, "run " + i + " came " + gap
                    + " ms after the one before: two ticks in a row were lost " + runs);
            if (gap >= INTERVAL.toMillis() + HALF_INTERVAL) {
                lost++;
            }
        }
        assertTrue(lost <= 1, lost + " ticks lost: " + runs);
        System.out.println(runs.size() + " scheduled runs over " + (runs.getLast() - runs.getFirst()) + " ms, " + lost
                + " tick(s) lost");
    }

    @Test
    void withAPostgresLockEachScheduledTickRunsOnceOver50TicksAndTheOtherReplicaTakesOverAKilledLeader() throws Exception {
        String database = PostgresCluster.shared().newDatabase("replicas");

        Duration takeOver = takeOver(database, "leaderElection: {mode: postgres, retryPeriod: 1s}", 20, 50);

        System.out.println("take-over with the postgres lock: " + takeOver.toMillis() + " ms");
        assertTrue(takeOver.compareTo(TAKE_OVER_LIMIT) < 0, takeOver.toString());
    }

    @Test
    void withAKubernetesLeaseTheOtherReplicaTakesOverAKilledLeaderWithoutRepeatingATick() throws Exception {
        String database = PostgresCluster.shared().newDatabase("replicas_lease");
        try (FakeCluster cluster = FakeCluster.start()) {
            Path kubeconfig = cluster.writeKubeconfig(root.resolve("kubeconfig"));

            Duration takeOver = takeOver(database, """
                    kubernetes: {kubeconfig: %s}
                    leaderElection: {mode: lease, leaseNamespace: smokegate, leaseDuration: 3s, renewDeadline: 2s, retryPeriod: 500ms}
                    """.formatted(kubeconfig), 4, 10);

            System.out.println("take-over with the lease: " + takeOver.toMillis() + " ms");
            assertTrue(takeOver.compareTo(TAKE_OVER_LIMIT) < 0, takeOver.toString());
        }
    }
}
