package io.smokegate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckRegistry;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.report.JsonReport;
import io.smokegate.service.AuditTrail;
import io.smokegate.service.RunLedger;
import io.smokegate.service.RunService;
import io.smokegate.service.RunView;
import io.smokegate.store.AcceptedRunStore;
import io.smokegate.store.AuditStore;
import io.smokegate.store.Database;
import io.smokegate.store.RunQuery;
import io.smokegate.store.RunStore;
import io.smokegate.store.StoreException;
import io.smokegate.testing.LogCapture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The post-run pipeline as the service's queue uses it, on a real SQLite store whose writes can be made to fail. */
class AfterRunTest {

    @TempDir
    Path dir;

    Database db;
    RunStore runs;
    AcceptedRunStore accepted;
    RunLedger ledger;
    /** While set, every save fails as a locked database does. */
    final AtomicBoolean failing = new AtomicBoolean(true);
    final AtomicInteger failedAttempts = new AtomicInteger();
    LogCapture log;
    AfterRun afterRun;
    RunQueue queue;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir.resolve("data"), null, null, null);
        runs = new RunStore(db, CheckRegistry.standard());
        accepted = new AcceptedRunStore(db);
        ledger = RunLedger.forThisProcess(accepted, Clock.systemUTC());
        ledger.start();
        log = LogCapture.of(AfterRun.class);
    }

    @AfterEach
    void close() {
        if (queue != null) {
            queue.shutdown(Duration.ZERO);
        }
        if (afterRun != null) {
            failing.set(false);
            afterRun.close();
        }
        ledger.close();
        db.close();
        log.close();
    }

    /** The service's pipeline with one worker; saves fail while {@link #failing} is set. */
    void serviceQueue(AfterRun.Retry retry) {
        afterRun = AfterRun.steps()
                .store(report -> {
                    if (failing.get()) {
                        throw new StoreException("database is locked", null, false);
                    }
                    runs.save(report);
                }, retry, failedAttempts::incrementAndGet)
                .log(JsonReport::compact)
                .build();
        queue = new RunQueue(new Runner(CheckContext.standalone(dir)), ledger, afterRun, 1, 4);
    }

    RunTicket submit(String checklist) throws RunRejectedException {
        return queue.submit(RunQueueTest.sleeping(checklist, Duration.ofMillis(20)), "api", "ci");
    }

    static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    boolean stored(String runId) {
        try {
            return runs.find(runId).isPresent();
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFailedStoreIsRetriedOffTheWorkerSoTheNextRunIsStoredMeanwhile() throws Exception {
        serviceQueue(new AfterRun.Retry(3, Duration.ofSeconds(2)));
        RunTicket first = submit("first");
        first.completion().get(10, TimeUnit.SECONDS);
        failing.set(false);
        long handedOver = System.nanoTime();
        RunTicket second = submit("second");
        second.completion().get(10, TimeUnit.SECONDS);
        long secondDoneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - handedOver);

        assertTrue(stored(second.runId()), "the second run is stored by the worker at once");
        assertTrue(afterRun.unstored(first.runId()).isPresent(), "the first still waits for its retry 2 s after failing");
        assertTrue(secondDoneMillis < 1000, "the worker took the next run at once, not after the back-off: " + secondDoneMillis + " ms");
        assertEquals(1, failedAttempts.get());
    }

    @Test
    void aRunWaitingForItsStoreIsAnswerableByIdAndStoredOnceTheDatabaseRecovers() throws Exception {
        serviceQueue(new AfterRun.Retry(3, Duration.ofMillis(300)));
        RunService service = new RunService(new ChecklistCatalog(dir.resolve("checklists"),
                new ChecklistLoader(CheckRegistry.standard(), name -> null)), queue, afterRun, runs, ledger,
                new AuditTrail(new AuditStore(db), Clock.systemUTC()), new SmokegateMetrics("test"));
        RunTicket ticket = submit("flaky-db");
        RunReport report = ticket.completion().get(10, TimeUnit.SECONDS);

        RunView pending = service.run(ticket.runId()).orElseThrow();
        assertEquals(report, assertInstanceOf(RunView.Finished.class, pending).report());
        assertEquals(RunService.Cancel.ALREADY_FINISHED, service.cancel(ticket.runId(), "ci"));
        assertTrue(accepted.find(ticket.runId()).isPresent(), "the accepted record stays until the run is stored");

        failing.set(false);
        await(() -> stored(ticket.runId()), Duration.ofSeconds(5), "the retry stores the run");
        assertTrue(afterRun.unstored(ticket.runId()).isEmpty());
        assertTrue(accepted.find(ticket.runId()).isEmpty(), "storing the run replaced its accepted record");
        assertEquals(1, runs.list(new RunQuery(null, null, null, null, 10, null)).runs().size());
        assertEquals(report.runId(), assertInstanceOf(RunView.Finished.class, service.run(ticket.runId()).orElseThrow())
                .report().runId());
        assertEquals(1, failedAttempts.get());
    }

    @Test
    void aRunThatCannotBeStoredAfterTheLastAttemptIsLoggedInFullAndKeepsItsAcceptedRecord() throws Exception {
        serviceQueue(new AfterRun.Retry(3, Duration.ofMillis(50)));
        RunTicket ticket = submit("lost");
        RunReport report = ticket.completion().get(10, TimeUnit.SECONDS);
        await(() -> !log.at(Level.SEVERE).isEmpty(), Duration.ofSeconds(5), "the last attempt");

        LogRecord severe = log.at(Level.SEVERE).get(0);
        assertEquals("run could not be stored; full report follows", severe.getMessage());
        assertEquals(List.of("runId=" + report.runId(), "error=database is locked", "report=" + JsonReport.compact(report)),
                List.of(severe.getParameters()));
        assertEquals(3, failedAttempts.get());
        assertTrue(afterRun.unstored(ticket.runId()).isEmpty());
        assertTrue(accepted.find(ticket.runId()).isPresent(), "a restart records the run as aborted from its accepted record");
        assertTrue(runs.find(ticket.runId()).isEmpty());
    }

    @Test
    void closingGivesARunWaitingForItsRetryItsLastAttemptAtOnce() throws Exception {
        serviceQueue(new AfterRun.Retry(3, Duration.ofSeconds(30)));
        RunTicket ticket = submit("shutdown");
        ticket.completion().get(10, TimeUnit.SECONDS);
        queue.shutdown(Duration.ZERO);
        queue = null;
        failing.set(false);

        long start = System.nanoTime();
        afterRun.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(stored(ticket.runId()), "stored by the last attempt");
        assertTrue(closeMillis < 5000, "close did not wait for the 30 s back-off: " + closeMillis + " ms");
        assertEquals(List.of("run finished"), log.records().stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void aCommandLearnsOfAFailedStoreAndStillPushes() {
        List<String> steps = new CopyOnWriteArrayList<>();
        AfterRun command = AfterRun.steps()
                .metrics(report -> steps.add("metrics"))
                .store(report -> {
                    steps.add("store");
                    throw new StoreException("database is locked", null, false);
                })
                .push(report -> steps.add("push"))
                .build();
        RunReport report = new RunReport(RunIds.next(), "cli", java.util.Map.of(), RunStatus.PASSED, "cli",
                java.time.Instant.now(), Duration.ZERO, List.of());

        AfterRun.Outcome outcome = command.finish(report);

        assertEquals(List.of("metrics", "store", "push"), steps);
        assertEquals("database is locked", outcome.notStored().orElseThrow().getMessage());
        assertTrue(outcome.notPushed().isEmpty());
        assertTrue(command.unstored(report.runId()).isEmpty(), "a command's store is tried once, not kept for retries");
    }
}
