package io.smokegate.run;

import static io.smokegate.run.Checklists.checklist;
import static io.smokegate.run.Checklists.needing;
import static io.smokegate.run.Checklists.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Outcome;
import io.smokegate.checklist.CheckSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** {@link RunControl#cancel} from another thread ends a run quickly and says what happened to each check. */
class RunnerCancellationTest extends RunnerTestSupport {

    private final AtomicBoolean release = new AtomicBoolean();

    @AfterEach
    void releaseStuckChecks() {
        release.set(true);
    }

    /** Repeated: which checks get the slots, and when cancellation reaches each thread, varies run to run. */
    @RepeatedTest(20)
    void cancellingEndsTheRunQuicklyWithInFlightChecksErroredAndTheRestSkipped() throws Exception {
        // Four identical checks compete for two slots; which two get them is up to the scheduler.
        CountDownLatch twoStarted = new CountDownLatch(2);
        Set<String> started = ConcurrentHashMap.newKeySet();
        List<CheckSpec> checks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = "c" + i;
            boolean stubborn = i % 2 == 1;
            checks.add(spec(id, Duration.ofSeconds(30), 0, List.of(), probe -> {
                started.add(id);
                twoStarted.countDown();
                if (!stubborn) {
                    Thread.sleep(30_000);
                }
                while (!release.get()) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ignored) {
                        // Deliberately ignored: cancellation must not wait for this check.
                    }
                }
                return Outcome.pass("released");
            }));
        }
        Set<String> startedIds = ConcurrentHashMap.newKeySet();
        RunListener startedChecks = new RunListener() {
            @Override
            public void checkStarted(CheckSpec check) {
                startedIds.add(check.id());
            }
        };
        checks.add(needing("dependent", List.of("c0"), probe -> {
            startedIds.add("dependent body");
            return Outcome.pass("ran");
        }));
        RunControl control = new RunControl();
        Thread canceller = Thread.ofPlatform().start(() -> {
            try {
                if (twoStarted.await(5, TimeUnit.SECONDS)) {
                    control.cancel("operator pressed Ctrl-C");
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });

        long start = System.nanoTime();
        RunReport report = run(checklist(2, checks), startedChecks, control);
        long elapsed = millisSince(start);
        canceller.join();

        Map<String, CheckResult> results = byId(report);
        assertEquals(RunStatus.ABORTED, report.status());
        assertTrue(elapsed < 2000, "cancelled run took " + elapsed + " ms");
        assertEquals(2, started.size(), "check bodies that ran: " + started);
        assertEquals(started, startedIds, "checks reported as started are those that ran");
        for (int i = 0; i < 4; i++) {
            CheckResult r = results.get("c" + i);
            if (startedIds.contains(r.id())) {
                assertEquals(CheckStatus.ERROR, r.status(), r.id());
                assertTrue(r.message().startsWith("cancelled"), r.id() + ": " + r.message());
                assertTrue(r.message().endsWith("operator pressed Ctrl-C"), r.id() + ": " + r.message());
            } else {
                assertEquals(CheckStatus.SKIPPED, r.status(), r.id() + ": " + r.message());
                assertEquals("run cancelled before this check started", r.message());
            }
        }
        assertEquals(CheckStatus.SKIPPED, results.get("dependent").status());
        assertTrue(results.get("dependent").message().startsWith("needs c0, which "), results.get("dependent").message());
    }

    @Test
    void runCancelledBeforeItStartsSkipsEveryCheck() {
        AtomicInteger calls = new AtomicInteger();
        RunControl control = new RunControl();
        control.cancel("shutting down");

        RunReport report = run(checklist(2, List.of(
                spec("a", probe -> Outcome.pass(String.valueOf(calls.incrementAndGet()))),
                spec("b", probe -> Outcome.pass(String.valueOf(calls.incrementAndGet()))))), RunListener.NONE, control);

        assertEquals(RunStatus.ABORTED, report.status());
        assertEquals(2, report.count(CheckStatus.SKIPPED));
        assertEquals(0, calls.get());
    }

    @Test
    void cancellingDuringBackoffStopsRetrying() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RunControl control = new RunControl();
        RunListener cancelOnFirstRetry = new RunListener() {
            @Override
            public void checkRetrying(CheckSpec check, int failedAttempt, String message, Duration backoff) {
                Thread.ofPlatform().start(() -> control.cancel("deploy rolled back"));
            }
        };

        long start = System.nanoTime();
        RunReport report = run(checklist(1, List.of(spec("flaky", Duration.ofSeconds(1), 5, List.of(),
                probe -> Outcome.fail("attempt " + calls.incrementAndGet() + " failed")))), cancelOnFirstRetry, control);
        long elapsed = millisSince(start);

        CheckResult result = report.checks().get(0);
        assertEquals(RunStatus.ABORTED, report.status());
        assertEquals(1, calls.get());
        assertEquals(CheckStatus.ERROR, result.status());
        assertEquals("cancelled: deploy rolled back", result.message());
        assertTrue(elapsed < 1000, "five retries would take seconds; took " + elapsed + " ms");
    }

    @Test
    void cancellingTwiceKeepsTheFirstReason() {
        RunControl control = new RunControl();
        control.cancel("first");
        control.cancel("second");

        assertTrue(control.isCancelled());
        assertEquals("first", control.cancelReason());
    }

    @Test
    void finishedRunIsNotAborted() {
        RunControl control = new RunControl();
        RunReport report = run(checklist(1, List.of(spec("ok", probe -> Outcome.pass("ok")))), RunListener.NONE, control);

        assertEquals(RunStatus.PASSED, report.status());
        assertEquals(false, control.isCancelled());
    }
}
