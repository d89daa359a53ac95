package io.smokegate.run;

import io.smokegate.check.CheckResult;
import io.smokegate.checklist.Checklist;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A run the queue accepted: waiting, running, or finished ({@link #completion()} done). It collects
 * results as they arrive so callers can watch a run in progress.
 */
public final class RunTicket implements RunListener {

    public enum State { QUEUED, RUNNING, FINISHED }

    private final String runId;
    private final Checklist checklist;
    private final String trigger;
    private final String requestedBy;
    private final Instant submittedAt;
    private final RunControl control = new RunControl();
    private final CompletableFuture<RunReport> ended = new CompletableFuture<>();
    private final CompletableFuture<RunReport> completion = new CompletableFuture<>();
    private final List<CheckResult> finished = new ArrayList<>();
    private volatile State state = State.QUEUED;
    private volatile Instant startedAt;

    /** @param requestedBy the API token that asked for the run, or the component that started it (scheduler) */
    RunTicket(String runId, Checklist checklist, String trigger, String requestedBy) {
        this.runId = runId;
        this.checklist = checklist;
        this.trigger = trigger;
        this.requestedBy = requestedBy;
        this.submittedAt = Instant.now();
    }

    public String runId() {
        return runId;
    }

    public Checklist checklist() {
        return checklist;
    }

    public String trigger() {
        return trigger;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public State state() {
        return state;
    }

    public RunControl control() {
        return control;
    }

    /** Completes with the report as soon as the run ends, before it is stored. */
    public CompletableFuture<RunReport> ended() {
        return ended;
    }

    /** Completes with the report once it has been handed to every sink (stored, counted). */
    public CompletableFuture<RunReport> completion() {
        return completion;
    }

    public synchronized List<CheckResult> finishedChecks() {
        return List.copyOf(finished);
    }

    void started() {
        startedAt = Instant.now();
        state = State.RUNNING;
    }

    void ended(RunReport report) {
        ended.complete(report);
    }

    void finished(RunReport report) {
        state = State.FINISHED;
        completion.complete(report);
    }

    @Override
    public synchronized void checkFinished(CheckResult result) {
        finished.add(result);
    }
}
