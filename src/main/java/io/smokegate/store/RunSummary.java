package io.smokegate.store;

import io.smokegate.run.RunStatus;
import java.time.Duration;
import java.time.Instant;

/** A stored run without its check results, for listings. */
public record RunSummary(String runId, String checklist, RunStatus status, String trigger, Instant startedAt,
                         Duration duration, int passed, int failed, int errors, int skipped) {
}
