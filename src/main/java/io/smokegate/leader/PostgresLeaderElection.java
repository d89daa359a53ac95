package io.smokegate.leader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Leadership as a PostgreSQL session advisory lock, held on a connection of its own (not the store's pool: the
 * lock belongs to the session, which a pool would lend to others). Every retry period a candidate tries
 * {@code pg_try_advisory_lock}; the holder runs a keep-alive query instead. The lock ends with the session: when the
 * leader's process dies, the server sees its connection close and the next candidate's try succeeds; when the
 * leader's connection breaks, its keep-alive fails and it stops leading. Advisory locks are per database, so
 * deployments sharing a server but not a database do not compete.
 */
public final class PostgresLeaderElection extends Leadership {

    private static final Logger LOG = Logger.getLogger(PostgresLeaderElection.class.getName());
    /** The lock's key: "smokegat" in ASCII, unlikely to collide with another application's advisory locks. */
    static final long LOCK_KEY = 0x736d6f6b65676174L;

    private final String url;
    private final Properties credentials;
    private final Duration retryPeriod;
    private final ScheduledExecutorService attempts = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("leader-election").factory());
    private Connection session;
    private boolean closed;

    public PostgresLeaderElection(String url, String user, String password, Duration retryPeriod) {
        this.url = url;
        this.retryPeriod = retryPeriod;
        this.credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        // A keep-alive that hangs on a dead network must fail within about a retry period, not wait for TCP.
        long seconds = Math.max(1, retryPeriod.multipliedBy(2).toSeconds());
        credentials.setProperty("connectTimeout", String.valueOf(seconds));
        credentials.setProperty("socketTimeout", String.valueOf(seconds));
        credentials.setProperty("tcpKeepAlive", "true");
        credentials.setProperty("ApplicationName", "smokegate leader election");
    }

    @Override
    public void start() {
        attempt();
        attempts.scheduleWithFixedDelay(this::attempt, retryPeriod.toMillis(), retryPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String describe() {
        return "postgres advisory lock";
    }

    /** One round: a candidate tries to take the lock, the holder proves its session still lives. */
    synchronized void attempt() {
        if (closed) {
            return;
        }
        try {
            if (session == null) {
                session = DriverManager.getConnection(url, credentials);
            }
            if (isLeader()) {
                try (Statement s = session.createStatement()) {
                    s.execute("SELECT 1");
                }
            } else {
                try (PreparedStatement s = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    s.setLong(1, LOCK_KEY);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        set(rs.getBoolean(1));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            // The session, and with it any lock it held, is gone or unusable: no longer leader; a new session next round.
            if (isLeader()) {
                LOG.log(Level.WARNING, "the leader's database session failed; leadership is given up: " + e.getMessage());
            } else {
                LOG.log(Level.FINE, "leader election attempt failed: " + e.getMessage());
            }
            set(false);
            closeSession();
        }
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // Closing a broken session: the server ends it (and its lock) by itself.
            }
            session = null;
        }
    }

    @Override
    public void close() {
        attempts.shutdownNow();
        try {
            attempts.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
            set(false);
            // Closing the session releases the lock: the next candidate takes over at its next try.
            closeSession();
        }
    }
}
