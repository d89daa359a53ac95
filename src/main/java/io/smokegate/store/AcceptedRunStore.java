package io.smokegate.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smokegate.run.RunReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs that were accepted and have not ended ({@code accepted_runs}), and the replicas that own them
 * ({@code replicas}). A run leaves this table in the transaction that stores its report
 * ({@link RunStore#save}), or, when its owner died, in the one that stores it as aborted ({@link #abandon}).
 */
public final class AcceptedRunStore {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<AcceptedRun.PlannedCheck>> CHECKS = new TypeReference<>() {
    };
    private static final String COLUMNS =
            "id, checklist, labels, run_trigger, requested_by, owner, accepted_at, started_at, checks";

    private final Database db;

    public AcceptedRunStore(Database db) {
        this.db = db;
    }

    public void register(Replica replica) throws StoreException {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO replicas (id, host, pid, process_start, started_at, "
                    + "heartbeat_at) VALUES (?,?,?,?,?,?)")) {
                p.setString(1, replica.id());
                p.setString(2, replica.host());
                p.setLong(3, replica.pid());
                p.setLong(4, replica.processStart());
                p.setLong(5, replica.startedAt().toEpochMilli());
                p.setLong(6, replica.heartbeatAt().toEpochMilli());
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Says the replica is alive; false if its row is gone (another replica declared it dead). */
    public boolean heartbeat(String replicaId, Instant now) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE replicas SET heartbeat_at = ? WHERE id = ?")) {
                p.setLong(1, now.toEpochMilli());
                p.setString(2, replicaId);
                return p.executeUpdate() == 1;
            }
        });
    }

    public List<Replica> replicas() throws StoreException {
        return db.read(c -> {
            List<Replica> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, host, pid, process_start, started_at, heartbeat_at "
                    + "FROM replicas ORDER BY started_at, id"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Replica(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
            return out;
        });
    }

    /** Forgets a replica that owns no runs any more (stopped cleanly, or its runs were abandoned). */
    public void forget(String replicaId) throws StoreException {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM replicas WHERE id = ? AND NOT EXISTS "
                    + "(SELECT 1 FROM accepted_runs WHERE owner = ?)")) {
                p.setString(1, replicaId);
                p.setString(2, replicaId);
                p.executeUpdate();
            }
            return null;
        });
    }

    public void accept(AcceptedRun run) throws StoreException {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO accepted_runs (" + COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?)")) {
                p.setString(1, run.id());
                p.setString(2, run.checklist());
                p.setString(3, StoredJson.write(run.labels()));
                p.setString(4, run.trigger());
                p.setString(5, run.requestedBy());
                p.setString(6, run.owner());
                p.setLong(7, run.acceptedAt().toEpochMilli());
                if (run.startedAt() == null) {
                    p.setNull(8, Types.BIGINT);
                } else {
                    p.setLong(8, run.startedAt().toEpochMilli());
                }
                p.setString(9, StoredJson.write(run.checks()));
                p.executeUpdate();
            }
            return null;
        });
    }

    public void started(String runId, Instant at) throws StoreException {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE accepted_runs SET started_at = ? WHERE id = ?")) {
                p.setLong(1, at.toEpochMilli());
                p.setString(2, runId);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Removes a run that was written down but never queued. */
    public void withdraw(String runId) throws StoreException {
        db.transaction(c -> delete(c, runId, null));
    }

    public Optional<AcceptedRun> find(String runId) throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM accepted_runs WHERE id = ?")) {
                p.setString(1, runId);
                List<AcceptedRun> found = runs(p);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    public List<AcceptedRun> ownedBy(String replicaId) throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM accepted_runs WHERE owner = ? ORDER BY accepted_at, id")) {
                p.setString(1, replicaId);
                return runs(p);
            }
        });
    }

    /**
     * When the latest run of {@code checklist} with {@code trigger} was accepted (queued or running) or started (ended),
     * on any replica; empty if there was none. What a new leader's scheduler continues from.
     */
    public Optional<Instant> lastStart(String checklist, String trigger) throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT MAX(t) FROM ("
                    + "SELECT MAX(started_at) AS t FROM runs WHERE checklist = ? AND run_trigger = ? UNION ALL "
                    + "SELECT MAX(accepted_at) AS t FROM accepted_runs WHERE checklist = ? AND run_trigger = ?) latest")) {
                p.setString(1, checklist);
                p.setString(2, trigger);
                p.setString(3, checklist);
                p.setString(4, trigger);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    long at = rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
                }
            }
        });
    }

    /** Owners of accepted runs that have no replica row (their replica was forgotten). */
    public List<String> ownersWithoutReplica() throws StoreException {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT owner FROM accepted_runs WHERE owner NOT IN "
                    + "(SELECT id FROM replicas) ORDER BY owner"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /**
     * Stores an accepted run of a dead replica as the report {@code aborted} and removes it from the accepted
     * runs, in one transaction. False if the run is no longer there: its owner finished it after all, or
     * another replica abandoned it first — either way it is stored exactly once.
     */
    public boolean abandon(AcceptedRun run, RunReport aborted) throws StoreException {
        return db.transaction(c -> {
            if (!delete(c, run.id(), run.owner())) {
                return false;
            }
            RunStore.insert(c, aborted);
            return true;
        });
    }

    /** Deletes one accepted run (of {@code owner}, when given); true if there was one. */
    static boolean delete(Connection c, String runId, String owner) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM accepted_runs WHERE id = ?"
                + (owner == null ? "" : " AND owner = ?"))) {
            p.setString(1, runId);
            if (owner != null) {
                p.setString(2, owner);
            }
            return p.executeUpdate() == 1;
        }
    }

    private static List<AcceptedRun> runs(PreparedStatement p) throws SQLException {
        List<AcceptedRun> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long started = rs.getLong(8);
                Instant startedAt = rs.wasNull() ? null : Instant.ofEpochMilli(started);
                out.add(new AcceptedRun(rs.getString(1), rs.getString(2), StoredJson.read(rs.getString(3), STRING_MAP),
                        rs.getString(4), rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                        startedAt, StoredJson.read(rs.getString(9), CHECKS)));
            }
        }
        return out;
    }
}
