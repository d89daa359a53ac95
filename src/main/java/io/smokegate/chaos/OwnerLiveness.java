package io.smokegate.chaos;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether the process that owns chaos objects still lives. A process on this host is asked about directly (its
 * pid, with its start time so a reused pid is not mistaken for it); a {@code serve} replica elsewhere by its
 * heartbeat in the shared database, when there is one; anything else cannot be known from here.
 */
@FunctionalInterface
public interface OwnerLiveness {

    enum State { ALIVE, DEAD, UNKNOWN }

    State of(Owner owner);

    /**
     * Liveness as seen from this host.
     *
     * @param replicas whether a {@code serve} replica (by id) still beats its heartbeat; empty when it cannot be told
     */
    static OwnerLiveness fromThisHost(Function<String, Optional<Boolean>> replicas) {
        String here = Owner.hostName();
        return owner -> {
            if (owner.host().equals(here)) {
                return processAlive(owner.pid(), owner.processStart()) ? State.ALIVE : State.DEAD;
            }
            if (owner.replica() != null) {
                return replicas.apply(owner.replica()).map(alive -> alive ? State.ALIVE : State.DEAD).orElse(State.UNKNOWN);
            }
            return State.UNKNOWN;
        };
    }

    /** The process {@code pid} runs and started at {@code processStart} (ms; 0: unknown, then any start matches). */
    static boolean processAlive(long pid, long processStart) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(h -> processStart == 0 || h.info().startInstant().map(Instant::toEpochMilli)
                        .map(s -> Math.abs(s - processStart) < 1000).orElse(true))
                .orElse(false);
    }
}
