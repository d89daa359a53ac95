package io.smokegate.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A JDBC database, SQLite (one file under the data directory) or PostgreSQL (shared by replicas), with
 * transactions that either commit whole or leave nothing behind. SQLite gets one connection, since it
 * serialises writers anyway; PostgreSQL a small pool. Calls block: run them off the event loop.
 */
public final class Database implements AutoCloseable {

    public enum Dialect { SQLITE, POSTGRESQL }

    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    public static final String SQLITE_FILE = "smokegate.db";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Dialect dialect;
    private final String url;
    private final Properties properties;
    private final String display;
    private final BlockingQueue<Connection> idle;
    private final Semaphore permits;

    private Database(Dialect dialect, String url, Properties properties, String display, int poolSize) {
        this.dialect = dialect;
        this.url = url;
        this.properties = properties;
        this.display = display;
        this.idle = new ArrayBlockingQueue<>(poolSize);
        this.permits = new Semaphore(poolSize, true);
    }

    /**
     * The database smokegate keeps its state in, opened and migrated to the current schema: PostgreSQL when
     * {@code jdbcUrl} is given, else SQLite under {@code dataDir}. Every command and the server open theirs
     * here, so none can forget the migrations; when they fail, nothing stays open.
     */
    public static Database open(Path dataDir, String jdbcUrl, String user, String password) throws StoreException {
        Database db = jdbcUrl == null ? sqlite(dataDir, Duration.ofSeconds(5)) : postgres(jdbcUrl, user, password);
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
        Database db = new Database(Dialect.SQLITE, "jdbc:sqlite:" + file, props, file.toString(), 1);
        db.probeWritable();
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
        Database db = new Database(Dialect.POSTGRESQL, jdbcUrl, props, safeUrl(jdbcUrl), 4);
        db.read(c -> c.isValid(5));
        return db;
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
        Connection c = borrow();
        boolean broken = false;
        try {
            return work.apply(c);
        } catch (SQLException e) {
            // A server that ends the session (restart, failover, pg_terminate_backend) answers with its own
            // SQL state (57P01), not a connection error, but leaves the connection closed: do not pool it.
            broken = isConnectionError(e) || isClosed(c);
            throw translate(e);
        } finally {
            giveBack(c, broken);
        }
    }

    private Connection borrow() throws StoreException {
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new StoreException("no database connection free within 30s (" + display + ")", null, false);
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
            DriverManager.setLoginTimeout((int) CONNECT_TIMEOUT.toSeconds());
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            permits.release();
            throw translate(e);
        }
    }

    private void giveBack(Connection c, boolean broken) {
        if (broken || !idle.offer(c)) {
            closeQuietly(c);
        }
        permits.release();
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
        if (state.startsWith("08")) {
            return new StoreException("cannot reach database " + display + ": " + firstLine(message), e, true);
        }
        return new StoreException("database " + display + ": " + firstLine(message), e, false);
    }

    private static boolean isConnectionError(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
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
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
    }
}
