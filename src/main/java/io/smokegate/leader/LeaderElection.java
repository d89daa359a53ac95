package io.smokegate.leader;

/**
 * Which of the replicas sharing a database runs the scheduled work: scheduled runs, scheduled chaos experiments and
 * the chaos sweep, tech-debt scans, cluster deploy markers. API calls are answered by every replica either way.
 * Leadership can come and go while the service runs; listeners hear each change.
 */
public interface LeaderElection extends AutoCloseable {

    /** Told when this replica becomes leader ({@code true}) or stops being it ({@code false}). Must not block long. */
    @FunctionalInterface
    interface Listener {
        void leadership(boolean leading);
    }

    /** Whether this replica is the leader now. */
    boolean isLeader();

    /** Adds a listener; one added while this replica leads hears {@code true} at once. */
    void onChange(Listener listener);

    /** Starts taking part: a first attempt to become leader is made before this returns. */
    void start();

    /** How leadership is decided, for the log: e.g. "postgres advisory lock". */
    String describe();

    /** Stops taking part and gives leadership up, so another replica can take it over at once. */
    @Override
    void close();

    /** The one replica there can be (embedded SQLite): always the leader. */
    static LeaderElection alwaysLeader() {
        return new AlwaysLeader();
    }
}
