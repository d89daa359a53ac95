package io.smokegate.config;

import java.time.Duration;

/**
 * The {@code leaderElection:} section: how replicas sharing a database agree on the one that runs scheduled work
 * (scheduled runs, scheduled chaos experiments and the chaos sweep, tech-debt scans, cluster deploy markers).
 *
 * @param leaseNamespace the Lease's namespace; null: the namespace of the pod (its kubeconfig context), else default
 * @param leaseDuration  how long a Lease holder is leader without renewing; a dead leader's successor waits this long
 * @param renewDeadline  how long the leader keeps trying to renew before it gives leadership up
 * @param retryPeriod    how often candidates try to acquire (and the PostgreSQL lock holder checks its session)
 */
public record LeaderElectionConfig(Mode mode, String leaseName, String leaseNamespace, Duration leaseDuration,
                                   Duration renewDeadline, Duration retryPeriod) {

    /** As written: {@code auto} picks one of the others where the service runs. */
    public enum Mode {
        AUTO, LEASE, POSTGRES, NONE;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static LeaderElectionConfig defaults() {
        return new LeaderElectionConfig(Mode.AUTO, "smokegate-leader", null, Duration.ofSeconds(10), Duration.ofSeconds(7),
                Duration.ofSeconds(1));
    }

    /**
     * The mode in effect: the one written, or for {@code auto} a Lease inside a cluster (a pod's service-account
     * token is mounted), else the advisory lock when the database is PostgreSQL, else none (SQLite: one replica).
     */
    public Mode effectiveMode(boolean inCluster, String databaseUrl) {
        if (mode != Mode.AUTO) {
            return mode;
        }
        if (inCluster) {
            return Mode.LEASE;
        }
        return isPostgres(databaseUrl) ? Mode.POSTGRES : Mode.NONE;
    }

    static boolean isPostgres(String databaseUrl) {
        return databaseUrl != null && databaseUrl.startsWith("jdbc:postgresql:");
    }

    LeaderElectionConfig with(Mode m, String name, String namespace, Duration duration, Duration renew, Duration retry) {
        return new LeaderElectionConfig(m, name, namespace, duration, renew, retry);
    }

    @Override
    public String toString() {
        return mode.text() + (mode == Mode.LEASE || mode == Mode.AUTO ? " (lease " + (leaseNamespace == null ? "" : leaseNamespace + "/")
                + leaseName + ", duration " + leaseDuration.toSeconds() + "s)" : "");
    }
}
