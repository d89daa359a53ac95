package io.smokegate.run;

import static io.smokegate.run.Checklists.checklist;
import static io.smokegate.run.Checklists.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Outcome;
import io.smokegate.checklist.CheckSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-attempt deadlines and bounded retries with exponential backoff. */
class RunnerTimeoutAndRetryTest extends RunnerTestSupport {

    /** Lets checks that ignore interruption finish once the test is over. */
    private final AtomicBoolean release = new AtomicBoolean();

    @AfterEach
    void releaseStuckChecks() {
        release.set(true);
    }

    @Test
    void hangingCheckFailsAsTimedOutSoonAfterItsTimeout() {
        CheckSpec hanging = spec("hangs", Duration.ofMillis(300), 0, List.of(), probe -> {
            Thread.sleep(30_000);
            return Outcome.pass("never");
        });

        long start = System.nanoTime();
        RunReport report = run(checklist(2, List.of(hanging)));
        long elapsed = millisSince(start);

        CheckResult result = report.checks().get(0);
        assertEquals(CheckStatus.FAILED, result.status());
        assertEquals("timed out after 300ms", result.message());
        assertEquals(RunStatus.FAILED, report.status());
        assertTrue(elapsed >= 300 && elapsed < 1500, "run took " + elapsed + " ms for a 300 ms timeout");
    }

    @Test
    void checkThatIgnoresInterruptionStillTimesOutPromptly() {
        CheckSpec stubborn = spec("stubborn", Duration.ofMillis(300), 0, List.of(), probe -> {
            while (!release.get()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ignored) {
                    // Deliberately ignored: a badly behaved check.
                }
            }
            return Outcome.pass("released");
        });

        long start = System.nanoTime();
        RunReport report = run(checklist(2, List.of(stubborn, spec("quick", probe -> Outcome.pass("ok")))));
        long elapsed = millisSince(start);

        assertEquals("timed out after 300ms", byId(report).get("stubborn").message());
        assertEquals(CheckStatus.PASSED, byId(report).get("quick").status());
        assertTrue(elapsed < 1500, "run took " + elapsed + " ms for a 300 ms timeout");
    }

    @Test
    void checkThatHonoursItsDeadlineSeesTheConfiguredBudget() {
        List<Duration> budgets = Collections.synchronizedList(new ArrayList<>());
        run(checklist(1, List.of(spec("budget", Duration.ofMillis(1500), 0, List.of(), probe -> {
            budgets.add(probe.deadline().budget());
            assertFalse(probe.deadline().expired());
            return Outcome.pass("ok");
        }))));

        assertEquals(List.of(Duration.ofMillis(1500)), budgets);
    }

    @Test
    void failingCheckIsRetriedWithBackoffAndPassesOnItsThirdAttempt() {
        AtomicInteger calls = new AtomicInteger();
        List<Long> attemptTimes = Collections.synchronizedList(new ArrayList<>());
        CheckSpec flaky = spec("flaky", Duration.ofSeconds(2), 3, List.of(), probe -> {
            attemptTimes.add(System.nanoTime());
            int call = calls.incrementAndGet();
            return call < 3 ? Outcome.fail("attempt " + call + " got 503") : Outcome.pass("200 OK");
        });
        List<String> retries = Collections.synchronizedList(new ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public void checkRetrying(CheckSpec check, int failedAttempt, String message, Duration backoff) {
                retries.add(check.id() + " #" + failedAttempt + ": " + message);
                long base = Runner.BACKOFF_BASE.toMillis() << (failedAttempt - 1);
                assertTrue(backoff.toMillis() >= base * 0.8 && backoff.toMillis() <= base * 1.2,
                        "backoff after attempt " + failedAttempt + " was " + backoff);
            }
        };

        RunReport report = run(checklist(1, List.of(flaky)), listener, new RunControl());

        CheckResult result = report.checks().get(0);
        assertEquals(CheckStatus.PASSED, result.status());
        assertEquals("200 OK", result.message());
        assertEquals(3, result.attempts());
        assertEquals(3, calls.get());
        assertEquals(List.of("attempt 1 got 503", "attempt 2 got 503"), result.details().get("earlierAttempts"));
        assertEquals(List.of("flaky #1: attempt 1 got 503", "flaky #2: attempt 2 got 503"), retries);
        long firstGap = (attemptTimes.get(1) - attemptTimes.get(0)) / 1_000_000;
        long secondGap = (attemptTimes.get(2) - attemptTimes.get(1)) / 1_000_000;
        assertTrue(firstGap >= 160, "first backoff was " + firstGap + " ms, expected about 200 ms");
        assertTrue(secondGap >= 320, "second backoff was " + secondGap + " ms, expected about 400 ms");
    }

    @Test
    void retriesAreBoundedByTheConfiguredNumber() {
        AtomicInteger calls = new AtomicInteger();
        CheckSpec broken = spec("broken", Duration.ofSeconds(2), 2, List.of(), probe ->
                Outcome.fail("attempt " + calls.incrementAndGet() + " got 500"));

        RunReport report = run(checklist(1, List.of(broken)));

        CheckResult result = report.checks().get(0);
        assertEquals(CheckStatus.FAILED, result.status());
        assertEquals(3, calls.get(), "one attempt plus two retries");
        assertEquals(3, result.attempts());
        assertEquals("attempt 3 got 500", result.message());
        assertEquals(List.of("attempt 1 got 500", "attempt 2 got 500"), result.details().get("earlierAttempts"));
    }

    @Test
    void passingCheckIsNotRetriedAndHasNoEarlierAttempts() {
        AtomicInteger calls = new AtomicInteger();
        RunReport report = run(checklist(1, List.of(spec("fine", Duration.ofSeconds(1), 3, List.of(), probe -> {
            calls.incrementAndGet();
            probe.detail("status", 200);
            return Outcome.pass("200 OK");
        }))));

        CheckResult result = report.checks().get(0);
        assertEquals(1, calls.get());
        assertEquals(1, result.attempts());
        assertEquals(Map.of("status", 200), result.details());
    }

    @Test
    void internalErrorsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        RunReport report = run(checklist(1, List.of(spec("buggy", Duration.ofSeconds(1), 3, List.of(), probe -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bug");
        }))));

        assertEquals(CheckStatus.ERROR, report.checks().get(0).status());
        assertEquals(1, calls.get());
        assertEquals(1, report.checks().get(0).attempts());
    }

    @Test
    void timedOutAttemptIsRetriedLikeAnyFailure() {
        AtomicInteger calls = new AtomicInteger();
        RunReport report = run(checklist(1, List.of(spec("slow-then-fast", Duration.ofMillis(200), 1, List.of(), probe -> {
            if (calls.incrementAndGet() == 1) {
                Thread.sleep(10_000);
            }
            return Outcome.pass("fast enough");
        }))));

        CheckResult result = report.checks().get(0);
        assertEquals(CheckStatus.PASSED, result.status());
        assertEquals(2, result.attempts());
        assertEquals(List.of("timed out after 200ms"), result.details().get("earlierAttempts"));
    }

    @Test
    void backoffDoublesFromTwoHundredMillisecondsWithJitterAndIsCapped() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            long base = Math.min(5000, 200L << (attempt - 1));
            for (int i = 0; i < 50; i++) {
                long ms = Runner.backoff(attempt).toMillis();
                assertTrue(ms >= Math.round(base * 0.8) && ms <= Math.round(base * 1.2),
                        "backoff after attempt " + attempt + " was " + ms + " ms, base " + base);
            }
        }
        assertTrue(Runner.backoff(1_000).toMillis() <= 6000, "huge attempt numbers stay capped");
    }
}
