package io.smokegate.leader;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The state an election keeps: whether this replica leads, and who to tell when that changes. */
final class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class.getName());

    private final List<LeaderElection.Listener> listeners = new CopyOnWriteArrayList<>();
    private final String how;
    private boolean leading;

    Leadership(String how) {
        this.how = how;
    }

    synchronized boolean leading() {
        return leading;
    }

    synchronized void add(LeaderElection.Listener listener) {
        listeners.add(listener);
        if (leading) {
            listener.leadership(true);
        }
    }

    /** Records the new state; listeners hear only real changes, in order, under this lock. */
    synchronized void set(boolean now) {
        if (now == leading) {
            return;
        }
        leading = now;
        LOG.log(now ? Level.INFO : Level.WARNING, now ? "this replica is now the leader" : "this replica is no longer the leader",
                new Object[] {"election=" + how});
        for (LeaderElection.Listener l : listeners) {
            try {
                l.leadership(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a leadership listener failed: " + e.getMessage(), e);
            }
        }
    }
}
