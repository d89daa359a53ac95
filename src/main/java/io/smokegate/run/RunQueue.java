package io.smokegate.run;

import io.smokegate.check.CheckResult;
import io.smokegate.checklist.CheckSpec;
import io.smokegate.checklist.Checklist;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs submitted by the API and the scheduler: at most {@code maxConcurrent} at a time, at most
 * {@code capacity} waiting (more are rejected, never silently dropped). Every accepted run ends in a
 * report handed to the sink — also when it is cancelled or the service shuts down — so none is lost.
 */
public final class RunQueue {

    private static final Logger LOG = Logger.getLogger(RunQueue.class.getName());

    /** Receives every finished run, in the worker thread, before its ticket completes. */
    @FunctionalInterface
    public interface Sink {
        void accept(RunReport report);
    }

    private final Runner runner;
    private final RunJournal journal;
    private final Sink sink;
    private final BlockingQueue<RunTicket> waiting;
    private final Map<String, RunTicket> active = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final int capacity;
    private volatile boolean accepting = true;
    private volatile long averageRunMillis = 5_000;

    public RunQueue(Runner runner, RunJournal journal, Sink sink, int maxConcurrent, int capacity) {
        if (maxConcurrent < 1 || capacity < 1) {
            throw new IllegalArgumentException("a run queue needs at least one worker and one waiting place");
        }
        this.runner = runner;
        this.journal = journal;
        this.sink = sink;
        this.capacity = capacity;
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.workers = Executors.newFixedThreadPool(maxConcurrent, Thread.ofVirtual().name("run-worker-", 0).factory());
        for (int i = 0; i < maxConcurrent; i++) {
            workers.execute(this::work);
        }
    }

    /**
     * Accepts a run or says why not. Never waits for a worker, but blocks while the journal writes the run
     * down: call it off the event loop.
     */
    public RunTicket submit(Checklist checklist, String trigger, String requestedBy) throws RunRejectedException {
        if (!accepting) {
            throw new RunRejectedException("the service is shutting down", null);
        }
        if (waiting.remainingCapacity() == 0) {
            throw full();
        }
        RunTicket ticket = new RunTicket(RunIds.next(), checklist, trigger, requestedBy);
        journal.accepted(ticket);
        active.put(ticket.runId(), ticket);
        if (!waiting.offer(ticket)) {
            active.remove(ticket.runId());
            journal.withdrawn(ticket);
            throw full();
        }
        return ticket;
    }

    private RunRejectedException full() {
        return new RunRejectedException("run queue is full (" + capacity + " waiting)",
                Duration.ofMillis(Math.max(1000, averageRunMillis)));
    }

    public Optional<RunTicket> find(String runId) {
        return Optional.ofNullable(active.get(runId));
    }

    public Collection<RunTicket> active() {
        return List.copyOf(active.values());
    }

    public boolean isActive(String checklist) {
        return active.values().stream().anyMatch(t -> t.checklist().name().equals(checklist));
    }

    /** Runs waiting for a worker. */
    public int queued() {
        return waiting.size();
    }

    public int running() {
        return (int) active.values().stream().filter(t -> t.state() == RunTicket.State.RUNNING).count();
    }

    /** Cancels a queued or running run; false if it is not active (finished or unknown). */
    public boolean cancel(String runId, String reason) {
        RunTicket ticket = active.get(runId);
        if (ticket == null) {
            return false;
        }
        ticket.control().cancel(reason);
        if (waiting.remove(ticket)) {
            deliver(ticket, notStarted(ticket, reason));
        }
        return true;
    }

    private void work() {
        while (accepting || !waiting.isEmpty()) {
            RunTicket ticket;
            try {
                ticket = waiting.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (ticket != null) {
                execute(ticket);
            }
        }
    }

    private void execute(RunTicket ticket) {
        RunReport report;
        if (ticket.control().isCancelled()) {
            report = notStarted(ticket, ticket.control().cancelReason());
        } else {
            ticket.started();
            journal.started(ticket);
            report = runner.run(ticket.checklist(), ticket.runId(), ticket.trigger(), ticket, ticket.control());
            averageRunMillis = (averageRunMillis * 3 + report.duration().toMillis()) / 4;
        }
        deliver(ticket, report);
    }

    private void deliver(RunTicket ticket, RunReport report) {
        ticket.ended(report);
        try {
            sink.accept(report);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "finished run could not be delivered", e);
        } finally {
            active.remove(ticket.runId());
            ticket.finished(report);
        }
    }

    /**
     * Stops taking runs, lets running ones finish within {@code grace}, then cancels them; runs still
     * waiting are recorded as aborted without starting. Returns once every report was delivered.
     */
    public void shutdown(Duration grace) {
        accepting = false;
        List<RunTicket> neverStarted = new ArrayList<>();
        waiting.drainTo(neverStarted);
        for (RunTicket t : neverStarted) {
            deliver(t, notStarted(t, "the service shut down before the run started"));
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                // Cancelling interrupts the checks, not the workers: they still have reports to store.
                active.values().forEach(t -> t.control().cancel("the service shut down"));
                if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warning("runs still unwinding 10 s after cancellation");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RunReport notStarted(RunTicket ticket, String why) {
        Checklist checklist = ticket.checklist();
        Instant now = Instant.now();
        List<CheckResult> skipped = new ArrayList<>();
        for (CheckSpec spec : checklist.checks()) {
            skipped.add(CheckResult.skipped(spec.id(), spec.type(), spec.weight(), now, why));
        }
        return new RunReport(ticket.runId(), checklist.name(), checklist.labels(), RunStatus.ABORTED, ticket.trigger(),
                now, Duration.ZERO, skipped);
    }
}
