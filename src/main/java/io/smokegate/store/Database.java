package io.smokegate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A JDBC database, SQLite (one file under the data directory) or PostgreSQL (shared by replicas), with
 * transactions that either commit whole or leave nothing behind. PostgreSQL gets a HikariCP pool (see
 * {@link PoolSettings}). SQLite keeps one connection of its own: the file admits one writer at a time, so a pool
 * would only queue callers on the file lock instead of on a semaphore, and what HikariCP adds — validation, a
 * maximum lifetime, reconnecting — guards network connections that a local file does not have. Calls block: run
 * them off the event loop.
 */
public final class Database implements AutoCloseable {

    public enum Dialect { SQLITE, POSTGRESQL }

    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    public static final String SQLITE_FILE = "smokegate.db";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The PostgreSQL pool. {@code maxSize} connections at most (each replica's share of the server's
     * {@code max_connections}); a caller waits {@code connectionTimeout} for one, then fails — also when the server
     * is down, so readiness answers within that time; connections idle longer than a moment are validated before
     * use, replaced after {@code maxLifetime} (shorter than any proxy or server limit) and pinged every
     * {@code keepalive}; one held longer than {@code leakDetection} is logged with where it was taken.
     */
    public record PoolSettings(int maxSize, int minIdle, Duration connectionTimeout, Duration validationTimeout,
                               Duration maxLifetime, Duration idleTimeout, Duration keepalive, Duration leakDetection) {

        /** Sized for {@code maxConcurrentRuns}: each run stores once at its end, beside API calls and the heartbeat. */
        public static PoolSettings forRuns(int maxConcurrentRuns) {
            return new PoolSettings(Math.clamp(maxConcurrentRuns + 2L, 4, 16), 2, CONNECT_TIMEOUT, Duration.ofSeconds(2),
                    Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofSeconds(60));
        }
    }

    /** Where connections come from: HikariCP for PostgreSQL, one kept connection for SQLite. */
    private interface Connections extends AutoCloseable {
        Connection borrow() throws SQLException, StoreException;

        /** Returns {@code c}; a broken one is closed instead of being lent again. */
        void giveBack(Connection c, boolean broken);

        @Override
        void close();
    }

    private final Dialect dialect;
    private final String display;
    private final Connections connections;

    private Database(Dialect dialect, String display, Connections connections) {
        this.dialect = dialect;
        this.display = display;
        this.connections = connections;
    }

    /**
     * The database smokegate keeps its state in, opened and migrated to the current schema: PostgreSQL when
     * {@code jdbcUrl} is given, else SQLite under {@code dataDir}. Every command and the server open theirs
     * here, so none can forget the migrations; when they fail, nothing stays open.
     */
    public static Database open(Path dataDir, String jdbcUrl, String user, String password) throws StoreException {
        return open(dataDir, jdbcUrl, user, password, PoolSettings.forRuns(1), null);
    }

    /** As {@link #open(Path, String, String, String)}, the service's: a pool of its size, its metrics in {@code registry}. */
    public static Database open(Path dataDir, String jdbcUrl, String user, String password, PoolSettings pool,
                                MeterRegistry registry) throws StoreException {
        Database db = jdbcUrl == null ? sqlite(dataDir, Duration.ofSeconds(5)) : postgres(jdbcUrl, user, password, pool, registry);
        try {
            Migrations.apply(db);
        } catch (StoreException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** The SQLite database under {@code dataDir}, created with its directory when missing. */
    public static Database sqlite(Path dataDir, Duration busyTimeout) throws StoreException {
        Path file = dataDir.resolve(SQLITE_FILE);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDir + ": " + whyNotCreated(dataDir, e), e, false);
        }
        Properties props = new Properties();
        props.setProperty("busy_timeout", String.valueOf(busyTimeout.toMillis()));
        props.setProperty("foreign_keys", "true");
        props.setProperty("journal_mode", "WAL");
        props.setProperty("synchronous", "NORMAL");
        props.setProperty("transaction_mode", "IMMEDIATE");
        Database db = new Database(Dialect.SQLITE, file.toString(), new OneConnection("jdbc:sqlite:" + file, props, file.toString()));
        try {
            db.probeWritable();
        } catch (StoreException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** The reason in words: the JDK's messages for these failures are often just the path again. */
    private static String whyNotCreated(Path dir, IOException e) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    return p + " exists and is not a directory";
                }
                break;
            }
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
    }

    /** A PostgreSQL database by JDBC URL; user and password may also be in the URL. */
    public static Database postgres(String jdbcUrl, String user, String password) throws StoreException {
        return postgres(jdbcUrl, user, password, PoolSettings.forRuns(1), null);
    }

    /** A PostgreSQL database pooled as {@code pool} says; its pool's series go to {@code registry} when not null. */
    public static Database postgres(String jdbcUrl, String user, String password, PoolSettings pool, MeterRegistry registry)
            throws StoreException {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new StoreException("database URL must start with jdbc:postgresql: (got " + safeUrl(jdbcUrl) + ")", null, false);
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
        props.setProperty("socketTimeout", "60");
        props.setProperty("ApplicationName", "smokegate");
        HikariConfig config = new HikariConfig();
        config.setPoolName("smokegate");
        config.setJdbcUrl(jdbcUrl);
        config.setDataSourceProperties(props);
        config.setMaximumPoolSize(pool.maxSize());
        config.setMinimumIdle(Math.min(pool.minIdle(), pool.maxSize()));
        config.setConnectionTimeout(pool.connectionTimeout().toMillis());
        config.setValidationTimeout(pool.validationTimeout().toMillis());
        config.setMaxLifetime(pool.maxLifetime().toMillis());
        config.setIdleTimeout(pool.idleTimeout().toMillis());
        config.setKeepaliveTime(pool.keepalive().toMillis());
        config.setLeakDetectionThreshold(pool.leakDetection().toMillis());
        // Fail at start, with the server's reason, when the first connection cannot be made.
        config.setInitializationFailTimeout(1);
        if (registry != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        String display = safeUrl(jdbcUrl);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            SQLException cause = e.getCause() instanceof SQLException s ? s : new SQLException(String.valueOf(e.getMessage()), "08001", e);
            throw translate(Dialect.POSTGRESQL, display, cause);
        }
        return new Database(Dialect.POSTGRESQL, display, new Pool(dataSource, display));
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Where the database is, without credentials, for messages. */
    public String display() {
        return display;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if anything throws. */
    public <T> T transaction(Work<T> work) throws StoreException {
        return withConnection(c -> {
            try {
                c.setAutoCommit(false);
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                // Also when BEGIN itself failed (SQLite busy): sqlite-jdbc has flipped its flag by then, and a
                // connection left believing it is in a transaction would run the next one's statements unguarded.
                autoCommitQuietly(c);
            }
        });
    }

    public <T> T read(Work<T> work) throws StoreException {
        return withConnection(work);
    }

    private <T> T withConnection(Work<T> work) throws StoreException {
        Connection c;
        try {
            c = connections.borrow();
        } catch (SQLException e) {
            throw translate(e);
        }
        boolean broken = false;
        try {
            return work.apply(c);
        } catch (SQLException e) {
            // A server that ends the session (restart, failover, pg_terminate_backend) answers with its own
            // SQL state (57P01), not a connection error, but leaves the connection closed: do not pool it.
            broken = isConnectionError(e) || isClosed(c);
            throw translate(e);
        } finally {
            connections.giveBack(c, broken);
        }
    }

    /** HikariCP's pool; it also drops connections the server ended, by their SQL state, before we see them. */
    private record Pool(HikariDataSource dataSource, String display) implements Connections {

        @Override
        public Connection borrow() throws SQLException, StoreException {
            try {
                return dataSource.getConnection();
            } catch (SQLTransientConnectionException e) {
                if (e.getCause() instanceof SQLException cause) {
                    // The wait ended while making new connections failed: that failure says why.
                    throw cause;
                }
                throw new StoreException("no database connection free within " + dataSource.getConnectionTimeout() + " ms ("
                        + display + "): all " + dataSource.getMaximumPoolSize() + " are in use", e, false);
            }
        }

        @Override
        public void giveBack(Connection c, boolean broken) {
            if (broken) {
                dataSource.evictConnection(c);
                // A server that ended one session (restart, failover) has most likely ended the idle ones too; a
                // connection used moments ago is lent without validation, so without this each would cost a call.
                dataSource.getHikariPoolMXBean().softEvictConnections();
            } else {
                closeQuietly(c);
            }
        }

        @Override
        public void close() {
            dataSource.close();
        }
    }

    /** SQLite's one connection, opened on first use, lent to one caller at a time. */
    private static final class OneConnection implements Connections {
        private static final Duration WAIT = Duration.ofSeconds(30);
        private final String url;
        private final Properties properties;
        private final String display;
        private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(1);
        private final Semaphore permit = new Semaphore(1, true);

        OneConnection(String url, Properties properties, String display) {
            this.url = url;
            this.properties = properties;
            this.display = display;
        }

        @Override
        public Connection borrow() throws SQLException, StoreException {
            try {
                if (!permit.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new StoreException("no database connection free within " + WAIT.toSeconds() + "s (" + display + ")",
                            null, false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for a database connection", e, false);
            }
            Connection c = idle.poll();
            if (c != null) {
                return c;
            }
            try {
                return DriverManager.getConnection(url, properties);
            } catch (SQLException e) {
                permit.release();
                throw e;
            }
        }

        @Override
        public void giveBack(Connection c, boolean broken) {
            if (broken || !idle.offer(c)) {
                closeQuietly(c);
            }
            permit.release();
        }

        @Override
        public void close() {
            Connection c;
            while ((c = idle.poll()) != null) {
                closeQuietly(c);
            }
        }
    }

    /** SQLite opens read-only files without complaint; find out now rather than after a run. */
    private void probeWritable() throws StoreException {
        transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS smokegate_write_probe (x INTEGER)");
                s.execute("DROP TABLE smokegate_write_probe");
            }
            return null;
        });
    }

    StoreException translate(SQLException e) {
        return translate(dialect, display, e);
    }

    private static StoreException translate(Dialect dialect, String display, SQLException e) {
        String message = String.valueOf(e.getMessage());
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (dialect == Dialect.SQLITE) {
            if (message.contains("SQLITE_READONLY") || message.contains("readonly")) {
                return new StoreException("database " + display + " is read-only: make it writable or choose another --data-dir", e, false);
            }
            if (message.contains("SQLITE_BUSY") || message.contains("locked")) {
                return new StoreException("database " + display + " is locked by another process (waited for the busy timeout)", e, false);
            }
            if (message.contains("SQLITE_CANTOPEN") || message.contains("SQLITE_NOTADB") || message.contains("not a database")) {
                return new StoreException("cannot open database " + display + ": " + firstLine(message), e, false);
            }
        }
        // 57P0x: the server is shutting down, restarting or in recovery: the same "try again later" as no server.
        if (state.startsWith("08") || state.startsWith("57P0")) {
            return new StoreException("cannot reach database " + display + ": " + firstLine(message), e, true);
        }
        return new StoreException("database " + display + ": " + firstLine(message), e, false);
    }

    private static boolean isConnectionError(SQLException e) {
        return e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P0"));
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The URL without password parameters, safe to print. */
    static String safeUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1«redacted»").replaceAll("//([^/@:]+):[^/@]*@", "//$1:«redacted»@");
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one worth reporting.
        }
    }

    private static void autoCommitQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // After a failed BEGIN there is nothing to commit; the flag is reset either way, and an error
            // here must not hide the one that ended the transaction.
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing a broken connection can fail too; it is gone either way.
        }
    }

    @Override
    public void close() {
        connections.close();
    }
}
