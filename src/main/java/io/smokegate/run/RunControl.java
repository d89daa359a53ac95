package io.smokegate.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancellation of one run, from any thread (Ctrl-C, the API, shutdown). Threads working for the run
 * register themselves so cancelling interrupts them instead of waiting out their timeouts.
 */
public final class RunControl {

    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private volatile String cancelReason;

    public void cancel(String reason) {
        synchronized (this) {
            if (cancelReason != null) {
                return;
            }
            cancelReason = reason;
        }
        workers.forEach(Thread::interrupt);
    }

    public boolean isCancelled() {
        return cancelReason != null;
    }

    public String cancelReason() {
        return cancelReason;
    }

    /** Registers the calling thread; returns false (and registers nothing) if the run is already cancelled. */
    boolean enter() {
        workers.add(Thread.currentThread());
        if (isCancelled()) {
            workers.remove(Thread.currentThread());
            return false;
        }
        return true;
    }

    void exit() {
        workers.remove(Thread.currentThread());
        Thread.interrupted();
    }
}
