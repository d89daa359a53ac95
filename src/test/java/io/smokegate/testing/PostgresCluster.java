package io.smokegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 cluster, started once per JVM on first use and stopped (and deleted) by a
 * shutdown hook. It trusts local connections from user {@code postgres} on 127.0.0.1 and a private Unix
 * socket directory. Tests get a fresh database each from {@link #newDatabase(String)}.
 *
 * <p>The binaries come from the Debian package postgresql-15 ({@code /usr/lib/postgresql/15/bin}); as with
 * {@link ExternalTool}, their absence fails a test under CI=true and aborts it elsewhere. initdb and the
 * server refuse to run as root, so when the tests run as root the cluster directory is handed to the
 * {@code postgres} user and every command runs through {@code runuser -u postgres --}.
 */
public final class PostgresCluster {

    public static final String USER = "postgres";
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final long TIMEOUT_SECONDS = 60;

    private static PostgresCluster shared;
    private static RuntimeException startFailure;

    private final Path dir;
    private final Path data;
    private final int port;
    private final List<String> asPostgres;
    private final Path pgCtl;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path dir, int port, List<String> asPostgres, Path pgCtl) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgres = asPostgres;
        this.pgCtl = pgCtl;
    }

    /** The JVM's cluster, started on first call; aborts (or under CI fails) the calling test if PostgreSQL is missing. */
    public static synchronized PostgresCluster shared() {
        Path initdb = binary("initdb");
        Path pgCtl = binary("pg_ctl");
        List<String> asPostgres = CurrentUser.isRoot() ? List.of(ExternalTool.require("runuser", "util-linux").toString(),
                "-u", USER, "--") : List.of();
        if (startFailure != null) {
            throw startFailure;
        }
        if (shared == null) {
            try {
                shared = start(initdb, pgCtl, asPostgres);
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /**
     * A cluster of the caller's own, for a test that stops or restarts the server (the shared one serves every other
     * test of the JVM); deleted at exit like the shared one.
     */
    public static PostgresCluster dedicated() {
        shared();
        return start(binary("initdb"), binary("pg_ctl"), shared.asPostgres);
    }

    /** Stops the server as an operator's restart does ({@code -m fast}: sessions are ended, nothing is lost). */
    public void stop() {
        run(dir, asPostgres, List.of(pgCtl.toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    }

    /** Starts the stopped server again, on the same port; returns when it accepts connections. */
    public void start() {
        startServer();
    }

    /** A new, empty database in the cluster; returns its JDBC URL (user {@link #USER}, no password). */
    public String newDatabase(String prefix) {
        String name = (prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_"
                + databases.incrementAndGet());
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, null);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    private static Path binary(String name) {
        Path path = BIN.resolve(name);
        if (Files.isExecutable(path)) {
            return path;
        }
        return ExternalTool.require(name, "postgresql-15");
    }

    private static PostgresCluster start(Path initdb, Path pgCtl, List<String> asPostgres) {
        Path dir;
        try {
            dir = Files.createTempDirectory("smokegate-pg-");
            if (!asPostgres.isEmpty()) {
                handToPostgres(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a directory for PostgreSQL", e);
        }
        try {
            run(dir, asPostgres, List.of(initdb.toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                    "-U", USER, "-E", "UTF8", "--locale=C", "--no-sync"));
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                // A free port can be taken before the server binds it; try another.
                PostgresCluster cluster = new PostgresCluster(dir, Ports.free(), asPostgres, pgCtl);
                try {
                    cluster.startServer();
                    Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy, "postgres-cluster-stop"));
                    return cluster;
                } catch (IllegalStateException e) {
                    last = e;
                }
            }
            throw last;
        } catch (RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    private void startServer() {
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100";
        run(dir, asPostgres, List.of(pgCtl.toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-o", options, "-w", "-t", "30", "start"));
    }

    private void destroy() {
        try {
            run(dir, asPostgres, List.of(pgCtl.toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        } catch (RuntimeException e) {
            System.err.println("PostgresCluster: " + e.getMessage());
        }
        // The data directory is thousands of files; deleting them here, in a shutdown hook on a busy machine, took over
        // the 30 s Surefire grants a fork to exit. rm finishes the job on its own after the JVM is gone.
        try {
            new ProcessBuilder("rm", "-rf", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            deleteRecursively(dir);
        }
    }

    /** Runs a command (as postgres when we are root), output to a file so a forked server cannot hold a pipe open. */
    private static void run(Path dir, List<String> asPostgres, List<String> command) {
        List<String> full = new ArrayList<>(asPostgres);
        full.addAll(command);
        Path output = null;
        try {
            output = Files.createTempFile("smokegate-pg-cmd-", ".log");
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                String log = Files.readString(output, StandardCharsets.UTF_8);
                Path serverLog = dir.resolve("server.log");
                if (Files.isReadable(serverLog)) {
                    log += "\n--- server.log ---\n" + Files.readString(serverLog, StandardCharsets.UTF_8);
                }
                throw new IllegalStateException(String.join(" ", full) + " exited with " + p.exitValue() + ":\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", full), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A leftover log in the temp directory is harmless.
                }
            }
        }
    }

    private static void handToPostgres(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal postgres;
        GroupPrincipal group;
        try {
            postgres = users.lookupPrincipalByName(USER);
            group = users.lookupPrincipalByGroupName(USER);
        } catch (IOException e) {
            throw new IllegalStateException("running as root, but there is no '" + USER
                    + "' user to run PostgreSQL as (Debian package postgresql-15 creates it)", e);
        }
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(postgres);
        view.setGroup(group);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: it is a temporary directory.
                }
            });
        } catch (IOException ignored) {
            // Best effort.
        }
    }
}
