package io.smokegate.run;

import static io.smokegate.run.Checklists.checklist;
import static io.smokegate.run.Checklists.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A check that breaks is the check's problem, reported as such, and nobody else's. */
class RunnerFailureIsolationTest extends RunnerTestSupport {

    @Test
    void throwingCheckIsAnInternalErrorAndOthersAreUnaffected() {
        RunReport report = run(checklist(4, List.of(
                spec("before", probe -> Outcome.pass("ok")),
                spec("boom", probe -> {
                    throw new IllegalStateException("kaput");
                }),
                spec("after", probe -> {
                    Thread.sleep(50);
                    return Outcome.fail("503 Service Unavailable");
                }))));

        Map<String, CheckResult> results = byId(report);
        assertEquals(CheckStatus.ERROR, results.get("boom").status());
        assertEquals("internal error in test.lambda check: IllegalStateException: kaput", results.get("boom").message());
        assertEquals(CheckStatus.PASSED, results.get("before").status());
        assertEquals(CheckStatus.FAILED, results.get("after").status());
        assertEquals("503 Service Unavailable", results.get("after").message());
        assertEquals(3, report.checks().size());
    }

    @Test
    void exceptionWithoutMessageIsNamedByItsClass() {
        RunReport report = run(checklist(1, List.of(spec("npe", probe -> {
            throw new NullPointerException();
        }))));

        assertEquals("internal error in test.lambda check: NullPointerException", report.checks().get(0).message());
    }

    @Test
    void checkedExceptionIsAnInternalErrorToo() {
        RunReport report = run(checklist(1, List.of(spec("io", probe -> {
            throw new java.io.IOException("disk full");
        }))));

        assertEquals(CheckStatus.ERROR, report.checks().get(0).status());
        assertEquals("internal error in test.lambda check: IOException: disk full", report.checks().get(0).message());
    }

    @Test
    void checkReturningNoOutcomeIsAnInternalErrorNotACrashOfTheRun() {
        RunReport report = run(checklist(2, List.of(
                spec("null-outcome", probe -> null),
                spec("fine", probe -> Outcome.pass("ok")))));

        Map<String, CheckResult> results = byId(report);
        assertEquals(CheckStatus.ERROR, results.get("null-outcome").status());
        assertEquals("internal error in test.lambda check: it returned no outcome", results.get("null-outcome").message());
        assertEquals(CheckStatus.PASSED, results.get("fine").status());
    }

    @Test
    void runWithAnErrorButNoFailureIsError() {
        RunReport report = run(checklist(2, List.of(
                spec("ok", probe -> Outcome.pass("ok")),
                spec("boom", probe -> {
                    throw new IllegalStateException("kaput");
                }))));

        assertEquals(RunStatus.ERROR, report.status());
    }

    @Test
    void failedCheckOutweighsAnErroredOneInTheRunStatus() {
        RunReport report = run(checklist(2, List.of(
                spec("boom", probe -> {
                    throw new IllegalStateException("kaput");
                }),
                spec("down", probe -> Outcome.fail("connection refused")))));

        assertEquals(RunStatus.FAILED, report.status());
    }

    @Test
    void reportCarriesRunMetadata() {
        String runId = RunIds.next();
        RunReport report = new Runner(context).run(checklist(1, List.of(spec("ok", probe -> Outcome.pass("ok")))),
                runId, "schedule", RunListener.NONE, new RunControl());

        assertEquals(runId, report.runId());
        assertEquals("runner-test", report.checklist());
        assertEquals(Map.of("env", "test"), report.labels());
        assertEquals("schedule", report.trigger());
        assertEquals(Checklists.TYPE, report.checks().get(0).type());
        assertEquals(1.0, report.checks().get(0).weight());
    }
}
