package io.smokegate.leader;

/** With the embedded SQLite there is one replica: it leads from start to end. */
final class AlwaysLeader implements LeaderElection {

    @Override
    public boolean isLeader() {
        return true;
    }

    @Override
    public void onChange(Listener listener) {
        listener.leadership(true);
    }

    @Override
    public void start() {
        // Nothing to elect.
    }

    @Override
    public String describe() {
        return "none (one replica)";
    }

    @Override
    public void close() {
        // Nothing to give up.
    }
}
