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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the runner orders and overlaps checks: in parallel up to the concurrency limit, after their needs. */
class RunnerSchedulingTest extends RunnerTestSupport {

    @Test
    void independentChecksRunInParallel() {
        List<CheckSpec> checks = IntStream.range(0, 20)
                .mapToObj(i -> spec("sleep-" + i, probe -> {
                    Thread.sleep(200);
                    return Outcome.pass("slept");
                }))
                .toList();

        long start = System.nanoTime();
        RunReport report = run(checklist(20, checks));
        long elapsed = millisSince(start);

        assertEquals(RunStatus.PASSED, report.status());
        assertEquals(20, report.count(CheckStatus.PASSED));
        assertTrue(elapsed < 1000, "20 checks of 200 ms with concurrency 20 took " + elapsed + " ms; serially they take 4 s");
        assertTrue(elapsed >= 200, "the run cannot be shorter than one check: " + elapsed + " ms");
    }

    @Test
    void noMoreChecksRunAtOnceThanTheConcurrencyLimit() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        List<CheckSpec> checks = IntStream.range(0, 12)
                .mapToObj(i -> spec("limited-" + i, probe -> {
                    int now = running.incrementAndGet();
                    maxRunning.accumulateAndGet(now, Math::max);
                    try {
                        Thread.sleep(100);
                    } finally {
                        running.decrementAndGet();
                    }
                    return Outcome.pass("ok");
                }))
                .toList();

        RunReport report = run(checklist(3, checks));

        assertEquals(12, report.count(CheckStatus.PASSED));
        assertEquals(3, maxRunning.get(), "most checks running at the same time");
    }

    @Test
    void resultsKeepChecklistOrderWhateverOrderChecksFinishIn() {
        List<CheckSpec> checks = IntStream.range(0, 5)
                .mapToObj(i -> spec("c" + i, probe -> {
                    Thread.sleep(50L * (5 - i));
                    return Outcome.pass("ok");
                }))
                .toList();

        RunReport report = run(checklist(5, checks));

        assertEquals(List.of("c0", "c1", "c2", "c3", "c4"), report.checks().stream().map(CheckResult::id).toList());
    }

    @Test
    void checkRunsOnlyAfterTheCheckItNeedsHasPassed() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        // "dependent" comes first in the checklist, so only the need keeps it waiting.
        RunReport report = run(checklist(4, List.of(
                needing("dependent", List.of("base"), probe -> {
                    events.add("dependent started");
                    return Outcome.pass("ok");
                }),
                spec("base", probe -> {
                    events.add("base started");
                    Thread.sleep(150);
                    events.add("base finished");
                    return Outcome.pass("ok");
                }))));

        assertEquals(RunStatus.PASSED, report.status());
        assertEquals(List.of("base started", "base finished", "dependent started"), events);
    }

    @Test
    void checkWhoseNeedFailedIsSkippedNamingTheNeedAndNeverRuns() {
        AtomicInteger dependentRuns = new AtomicInteger();
        RunReport report = run(checklist(4, List.of(
                spec("login", probe -> Outcome.fail("401 Unauthorized")),
                needing("profile", List.of("login"), probe -> {
                    dependentRuns.incrementAndGet();
                    return Outcome.pass("ok");
                }))));

        CheckResult profile = byId(report).get("profile");
        assertEquals(CheckStatus.SKIPPED, profile.status());
        assertEquals("needs login, which failed", profile.message());
        assertEquals(0, profile.attempts());
        assertEquals(0, dependentRuns.get());
        assertEquals(RunStatus.FAILED, report.status());
    }

    @Test
    void skippingPropagatesThroughChainsOfNeeds() {
        RunReport report = run(checklist(4, List.of(
                spec("a", probe -> {
                    throw new IllegalStateException("broken");
                }),
                needing("b", List.of("a"), probe -> Outcome.pass("ok")),
                needing("c", List.of("b"), probe -> Outcome.pass("ok")))));

        Map<String, CheckResult> results = byId(report);
        assertEquals(CheckStatus.ERROR, results.get("a").status());
        assertEquals("needs a, which error", results.get("b").message());
        assertEquals("needs b, which skipped", results.get("c").message());
        assertEquals(CheckStatus.SKIPPED, results.get("c").status());
    }

    @Test
    void checkWithSeveralNeedsRunsWhenAllPassAndIsSkippedWhenOneDoesNot() {
        RunReport report = run(checklist(4, List.of(
                spec("dns", probe -> Outcome.pass("resolved")),
                spec("tcp", probe -> Outcome.pass("connected")),
                spec("tls", probe -> Outcome.fail("certificate expired")),
                needing("http", List.of("dns", "tcp"), probe -> Outcome.pass("200 OK")),
                needing("api", List.of("dns", "tls"), probe -> Outcome.pass("200 OK")))));

        Map<String, CheckResult> results = byId(report);
        assertEquals(CheckStatus.PASSED, results.get("http").status());
        assertEquals(CheckStatus.SKIPPED, results.get("api").status());
        assertEquals("needs tls, which failed", results.get("api").message());
    }
}
