package io.smokegate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.testing.PostgresCluster;
import io.smokegate.testing.Ports;
import io.smokegate.run.RunReport;
import io.smokegate.testing.SampleRuns;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The store contract against a real PostgreSQL 15 server, plus what only PostgreSQL has. */
class PostgresRunStoreTest extends RunStoreContract {

    @Override
    Database openEmptyDatabase() throws StoreException {
        return Database.postgres(PostgresCluster.shared().newDatabase("runstore"), PostgresCluster.USER, null);
    }

    @Test
    void dialectIsPostgresql() {
        assertEquals(Database.Dialect.POSTGRESQL, db.dialect());
    }

    @Test
    void serverThatIsNotThereIsReportedAsUnreachable() {
        String url = "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/smokegate";

        StoreException e = assertThrows(StoreException.class, () -> Database.postgres(url, "postgres", null));

        assertTrue(e.unreachable(), "unreachable, so the CLI exits 3: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot reach database " + url), e.getMessage());
    }

    @Test
    void urlThatIsNotPostgresqlIsRefusedWithoutConnecting() {
        StoreException e = assertThrows(StoreException.class,
                () -> Database.postgres("jdbc:mysql://db/smokegate?password=hunter22", null, null));

        assertFalse(e.unreachable());
        assertTrue(e.getMessage().startsWith("database URL must start with jdbc:postgresql:"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter22"), "password leaked: " + e.getMessage());
    }

    @Test
    void displayedUrlHidesPasswords() throws StoreException {
        String url = db.display();
        try (Database withPassword = Database.postgres(PostgresCluster.shared().jdbcUrl("postgres")
                + "?password=hunter22&ApplicationName=x", PostgresCluster.USER, null)) {
            assertFalse(withPassword.display().contains("hunter22"), withPassword.display());
            assertTrue(withPassword.display().contains("password=«redacted»"), withPassword.display());
        }
        assertTrue(url.startsWith("jdbc:postgresql://127.0.0.1:"), url);
    }

    @Test
    void connectionDroppedByTheServerCostsAtMostOneFailedCall() throws Exception {
        RunReport report = SampleRuns.passing("failover", SampleRuns.T0);
        store.save(report);
        String database = db.read(c -> c.getCatalog());
        try (Connection admin = DriverManager.getConnection(PostgresCluster.shared().jdbcUrl("postgres"), PostgresCluster.USER, null);
             PreparedStatement kill = admin.prepareStatement(
                     "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
            kill.setString(1, database);
            kill.executeQuery().close();
        }

        try {
            store.find(report.runId());
        } catch (StoreException noticedTheDrop) {
            // Acceptable once: the pool only learns that its connection is gone by using it.
        }

        assertEquals(Optional.of(report), store.find(report.runId()));
    }

    @Test
    void aCallFindingEveryConnectionInUseFailsAfterThePoolsWait() throws Exception {
        Database.PoolSettings one = new Database.PoolSettings(1, 1, Duration.ofMillis(300), Duration.ofSeconds(2),
                Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofSeconds(60));
        try (Database small = Database.postgres(PostgresCluster.shared().newDatabase("busy"), PostgresCluster.USER, null, one, null)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = Thread.ofPlatform().start(() -> {
                try {
                    small.read(c -> {
                        holding.countDown();
                        try {
                            return release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException interrupted) {
                            return false;
                        }
                    });
                } catch (StoreException ignored) {
                    // The holder only keeps the connection busy.
                }
            });
            assertTrue(holding.await(10, TimeUnit.SECONDS));

            StoreException e = assertThrows(StoreException.class, () -> small.read(c -> c.isValid(1)));

            release.countDown();
            holder.join(10_000);
            assertEquals("no database connection free within 300 ms (" + small.display() + "): all 1 are in use", e.getMessage());
            assertFalse(e.unreachable());
            boolean lentAgain = small.read(c -> c.isValid(1));
            assertTrue(lentAgain, "the connection is lent again once returned");
        }
    }

    /** Replicas starting at once all migrate; repeated because the race it guards against is a race. */
    @RepeatedTest(5)
    void concurrentMigrationsOfOneDatabaseApplyEachVersionOnce() throws Exception {
        String url = PostgresCluster.shared().newDatabase("racing");
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Database replica = Database.postgres(url, PostgresCluster.USER, null)) {
                    go.await();
                    Migrations.apply(replica);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }

        assertEquals(List.of(), failures);
        try (Database check = Database.postgres(url, PostgresCluster.USER, null)) {
            assertEquals(Migrations.latest(), check.read(Migrations::current));
            assertEquals(Migrations.latest(), (int) check.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM smokegate_schema")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
        }
    }
}
