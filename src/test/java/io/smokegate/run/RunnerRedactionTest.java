package io.smokegate.run;

import static io.smokegate.run.Checklists.checklist;
import static io.smokegate.run.Checklists.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smokegate.check.CheckResult;
import io.smokegate.check.Outcome;
import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Redactor;
import io.smokegate.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Secrets a checklist took from the environment never leave the runner unmasked. */
class RunnerRedactionTest extends RunnerTestSupport {

    private static final String SECRET = "tok-9f8e7d6c5b4a";
    private static final String MASK = Redactor.MASK;

    private RunReport runWithSecret(CheckSpec... checks) {
        return runWithSecret(RunListener.NONE, checks);
    }

    private RunReport runWithSecret(RunListener listener, CheckSpec... checks) {
        return run(checklist(2, Redactor.of(Set.of(SECRET)), List.of(checks)), listener, new RunControl());
    }

    @Test
    void secretInAFailureMessageIsMasked() {
        RunReport report = runWithSecret(spec("echo", probe -> Outcome.fail("server echoed Bearer " + SECRET + " back")));

        assertEquals("server echoed Bearer " + MASK + " back", report.checks().get(0).message());
    }

    @Test
    void secretAnywhereInDetailsIsMasked() {
        RunReport report = runWithSecret(spec("details", probe -> {
            probe.detail("authorization", "Bearer " + SECRET);
            probe.detail("request", Map.of("headers", List.of("X-Token: " + SECRET, "Accept: */*")));
            probe.detail("status", 401);
            return Outcome.fail("401 Unauthorized");
        }));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("authorization", "Bearer " + MASK);
        expected.put("request", Map.of("headers", List.of("X-Token: " + MASK, "Accept: */*")));
        expected.put("status", 401);
        assertEquals(expected, report.checks().get(0).details());
    }

    @Test
    void secretInAPassingResultIsMaskedToo() {
        RunReport report = runWithSecret(spec("ok", probe -> {
            probe.detail("url", "https://user:" + SECRET + "@proxy.example/");
            return Outcome.pass("logged in with " + SECRET);
        }));

        CheckResult result = report.checks().get(0);
        assertEquals("logged in with " + MASK, result.message());
        assertEquals(Map.of("url", "https://user:" + MASK + "@proxy.example/"), result.details());
    }

    @Test
    void secretInAnExceptionMessageIsMasked() {
        RunReport report = runWithSecret(spec("boom", probe -> {
            throw new IllegalArgumentException("bad header value " + SECRET);
        }));

        assertEquals("internal error in test.lambda check: IllegalArgumentException: bad header value " + MASK,
                report.checks().get(0).message());
    }

    @Test
    void secretInEarlierAttemptsAndRetryEventsIsMasked() {
        List<String> retryMessages = Collections.synchronizedList(new ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public void checkRetrying(CheckSpec check, int failedAttempt, String message, Duration backoff) {
                retryMessages.add(message);
            }
        };
        int[] calls = {0};
        RunReport report = runWithSecret(listener, spec("flaky", Duration.ofSeconds(1), 1, List.of(), probe ->
                ++calls[0] == 1 ? Outcome.fail("rejected " + SECRET) : Outcome.pass("ok")));

        assertEquals(List.of("rejected " + MASK), report.checks().get(0).details().get("earlierAttempts"));
        assertEquals(List.of("rejected " + MASK), retryMessages);
    }

    @Test
    void listenersOnlyEverSeeMaskedResults() {
        List<CheckResult> seen = Collections.synchronizedList(new ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public void checkFinished(CheckResult result) {
                seen.add(result);
            }
        };

        runWithSecret(listener, spec("echo", probe -> {
            probe.detail("token", SECRET);
            return Outcome.fail("got " + SECRET);
        }));

        assertEquals(1, seen.size());
        assertFalse(seen.get(0).toString().contains(SECRET), seen.get(0).toString());
    }

    @Test
    void secretInAnExceptionIsNotLogged() {
        List<LogRecord> records;
        try (LogCapture log = LogCapture.of(Runner.class)) {
            runWithSecret(spec("boom", probe -> {
                throw new IllegalStateException("cannot use " + SECRET, new RuntimeException("cause has " + SECRET));
            }));
            records = log.records();
        }

        assertFalse(records.isEmpty(), "a broken check is worth a log line");
        for (LogRecord r : records) {
            StringBuilder text = new StringBuilder(String.valueOf(r.getMessage()));
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                text.append(' ').append(t);
            }
            assertFalse(text.toString().contains(SECRET), "log record leaks the secret: " + text);
        }
    }
}
