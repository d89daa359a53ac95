package io.smokegate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.run.RunIds;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.store.AcceptedRun;
import io.smokegate.store.AcceptedRunStore;
import io.smokegate.store.Database;
import io.smokegate.store.Migrations;
import io.smokegate.store.Replica;
import io.smokegate.store.RunStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLedgerTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dataDir;

    Database db;
    AcceptedRunStore store;
    RunStore runs;

    @BeforeEach
    void open() throws Exception {
        db = Database.sqlite(dataDir, Duration.ofSeconds(5));
        Migrations.apply(db);
        store = new AcceptedRunStore(db);
        runs = new RunStore(db, CheckRegistry.standard());
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A ledger on host {@code node-a} that sees exactly the processes in {@code alive} (by pid). */
    RunLedger ledger(Set<Long> alive) {
        Replica self = replica("node-a", 100, NOW);
        return new RunLedger(store, self, Clock.fixed(NOW, ZoneOffset.UTC), (pid, start) -> alive.contains(pid));
    }

    static Replica replica(String host, long pid, Instant heartbeat) {
        return new Replica(java.util.UUID.randomUUID().toString(), host, pid, 1_000, heartbeat.minusSeconds(600), heartbeat);
    }

    AcceptedRun accept(Replica owner, Instant startedAt) throws Exception {
        AcceptedRun run = new AcceptedRun(RunIds.next(), "athens-prod", Map.of(), "api", "ci", owner.id(),
                NOW.minusSeconds(30), startedAt, List.of(new AcceptedRun.PlannedCheck("list", "goproxy.list", 1)));
        store.accept(run);
        return run;
    }

    @Test
    void aQueuedRunOfAProcessThatIsGoneIsStoredAbortedSayingItNeverStarted() throws Exception {
        Replica dead = replica("node-a", 77, NOW.minusSeconds(5));
        store.register(dead);
        AcceptedRun run = accept(dead, null);

        assertEquals(1, ledger(Set.of()).recover());

        RunReport stored = runs.find(run.id()).orElseThrow();
        assertEquals(RunStatus.ABORTED, stored.status());
        CheckResult check = stored.checks().get(0);
        assertEquals(CheckStatus.SKIPPED, check.status());
        assertTrue(check.message().startsWith("the smokegate process 77 on node-a stopped before the run started; "
                + "recorded as aborted by the smokegate process 100 on node-a at 2026-12-06T12:00:00Z"), check.message());
        assertEquals(Optional.empty(), store.find(run.id()));
        assertEquals(List.of(), store.replicas(), "the dead replica is forgotten once its runs are stored");
    }

    @Test
    void aRunningRunOfAProcessThatIsGoneIsStoredAbortedSayingItDidNotFinish() throws Exception {
        Replica dead = replica("node-a", 77, NOW.minusSeconds(5));
        store.register(dead);
        AcceptedRun run = accept(dead, NOW.minusSeconds(20));

        ledger(Set.of()).recover();

        RunReport stored = runs.find(run.id()).orElseThrow();
        assertTrue(stored.checks().get(0).message().startsWith("the smokegate process 77 on node-a stopped before the run finished"),
                stored.checks().get(0).message());
        assertEquals(NOW.minusSeconds(20), stored.startedAt());
    }

    @Test
    void runsOfALiveProcessOnThisHostAreLeftAlone() throws Exception {
        Replica alive = replica("node-a", 77, NOW.minusSeconds(5));
        store.register(alive);
        AcceptedRun run = accept(alive, null);

        assertEquals(0, ledger(Set.of(77L)).recover());

        assertEquals(Optional.of(run), store.find(run.id()));
        assertEquals(Optional.empty(), runs.find(run.id()));
    }

    @Test
    void runsOfAReplicaOnAnotherHostAreLeftAloneWhileItsHeartbeatIsFresh() throws Exception {
        Replica other = replica("node-b", 77, NOW.minus(RunLedger.STALE_AFTER).plusSeconds(1));
        store.register(other);
        AcceptedRun run = accept(other, NOW.minusSeconds(20));

        assertEquals(0, ledger(Set.of()).recover());

        assertEquals(Optional.of(run), store.find(run.id()));
    }

    @Test
    void aReplicaSilentForLongerThanTheStaleLimitIsDeadWhereverItRan() throws Exception {
        Replica silent = replica("node-b", 77, NOW.minus(RunLedger.STALE_AFTER).minusSeconds(1));
        store.register(silent);
        AcceptedRun run = accept(silent, NOW.minusSeconds(20));

        assertEquals(1, ledger(Set.of(77L)).recover());

        assertEquals(RunStatus.ABORTED, runs.find(run.id()).orElseThrow().status());
    }

    @Test
    void runsWhoseOwnerLeftNoRecordAreStoredAborted() throws Exception {
        Replica vanished = replica("node-b", 77, NOW);
        AcceptedRun run = accept(vanished, null);

        assertEquals(1, ledger(Set.of()).recover());

        assertTrue(runs.find(run.id()).orElseThrow().checks().get(0).message()
                .startsWith("the smokegate replica " + vanished.id() + " is gone before the run started"));
    }

    @Test
    void theLedgersOwnRunsAreNeverTakenForDead() throws Exception {
        RunLedger ledger = ledger(Set.of());
        store.register(ledger.self());
        AcceptedRun own = accept(ledger.self(), NOW.minusSeconds(20));

        assertEquals(0, ledger.recover());

        assertEquals(Optional.of(own), store.find(own.id()));
    }
}
