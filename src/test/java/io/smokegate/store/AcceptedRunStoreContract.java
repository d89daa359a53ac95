package io.smokegate.store;

import static io.smokegate.testing.SampleRuns.T0;
import static io.smokegate.testing.SampleRuns.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.testing.SampleRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link AcceptedRunStore} promises, whatever the database: {@link SqliteAcceptedRunStoreTest} and
 * {@link PostgresAcceptedRunStoreTest} run these same tests.
 */
abstract class AcceptedRunStoreContract {

    static final Replica OWNER = new Replica("0b5c1d7e-4a4f-4e43-9b1c-0c8f0e7a1d11", "node-a", 4242, 1_700_000_000_000L,
            T0, T0);

    Database db;
    AcceptedRunStore accepted;
    RunStore runs;

    abstract Database openEmptyDatabase() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        db = openEmptyDatabase();
        Migrations.apply(db);
        accepted = new AcceptedRunStore(db);
        runs = new RunStore(db, CheckRegistry.standard());
        accepted.register(OWNER);
    }

    @AfterEach
    void closeStore() {
        if (db != null) {
            db.close();
        }
    }

    static AcceptedRun queued(String id) {
        return new AcceptedRun(id, "athens-prod", Map.of("env", "prod"), "api", "ci", OWNER.id(), T0, null,
                List.of(new AcceptedRun.PlannedCheck("list", "goproxy.list", 1), new AcceptedRun.PlannedCheck("zip", "goproxy.module", 2.5)));
    }

    static RunReport aborted(AcceptedRun run) {
        return new RunReport(run.id(), run.checklist(), run.labels(), RunStatus.ABORTED, run.trigger(), run.acceptedAt(),
                Duration.ZERO, run.checks().stream().map(c -> CheckResult.skipped(c.id(), c.type(), c.weight(),
                        run.acceptedAt(), "owner died")).toList());
    }

    @Test
    void anAcceptedRunIsFoundWithEveryField() throws Exception {
        AcceptedRun run = queued(RunIds.next());

        accepted.accept(run);

        assertEquals(Optional.of(run), accepted.find(run.id()));
        assertEquals(List.of(run), accepted.ownedBy(OWNER.id()));
    }

    @Test
    void aStartedRunKeepsItsStartTime() throws Exception {
        AcceptedRun run = queued(RunIds.next());
        accepted.accept(run);

        accepted.started(run.id(), T0.plusSeconds(3));

        AcceptedRun found = accepted.find(run.id()).orElseThrow();
        assertTrue(found.running());
        assertEquals(T0.plusSeconds(3), found.startedAt());
    }

    @Test
    void storingTheReportTakesTheRunOffTheAcceptedRunsInTheSameTransaction() throws Exception {
        String id = RunIds.next();
        accepted.accept(queued(id));
        RunReport report = SampleRuns.run(id, "athens-prod", T0, check("list", CheckStatus.PASSED, "ok"));

        runs.save(report);

        assertEquals(Optional.empty(), accepted.find(id));
        assertEquals(Optional.of(report), runs.find(id));
    }

    @Test
    void aWithdrawnRunIsGone() throws Exception {
        AcceptedRun run = queued(RunIds.next());
        accepted.accept(run);

        accepted.withdraw(run.id());

        assertEquals(Optional.empty(), accepted.find(run.id()));
    }

    @Test
    void abandoningStoresTheRunAsAbortedAndRemovesIt() throws Exception {
        AcceptedRun run = queued(RunIds.next());
        accepted.accept(run);

        assertTrue(accepted.abandon(run, aborted(run)));

        assertEquals(Optional.empty(), accepted.find(run.id()));
        RunReport stored = runs.find(run.id()).orElseThrow();
        assertEquals(RunStatus.ABORTED, stored.status());
        assertEquals(List.of("list", "zip"), stored.checks().stream().map(CheckResult::id).toList());
        assertEquals("owner died", stored.checks().get(1).message());
        assertEquals(2.5, stored.checks().get(1).weight());
    }

    @Test
    void abandoningARunItsOwnerFinishedMeanwhileChangesNothing() throws Exception {
        AcceptedRun run = queued(RunIds.next());
        accepted.accept(run);
        RunReport real = SampleRuns.run(run.id(), "athens-prod", T0, check("list", CheckStatus.PASSED, "ok"));
        runs.save(real);

        assertFalse(accepted.abandon(run, aborted(run)));

        assertEquals(Optional.of(real), runs.find(run.id()));
    }

    @Test
    void aReplicaThatStillOwnsRunsIsNotForgotten() throws Exception {
        accepted.accept(queued(RunIds.next()));

        accepted.forget(OWNER.id());

        assertEquals(List.of(OWNER), accepted.replicas());
        assertEquals(List.of(), accepted.ownersWithoutReplica());
    }

    @Test
    void aReplicaWithoutRunsIsForgottenAndItsHeartbeatSaysSo() throws Exception {
        accepted.forget(OWNER.id());

        assertEquals(List.of(), accepted.replicas());
        assertFalse(accepted.heartbeat(OWNER.id(), T0.plusSeconds(10)));
    }

    @Test
    void aHeartbeatMovesTheReplicasTime() throws Exception {
        Instant later = T0.plusSeconds(10);

        assertTrue(accepted.heartbeat(OWNER.id(), later));

        assertEquals(later, accepted.replicas().get(0).heartbeatAt());
    }

    static RunReport triggered(String checklist, String trigger, Instant startedAt) {
        RunReport r = SampleRuns.passing(checklist, startedAt);
        return new RunReport(r.runId(), r.checklist(), r.labels(), r.status(), trigger, r.startedAt(), r.duration(), r.checks());
    }

    @Test
    void theLastStartOfAScheduledRunIsTheLatestOfTheStoredAndTheAcceptedOnes() throws Exception {
        assertEquals(Optional.empty(), accepted.lastStart("athens-prod", "schedule"));
        runs.save(triggered("athens-prod", "schedule", T0.plusSeconds(10)));
        runs.save(triggered("athens-prod", "api", T0.plusSeconds(30)));
        runs.save(triggered("other", "schedule", T0.plusSeconds(40)));
        assertEquals(Optional.of(T0.plusSeconds(10)), accepted.lastStart("athens-prod", "schedule"));

        AcceptedRun queued = queued(RunIds.next());
        accepted.accept(new AcceptedRun(queued.id(), queued.checklist(), queued.labels(), "schedule", "scheduler",
                queued.owner(), T0.plusSeconds(20), null, queued.checks()));

        assertEquals(Optional.of(T0.plusSeconds(20)), accepted.lastStart("athens-prod", "schedule"));
    }
}
