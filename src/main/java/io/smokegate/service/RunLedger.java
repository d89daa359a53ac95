package io.smokegate.service;

import io.smokegate.check.CheckResult;
import io.smokegate.chaos.Owner;
import io.smokegate.chaos.OwnerLiveness;
import io.smokegate.run.RunJournal;
import io.smokegate.run.RunRejectedException;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import io.smokegate.run.RunTicket;
import io.smokegate.store.AcceptedRun;
import io.smokegate.store.AcceptedRunStore;
import io.smokegate.store.Replica;
import io.smokegate.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the promise of an accepted run across crashes. Every run is written down when the queue accepts it,
 * owned by this replica; the replica beats a heartbeat; and runs whose owner is dead — its process is gone
 * from this host, or its heartbeat is stale — are stored as aborted with the reason. Only dead owners' runs
 * are touched, so replicas sharing PostgreSQL never take each other's live runs.
 */
public final class RunLedger implements RunJournal, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunLedger.class.getName());
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** Six missed heartbeats: long enough for a database failover, short enough that nobody waits long. */
    static final Duration STALE_AFTER = Duration.ofSeconds(60);

    /** Whether a process that a replica row names still runs on this host. */
    @FunctionalInterface
    interface Processes {
        boolean alive(long pid, long processStart);

        Processes OF_THIS_HOST = OwnerLiveness::processAlive;
    }

    private final AcceptedRunStore store;
    private final Replica self;
    private final Clock clock;
    private final Processes processes;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("run-ledger-heartbeat").factory());

    RunLedger(AcceptedRunStore store, Replica self, Clock clock, Processes processes) {
        this.store = store;
        this.self = self;
        this.clock = clock;
        this.processes = processes;
    }

    /** The ledger of this process. */
    public static RunLedger forThisProcess(AcceptedRunStore store, Clock clock) {
        ProcessHandle me = ProcessHandle.current();
        Instant now = clock.instant();
        long processStart = me.info().startInstant().map(Instant::toEpochMilli).orElse(now.toEpochMilli());
        return new RunLedger(store, new Replica(UUID.randomUUID().toString(), Owner.hostName(), me.pid(), processStart, now, now),
                clock, Processes.OF_THIS_HOST);
    }

    public Replica self() {
        return self;
    }

    /** Registers this replica, gives up the runs of dead ones, and keeps doing both every heartbeat. */
    public void start() throws StoreException {
        store.register(self);
        recover();
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void accepted(RunTicket ticket) throws RunRejectedException {
        List<AcceptedRun.PlannedCheck> checks = ticket.checklist().checks().stream()
                .map(c -> new AcceptedRun.PlannedCheck(c.id(), c.type(), c.weight())).toList();
        try {
            store.accept(new AcceptedRun(ticket.runId(), ticket.checklist().name(), ticket.checklist().labels(),
                    ticket.trigger(), ticket.requestedBy(), self.id(), ticket.submittedAt(), null, checks));
        } catch (StoreException e) {
            // Without the record a crash would lose the run: better to refuse it now.
            throw new RunRejectedException("the run could not be recorded, so it was not accepted: " + e.getMessage(), null);
        }
    }

    @Override
    public void withdrawn(RunTicket ticket) {
        try {
            store.withdraw(ticket.runId());
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "a run that was not queued stays recorded until this replica restarts: " + e.getMessage(),
                    new Object[] {"runId=" + ticket.runId()});
        }
    }

    @Override
    public void started(RunTicket ticket) {
        try {
            store.started(ticket.runId(), clock.instant());
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot record that a run started: " + e.getMessage(), new Object[] {"runId=" + ticket.runId()});
        }
    }

    /** A run some replica accepted and has not finished, if there is one with this id. */
    public Optional<AcceptedRun> find(String runId) throws StoreException {
        return store.find(runId);
    }

    /**
     * Whether the replica {@code replicaId} lives, as the ledger judges it: this one does; a registered one unless
     * {@link #dead}; one no longer registered is gone (the ledger forgets dead replicas, and every replica of a
     * shared database registers at start). For chaos objects and experiments that a replica owns.
     */
    public Optional<Boolean> replicaAlive(String replicaId) {
        if (replicaId.equals(self.id())) {
            return Optional.of(true);
        }
        try {
            Instant now = clock.instant();
            return Optional.of(store.replicas().stream().filter(r -> r.id().equals(replicaId)).anyMatch(r -> !dead(r, now)));
        } catch (StoreException e) {
            // Without the database nothing can be told: the caller leaves the replica's things alone.
            return Optional.empty();
        }
    }

    /**
     * When a run of {@code checklist} with {@code trigger} was last accepted or started by any replica, for the
     * scheduler of a new leader; empty when there was none or the database cannot tell (the schedule then starts
     * afresh, as on a first start).
     */
    public Optional<Instant> lastStart(String checklist, String trigger) {
        try {
            return store.lastStart(checklist, trigger);
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot read when the checklist last ran; its schedule starts afresh: " + e.getMessage(),
                    new Object[] {"checklist=" + checklist});
            return Optional.empty();
        }
    }

    /** Stores every run of every dead replica as aborted; returns how many. */
    int recover() throws StoreException {
        Instant now = clock.instant();
        int abandoned = 0;
        for (Replica other : store.replicas()) {
            if (!other.id().equals(self.id()) && dead(other, now)) {
                abandoned += abandon(store.ownedBy(other.id()), describe(other) + " stopped");
                store.forget(other.id());
            }
        }
        for (String owner : store.ownersWithoutReplica()) {
            abandoned += abandon(store.ownedBy(owner), "the smokegate replica " + owner + " is gone");
        }
        return abandoned;
    }

    /** Dead: its process no longer runs on this host (pid gone, or reused by another process), or silent too long. */
    boolean dead(Replica other, Instant now) {
        if (other.heartbeatAt().isBefore(now.minus(STALE_AFTER))) {
            return true;
        }
        return other.host().equals(self.host()) && !processes.alive(other.pid(), other.processStart());
    }

    private int abandon(List<AcceptedRun> runs, String what) throws StoreException {
        int count = 0;
        for (AcceptedRun run : runs) {
            String why = what + (run.running() ? " before the run finished" : " before the run started")
                    + "; recorded as aborted by " + describe(self) + " at " + clock.instant();
            if (store.abandon(run, aborted(run, why))) {
                count++;
                LOG.log(Level.WARNING, "run of a dead replica recorded as aborted", new Object[] {"runId=" + run.id(),
                    "checklist=" + run.checklist(), "owner=" + run.owner(), "reason=" + why});
            }
        }
        return count;
    }

    static RunReport aborted(AcceptedRun run, String why) {
        Instant at = run.running() ? run.startedAt() : run.acceptedAt();
        List<CheckResult> checks = run.checks().stream()
                .map(c -> CheckResult.skipped(c.id(), c.type(), c.weight(), at, why)).toList();
        return new RunReport(run.id(), run.checklist(), run.labels(), RunStatus.ABORTED, run.trigger(), at, Duration.ZERO, checks);
    }

    private void beat() {
        try {
            if (!store.heartbeat(self.id(), clock.instant())) {
                // Another replica took us for dead (a pause or a partition longer than STALE_AFTER): say we are
                // here again. Runs it recorded as aborted stay so; their real reports go to the log when storing fails.
                LOG.warning("this replica had been declared dead by another; registering again");
                store.register(self);
            }
            recover();
        } catch (StoreException | RuntimeException e) {
            LOG.log(Level.WARNING, "heartbeat failed, retrying in " + HEARTBEAT.toSeconds() + " s: " + e.getMessage());
        }
    }

    /** Stops beating and, when this replica owns no runs any more, removes it. Call after the queue has drained. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(5, TimeUnit.SECONDS);
            store.forget(self.id());
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot remove this replica's record; the next start-up does: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Replica r) {
        return "the smokegate process " + r.pid() + " on " + r.host();
    }
}
