package io.smokegate.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations from {@code db/migrations/V<n>__<name>.sql}, applied in order, each in
 * its own transaction together with its entry in {@code smokegate_schema}. On PostgreSQL an advisory
 * lock keeps replicas starting at once from migrating twice.
 */
public final class Migrations {

    /** Every migration in order; the version is the position in this list plus one. */
    static final List<String> FILES = List.of("V1__runs.sql", "V2__gates_and_alerts.sql", "V3__accepted_runs_and_audit.sql",
            "V4__check_severity.sql", "V5__techdebt_scans.sql", "V6__chaos_experiments.sql",
            "V7__deployments_and_attributions.sql", "V8__analyses.sql");
    private static final long ADVISORY_LOCK = 0x736d6f6b65L;

    private Migrations() {
    }

    public static int latest() {
        return FILES.size();
    }

    /** Brings the schema to the latest version; refuses a database migrated by a newer smokegate. */
    public static void apply(Database db) throws StoreException {
        db.transaction(c -> {
            // Under the lock too: concurrent CREATE TABLE IF NOT EXISTS races in PostgreSQL's catalog.
            lockAgainstOtherReplicas(db, c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS smokegate_schema (version INTEGER NOT NULL PRIMARY KEY, "
                        + "name VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            return null;
        });
        for (int i = 0; i < FILES.size(); i++) {
            int version = i + 1;
            String file = FILES.get(i);
            String sql = resource(file);
            db.transaction(c -> {
                lockAgainstOtherReplicas(db, c);
                int current = current(c);
                if (current > latest()) {
                    throw new SQLException("schema version " + current + " is newer than this smokegate knows ("
                            + latest() + "); upgrade smokegate", "SMKG1");
                }
                if (current >= version) {
                    return null;
                }
                try (Statement s = c.createStatement()) {
                    for (String statement : statements(sql)) {
                        s.execute(statement);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO smokegate_schema (version, name, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, file);
                    p.setLong(3, System.currentTimeMillis());
                    p.executeUpdate();
                }
                return null;
            });
        }
    }

    /** On PostgreSQL, waits for the migration lock, held until the transaction ends. */
    private static void lockAgainstOtherReplicas(Database db, Connection c) throws SQLException {
        if (db.dialect() == Database.Dialect.POSTGRESQL) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
            }
        }
    }

    public static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM smokegate_schema")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static List<String> statements(String sql) {
        StringBuilder cleaned = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                cleaned.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(cleaned.toString().split(";\\s*\n"))
                .map(String::strip)
                .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String resource(String file) throws StoreException {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migrations/" + file)) {
            if (in == null) {
                throw new StoreException("migration " + file + " is missing from the build", null, false);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + file, e, false);
        }
    }
}
