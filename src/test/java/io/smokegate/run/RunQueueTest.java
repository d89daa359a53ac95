package io.smokegate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckContext;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Outcome;
import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Checklist;
import io.smokegate.checklist.Redactor;
import io.smokegate.input.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunQueueTest {

    @TempDir
    Path dir;

    final List<RunReport> delivered = new CopyOnWriteArrayList<>();
    RunQueue queue;

    static Checklist sleeping(String name, Duration sleep) {
        CheckSpec spec = new CheckSpec("sleep", "test", "", Duration.ofSeconds(30), 0, 1, List.of(), probe -> {
            Thread.sleep(sleep);
            return Outcome.pass("slept");
        }, Position.of("test"));
        return new Checklist(name, "", Map.of(), 1, List.of(spec), null, null, Redactor.none(), "test", List.of());
    }

    RunQueue queue(int workers, int capacity) {
        queue = new RunQueue(new Runner(CheckContext.standalone(dir)), RunJournal.NONE, delivered::add, workers, capacity);
        return queue;
    }

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.shutdown(Duration.ZERO);
        }
    }

    @Test
    void anAcceptedRunIsDeliveredBeforeItsTicketCompletes() throws Exception {
        RunTicket ticket = queue(1, 1).submit(sleeping("a", Duration.ofMillis(10)), "api", "ci");
        RunReport report = ticket.completion().get(10, TimeUnit.SECONDS);
        assertEquals(RunStatus.PASSED, report.status());
        assertEquals(List.of(report), delivered);
        assertTrue(queue.find(ticket.runId()).isEmpty(), "finished runs leave the active set");
    }

    @Test
    void beyondTheWaitingCapacityRunsAreRejectedWithARetryHint() throws Exception {
        RunQueue q = queue(1, 1);
        q.submit(sleeping("a", Duration.ofSeconds(2)), "api", "ci");
        Thread.sleep(200);
        q.submit(sleeping("a", Duration.ofSeconds(2)), "api", "ci");
        RunRejectedException e = assertThrows(RunRejectedException.class, () -> q.submit(sleeping("a", Duration.ZERO), "api", "ci"));
        assertTrue(e.getMessage().contains("full"));
        assertTrue(e.retryAfter().toMillis() >= 1000);
    }

    @Test
    void cancellingAQueuedRunDeliversItAbortedAtOnce() throws Exception {
        RunQueue q = queue(1, 2);
        q.submit(sleeping("busy", Duration.ofSeconds(2)), "api", "ci");
        RunTicket waiting = q.submit(sleeping("waiting", Duration.ZERO), "api", "ci");
        assertTrue(q.cancel(waiting.runId(), "changed my mind"));
        RunReport report = waiting.completion().get(1, TimeUnit.SECONDS);
        assertEquals(RunStatus.ABORTED, report.status());
        assertEquals(CheckStatus.SKIPPED, report.checks().get(0).status());
        assertEquals("changed my mind", report.checks().get(0).message());
    }

    @Test
    void cancellingAnUnknownRunSaysSo() {
        assertEquals(false, queue(1, 1).cancel("01a20107-0153-7033-b446-247a6ff7eac3", "x"));
    }

    @Test
    void afterShutdownNoRunIsAccepted() throws Exception {
        RunQueue q = queue(1, 1);
        q.shutdown(Duration.ofSeconds(1));
        RunRejectedException e = assertThrows(RunRejectedException.class, () -> q.submit(sleeping("a", Duration.ZERO), "api", "ci"));
        assertNull(e.retryAfter());
    }

    @Test
    void shutdownLetsARunFinishWithinTheGrace() throws Exception {
        RunQueue q = queue(1, 1);
        RunTicket ticket = q.submit(sleeping("a", Duration.ofMillis(300)), "api", "ci");
        Thread.sleep(50);
        q.shutdown(Duration.ofSeconds(5));
        assertEquals(RunStatus.PASSED, ticket.completion().get(1, TimeUnit.SECONDS).status());
    }

    /** Writes down what the queue tells it; refuses when told to. */
    static final class RecordingJournal implements RunJournal {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        @Override
        public void accepted(RunTicket ticket) throws RunRejectedException {
            if (refuse) {
                throw new RunRejectedException("database down", null);
            }
            events.add("accepted " + ticket.checklist().name() + " by " + ticket.requestedBy());
        }

        @Override
        public void withdrawn(RunTicket ticket) {
            events.add("withdrawn " + ticket.checklist().name());
        }

        @Override
        public void started(RunTicket ticket) {
            events.add("started " + ticket.checklist().name());
        }
    }

    @Test
    void anAcceptedRunIsWrittenDownBeforeItStarts() throws Exception {
        RecordingJournal journal = new RecordingJournal();
        queue = new RunQueue(new Runner(CheckContext.standalone(dir)), journal, delivered::add, 1, 1);

        queue.submit(sleeping("a", Duration.ZERO), "api", "ci").completion().get(10, TimeUnit.SECONDS);

        assertEquals(List.of("accepted a by ci", "started a"), journal.events);
    }

    @Test
    void aRunTheJournalCannotWriteDownIsRefusedAndNeverRuns() {
        RecordingJournal journal = new RecordingJournal();
        journal.refuse = true;
        queue = new RunQueue(new Runner(CheckContext.standalone(dir)), journal, delivered::add, 1, 1);

        RunRejectedException e = assertThrows(RunRejectedException.class,
                () -> queue.submit(sleeping("a", Duration.ZERO), "api", "ci"));

        assertEquals("database down", e.getMessage());
        assertNull(e.retryAfter());
        assertEquals(List.of(), queue.active());
        assertEquals(List.of(), delivered);
    }

    @Test
    void aFullQueueRefusesBeforeWritingTheRunDown() throws Exception {
        RecordingJournal journal = new RecordingJournal();
        queue = new RunQueue(new Runner(CheckContext.standalone(dir)), journal, delivered::add, 1, 1);
        queue.submit(sleeping("busy", Duration.ofSeconds(2)), "api", "ci");
        Thread.sleep(200);
        queue.submit(sleeping("waiting", Duration.ZERO), "api", "ci");

        assertThrows(RunRejectedException.class, () -> queue.submit(sleeping("refused", Duration.ZERO), "api", "ci"));

        assertTrue(journal.events.stream().noneMatch(e -> e.contains("refused")), journal.events.toString());
    }
}
