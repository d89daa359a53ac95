package io.smokegate.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.testing.PostgresCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The advisory lock on a real PostgreSQL: one of two candidates leads, and a broken session ends its leadership. */
class PostgresLeaderElectionTest {

    static final Duration RETRY = Duration.ofMillis(200);

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within 10 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void whenTheLeadersSessionIsEndedItStopsLeadingAndTheOtherCandidateTakesOver() throws Exception {
        String url = PostgresCluster.shared().newDatabase("leader");
        List<String> changes = new CopyOnWriteArrayList<>();
        try (PostgresLeaderElection a = new PostgresLeaderElection(url, PostgresCluster.USER, null, RETRY);
             PostgresLeaderElection b = new PostgresLeaderElection(url, PostgresCluster.USER, null, RETRY)) {
            a.onChange(leading -> changes.add("a " + leading));
            b.onChange(leading -> changes.add("b " + leading));
            a.start();
            b.start();
            assertTrue(a.isLeader(), "the first candidate holds the lock");
            assertFalse(b.isLeader());

            // What a dead leader's process, or a failover, does to its session: the server ends it.
            try (Connection c = DriverManager.getConnection(url, PostgresCluster.USER, null);
                 Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = "
                        + (PostgresLeaderElection.LOCK_KEY & 0xffffffffL));
            }

            await("the second candidate leads", b::isLeader);
            await("the first candidate stopped leading", () -> !a.isLeader());
            // The order of the last two depends on whose round comes first: a's keep-alive or b's try.
            assertEquals("a true", changes.get(0));
            assertEquals(List.of("a false", "b true"), changes.subList(1, changes.size()).stream().sorted().toList());
        }
    }
}
