package io.smokegate.leader;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The state every election keeps, whatever decides it: whether this replica leads, and who to tell when that changes. */
abstract class Leadership implements LeaderElection {

    private static final Logger LOG = Logger.getLogger(Leadership.class.getName());

    private final List<LeaderElection.Listener> listeners = new CopyOnWriteArrayList<>();
    /** Its own lock, not the election's: an election's attempts and a slow listener do not wait on each other. */
    private final Object lock = new Object();
    private boolean leading;

    @Override
    public boolean isLeader() {
        synchronized (lock) {
            return leading;
        }
    }

    @Override
    public void onChange(LeaderElection.Listener listener) {
        synchronized (lock) {
            listeners.add(listener);
            if (leading) {
                listener.leadership(true);
            }
        }
    }

    /** Records the new state; listeners hear only real changes, in order, under the lock. */
    void set(boolean now) {
        synchronized (lock) {
            if (now == leading) {
                return;
            }
            leading = now;
            LOG.log(now ? Level.INFO : Level.WARNING, now ? "this replica is now the leader"
                    : "this replica is no longer the leader", new Object[] {"election=" + describe()});
            for (LeaderElection.Listener l : listeners) {
                try {
                    l.leadership(now);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a leadership listener failed: " + e.getMessage(), e);
                }
            }
        }
    }
}
