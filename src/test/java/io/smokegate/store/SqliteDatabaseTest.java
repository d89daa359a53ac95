package io.smokegate.store;

import static io.smokegate.testing.SampleRuns.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckRegistry;
import io.smokegate.run.RunReport;
import io.smokegate.testing.ChildJvm;
import io.smokegate.testing.CurrentUser;
import io.smokegate.testing.ReadOnlyFiles;
import io.smokegate.testing.SampleRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the embedded SQLite database does: one file under the data directory, and its failure modes. */
class SqliteDatabaseTest {

    @TempDir
    Path tmp;

    private Path migratedDataDir() throws StoreException {
        Path dataDir = tmp.resolve("data");
        try (Database db = Database.sqlite(dataDir, Duration.ofSeconds(1))) {
            Migrations.apply(db);
        }
        return dataDir;
    }

    @Test
    void databaseIsOneFileInADataDirectoryCreatedWithItsParents() throws Exception {
        Path dataDir = tmp.resolve("a/b/c");

        try (Database db = Database.sqlite(dataDir, Duration.ofSeconds(1))) {
            assertEquals(Database.Dialect.SQLITE, db.dialect());
            assertEquals(dataDir.resolve(Database.SQLITE_FILE).toString(), db.display());
        }
        assertTrue(Files.isRegularFile(dataDir.resolve("smokegate.db")));
    }

    @Test
    void runsSurviveClosingAndReopening() throws Exception {
        Path dataDir = migratedDataDir();
        RunReport report = SampleRuns.passing("durable", T0);
        try (Database db = Database.sqlite(dataDir, Duration.ofSeconds(1))) {
            new RunStore(db, CheckRegistry.standard()).save(report);
        }

        try (Database db = Database.sqlite(dataDir, Duration.ofSeconds(1))) {
            Migrations.apply(db);
            assertEquals(Optional.of(report), new RunStore(db, CheckRegistry.standard()).find(report.runId()));
        }
    }

    @Test
    void readOnlyDatabaseFileIsRefusedWithAClearMessage() throws Exception {
        Path dataDir = migratedDataDir();
        Path file = dataDir.resolve(Database.SQLITE_FILE);
        Optional<ReadOnlyFiles.Protection> protection = ReadOnlyFiles.protect(file);
        Assumptions.assumeTrue(protection.isPresent(), "this process is root and cannot make a file immutable here "
                + "(no CAP_LINUX_IMMUTABLE or no support in the file system); "
                + "readOnlyDatabaseFileIsRefusedToRootWithoutFileOverride covers the case in a child process");

        try (ReadOnlyFiles.Protection ignored = protection.get()) {
            StoreException e = assertThrows(StoreException.class, () -> Database.sqlite(dataDir, Duration.ofMillis(300)));

            assertEquals("database " + file + " is read-only: make it writable or choose another --data-dir",
                    e.getMessage(), "made read-only with " + ignored.how());
            assertFalse(e.unreachable());
        }
    }

    /**
     * Root ignores permission bits, and the immutable attribute is not always available (e.g. Docker's
     * default capabilities lack CAP_LINUX_IMMUTABLE). A root process without CAP_DAC_OVERRIDE is bound by
     * them like anyone else, so the database is opened by a child JVM started without that capability.
     */
    @Test
    void readOnlyDatabaseFileIsRefusedToRootWithoutFileOverride() throws Exception {
        Assumptions.assumeTrue(CurrentUser.isRoot(), "only root needs a child process to honour read-only files; "
                + "readOnlyDatabaseFileIsRefusedWithAClearMessage covers other users");
        Path dataDir = migratedDataDir();
        Path file = dataDir.resolve(Database.SQLITE_FILE);
        ReadOnlyFiles.chmodReadOnly(file);

        ChildJvm.Result child = ChildJvm.run(ChildJvm.rootWithoutFileOverride(), OpenSqliteMain.class, dataDir.toString());

        assertEquals(3, child.exitCode(), child.output());
        assertTrue(child.output().contains("database " + file + " is read-only: make it writable or choose another --data-dir"),
                child.output());
    }

    @Test
    void childWithoutFileOverrideCanStillOpenAWritableDatabase() throws Exception {
        Assumptions.assumeTrue(CurrentUser.isRoot(), "the child process set-up only exists for root");
        Path dataDir = migratedDataDir();

        ChildJvm.Result child = ChildJvm.run(ChildJvm.rootWithoutFileOverride(), OpenSqliteMain.class, dataDir.toString());

        assertEquals(0, child.exitCode(), "the control case: only the read-only file makes the difference\n" + child.output());
    }

    @Test
    void saveWaitsForTheBusyTimeoutThenFailsWhileAnotherConnectionHoldsTheLock() throws Exception {
        Path dataDir = migratedDataDir();
        try (Database db = Database.sqlite(dataDir, Duration.ofMillis(300));
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.SQLITE_FILE));
             Statement lock = other.createStatement()) {
            RunStore store = new RunStore(db, CheckRegistry.standard());
            lock.execute("BEGIN EXCLUSIVE");

            RunReport refused = SampleRuns.passing("locked", T0);
            long start = System.nanoTime();
            StoreException e = assertThrows(StoreException.class, () -> store.save(refused));
            long waited = (System.nanoTime() - start) / 1_000_000;

            assertEquals("database " + dataDir.resolve(Database.SQLITE_FILE)
                    + " is locked by another process (waited for the busy timeout)", e.getMessage());
            assertTrue(waited >= 250 && waited < 3000, "waited " + waited + " ms with a 300 ms busy timeout");
            lock.execute("ROLLBACK");
            assertEquals(Optional.empty(), store.find(refused.runId()));

            RunReport later = SampleRuns.passing("locked", T0);
            store.save(later);
            assertEquals(Optional.of(later), store.find(later.runId()), "the store works again once the lock is gone");
        }
    }

    @Test
    void saveSucceedsWhenTheLockIsReleasedWithinTheBusyTimeout() throws Exception {
        Path dataDir = migratedDataDir();
        try (Database db = Database.sqlite(dataDir, Duration.ofSeconds(3));
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.SQLITE_FILE));
             Statement lock = other.createStatement()) {
            RunStore store = new RunStore(db, CheckRegistry.standard());
            lock.execute("BEGIN EXCLUSIVE");
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                    lock.execute("ROLLBACK");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            long start = System.nanoTime();
            RunReport report = SampleRuns.passing("waited", T0);
            store.save(report);
            long waited = (System.nanoTime() - start) / 1_000_000;

            release.get(5, TimeUnit.SECONDS);
            assertTrue(waited >= 250, "save returned after " + waited + " ms, before the lock was released");
            assertEquals(Optional.of(report), store.find(report.runId()));
        }
    }

    @Test
    void dataDirectoryUnderARegularFileIsRefusedNamingTheFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Path dataDir = file.resolve("data");

        StoreException e = assertThrows(StoreException.class, () -> Database.sqlite(dataDir, Duration.ofSeconds(1)));

        assertEquals("cannot create data directory " + dataDir + ": " + file + " exists and is not a directory",
                e.getMessage());
        assertFalse(e.unreachable());
    }

    @Test
    void dataDirectoryThatIsARegularFileIsRefusedSayingSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("data"), "x");

        StoreException e = assertThrows(StoreException.class, () -> Database.sqlite(file, Duration.ofSeconds(1)));

        assertEquals("cannot create data directory " + file + ": " + file + " exists and is not a directory",
                e.getMessage());
    }

    @Test
    void fileThatIsNotADatabaseIsRefusedWithAClearMessage() throws Exception {
        Path dataDir = Files.createDirectories(tmp.resolve("data"));
        Path file = dataDir.resolve(Database.SQLITE_FILE);
        Files.writeString(file, "these are notes, not a database ".repeat(20), StandardCharsets.UTF_8);

        StoreException e = assertThrows(StoreException.class, () -> Database.sqlite(dataDir, Duration.ofSeconds(1)));

        assertTrue(e.getMessage().startsWith("cannot open database " + file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("not a database"), e.getMessage());
        assertEquals(List.of(), List.of(e.getMessage().split("\n")).subList(1, e.getMessage().split("\n").length),
                "one line");
    }
}
