package io.smokegate.run;

import static io.smokegate.run.Checklists.checklist;
import static io.smokegate.run.Checklists.needing;
import static io.smokegate.run.Checklists.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Outcome;
import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Checklist;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress events: complete, in a sensible order, and unable to hurt the run. */
class RunnerListenerTest extends RunnerTestSupport {

    /** Records every event as text, in the order the runner delivered them. */
    static final class Recorder implements RunListener {
        final List<String> events = new ArrayList<>();
        RunReport finished;

        @Override
        public synchronized void runStarted(String runId, Checklist checklist) {
            events.add("runStarted " + checklist.name());
        }

        @Override
        public synchronized void checkStarted(CheckSpec check) {
            events.add("checkStarted " + check.id());
        }

        @Override
        public synchronized void checkRetrying(CheckSpec check, int failedAttempt, String message, Duration backoff) {
            events.add("checkRetrying " + check.id() + " " + failedAttempt);
        }

        @Override
        public synchronized void checkFinished(CheckResult result) {
            events.add("checkFinished " + result.id() + " " + result.status().label());
        }

        @Override
        public synchronized void runFinished(RunReport report) {
            events.add("runFinished " + report.status().label());
            finished = report;
        }

        synchronized List<String> eventsOf(String checkId) {
            return events.stream().filter(e -> e.startsWith("check") && e.split(" ")[1].equals(checkId)).toList();
        }
    }

    /** Throws from every callback. */
    static final class Exploding implements RunListener {
        @Override
        public void runStarted(String runId, Checklist checklist) {
            throw new IllegalStateException("runStarted");
        }

        @Override
        public void checkStarted(CheckSpec check) {
            throw new IllegalStateException("checkStarted");
        }

        @Override
        public void checkRetrying(CheckSpec check, int failedAttempt, String message, Duration backoff) {
            throw new IllegalStateException("checkRetrying");
        }

        @Override
        public void checkFinished(CheckResult result) {
            throw new IllegalStateException("checkFinished");
        }

        @Override
        public void runFinished(RunReport report) {
            throw new IllegalStateException("runFinished");
        }
    }

    private static Checklist mixedChecklist() {
        int[] flakyCalls = {0};
        return checklist(3, List.of(
                spec("ok", probe -> Outcome.pass("ok")),
                spec("flaky", Duration.ofSeconds(1), 1, List.of(), probe ->
                        ++flakyCalls[0] == 1 ? Outcome.fail("first try fails") : Outcome.pass("second try passes")),
                spec("down", probe -> Outcome.fail("connection refused")),
                needing("after-down", List.of("down"), probe -> Outcome.pass("never runs"))));
    }

    @Test
    void eventsArriveInOrderForTheRunAndForEachCheck() {
        Recorder recorder = new Recorder();

        RunReport report = run(mixedChecklist(), recorder, new RunControl());

        assertEquals("runStarted runner-test", recorder.events.get(0));
        assertEquals("runFinished failed", recorder.events.get(recorder.events.size() - 1));
        assertSame(report, recorder.finished);
        assertEquals(List.of("checkStarted ok", "checkFinished ok passed"), recorder.eventsOf("ok"));
        assertEquals(List.of("checkStarted flaky", "checkRetrying flaky 1", "checkFinished flaky passed"),
                recorder.eventsOf("flaky"));
        assertEquals(List.of("checkStarted down", "checkFinished down failed"), recorder.eventsOf("down"));
        assertEquals(List.of("checkFinished after-down skipped"), recorder.eventsOf("after-down"),
                "a skipped check finishes without starting");
        assertEquals(2 + 2 + 3 + 2 + 1, recorder.events.size());
    }

    @Test
    void checkStartedBeforeFinishedEvenUnderConcurrency() {
        Recorder recorder = new Recorder();
        List<CheckSpec> checks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            checks.add(spec("c" + i, probe -> {
                Thread.sleep(5);
                return Outcome.pass("ok");
            }));
        }

        run(checklist(8, checks), recorder, new RunControl());

        for (int i = 0; i < 30; i++) {
            assertEquals(List.of("checkStarted c" + i, "checkFinished c" + i + " passed"), recorder.eventsOf("c" + i));
        }
    }

    @Test
    void throwingListenerDoesNotBreakTheRun() {
        RunReport report = run(mixedChecklist(), new Exploding(), new RunControl());

        assertEquals(RunStatus.FAILED, report.status());
        assertEquals(4, report.checks().size());
        assertEquals(CheckStatus.PASSED, byId(report).get("flaky").status());
        assertEquals(CheckStatus.SKIPPED, byId(report).get("after-down").status());
    }

    @Test
    void throwingListenerDoesNotStopTheOthersOfAComposite() {
        Recorder recorder = new Recorder();

        RunReport report = run(mixedChecklist(), RunListener.all(new Exploding(), recorder), new RunControl());

        assertSame(report, recorder.finished);
        assertEquals(10, recorder.events.size());
    }

    @Test
    void listenerThatThrowsOnlyForOneCheckDoesNotChangeThatChecksResult() {
        RunListener picky = new RunListener() {
            @Override
            public void checkFinished(CheckResult result) {
                if (result.id().equals("ok")) {
                    throw new IllegalStateException("picky");
                }
            }
        };

        RunReport report = run(mixedChecklist(), picky, new RunControl());

        assertEquals(CheckStatus.PASSED, byId(report).get("ok").status());
        assertTrue(byId(report).get("after-down").message().startsWith("needs down"));
    }
}
