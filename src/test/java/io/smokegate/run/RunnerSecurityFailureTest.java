package io.smokegate.run;

import static io.smokegate.run.Checklists.checklist;
import static io.smokegate.run.Checklists.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Outcome;
import io.smokegate.check.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunnerSecurityFailureTest extends RunnerTestSupport {

    @Test
    void aSecurityFailureIsNeverRetriedAndIsMarkedInTheDetails() {
        AtomicInteger calls = new AtomicInteger();
        RunReport report = run(checklist(1, List.of(spec("sumdb", Duration.ofSeconds(1), 3, List.of(), probe -> {
            calls.incrementAndGet();
            return Outcome.securityFailure("the checksum database forked");
        }))));
        CheckResult result = report.checks().get(0);
        assertEquals(CheckStatus.FAILED, result.status());
        assertEquals(1, calls.get(), "retrying could turn proof of misbehaviour into a pass");
        assertEquals(1, result.attempts());
        assertEquals(Runner.SECURITY, result.details().get(Runner.SEVERITY));
    }

    @Test
    void aSecurityFailureCarriesTheSecuritySeverityField() {
        RunReport report = run(checklist(1, List.of(spec("sumdb", probe -> Outcome.securityFailure("rolled back")))));
        assertEquals(Severity.SECURITY, report.checks().get(0).severity());
    }

    @Test
    void anOrdinaryFailureHasNormalSeverity() {
        RunReport report = run(checklist(1, List.of(spec("plain", probe -> Outcome.fail("status 500")))));
        assertEquals(Severity.NORMAL, report.checks().get(0).severity());
    }

    @Test
    void onlyAFailedCheckCanBeASecurityFailure() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CheckResult("x", "http",
                CheckStatus.PASSED, Instant.EPOCH, Duration.ZERO, "ok", Map.of(), List.of(), 1, 1, Severity.SECURITY));
        assertEquals("only a failed check can be a security failure, not a passed one", e.getMessage());
    }

    @Test
    void anOrdinaryFailureCarriesNoSeverity() {
        RunReport report = run(checklist(1, List.of(spec("plain", probe -> Outcome.fail("status 500")))));
        assertEquals(null, report.checks().get(0).details().get(Runner.SEVERITY));
    }
}
