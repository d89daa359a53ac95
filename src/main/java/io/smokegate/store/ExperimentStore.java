package io.smokegate.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chaos experiments: recorded as running when one starts, so a replica that dies mid-experiment leaves a row the
 * next start-up can finish as an error, and completed with the verdict and the report document when it ends.
 */
public final class ExperimentStore {

    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    /** Finished by another replica because the one running it died: verdict error, the report says so. */
    public static final String ABORTED = "aborted";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, scenario, namespaces, state, verdict, started_by, trigger_by, owner, "
            + "started_at, finished_at, report";

    /**
     * One experiment. {@code verdict}, {@code finishedAt} and {@code report} are null while it runs.
     *
     * @param owner  the id of the {@code serve} replica that runs (or ran) it
     * @param report the finished experiment as a JSON document
     */
    public record Experiment(String id, String scenario, List<String> namespaces, String state, String verdict,
                             String startedBy, String trigger, String owner, Instant startedAt, Instant finishedAt,
                             String report) {
        public Experiment {
            namespaces = List.copyOf(namespaces);
        }

        public boolean running() {
            return RUNNING.equals(state);
        }
    }

    /** A page of experiments, newest first; {@code next} is the cursor of the following page, null on the last. */
    public record Page(List<Experiment> experiments, String next) {
        public Page {
            experiments = List.copyOf(experiments);
        }
    }

    private final Database db;

    public ExperimentStore(Database db) {
        this.db = db;
    }

    /** Records an experiment that starts now, state running. */
    public void start(String id, String scenario, List<String> namespaces, String startedBy, String trigger, String owner,
                      Instant startedAt) throws StoreException {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO chaos_experiments (id, scenario, namespaces, state, "
                    + "started_by, trigger_by, owner, started_at) VALUES (?,?,?,?,?,?,?,?)")) {
                p.setString(1, id);
                p.setString(2, scenario);
                p.setString(3, StoredJson.write(namespaces));
                p.setString(4, RUNNING);
                p.setString(5, startedBy);
                p.setString(6, trigger);
                p.setString(7, owner);
                p.setLong(8, startedAt.toEpochMilli());
                p.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Completes a running experiment with its verdict and report; false when it is not running (unknown, or already
     * finished — e.g. by a start-up that took its replica for dead), so a report is never overwritten.
     */
    public boolean finish(String id, String verdict, Instant finishedAt, String report) throws StoreException {
        return end(id, FINISHED, verdict, finishedAt, report);
    }

    /** Ends a running experiment whose replica died, as {@link #ABORTED} with verdict error; false when not running. */
    public boolean abort(String id, Instant at, String report) throws StoreException {
        return end(id, ABORTED, "error", at, report);
    }

    private boolean end(String id, String state, String verdict, Instant finishedAt, String report) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE chaos_experiments SET state = ?, verdict = ?, "
                    + "finished_at = ?, report = ? WHERE id = ? AND state = ?")) {
                p.setString(1, state);
                p.setString(2, verdict);
                p.setLong(3, finishedAt.toEpochMilli());
                p.setString(4, report);
                p.setString(5, id);
                p.setString(6, RUNNING);
                return p.executeUpdate() == 1;
            }
        });
    }

    public Optional<Experiment> find(String id) throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM chaos_experiments WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(experiment(rs)) : Optional.empty();
                }
            }
        });
    }

    /** When the latest experiment of {@code scenario} with {@code trigger} started, on any replica; empty if none did. */
    public Optional<Instant> lastStart(String scenario, String trigger) throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT MAX(started_at) FROM chaos_experiments WHERE scenario = ? "
                    + "AND trigger_by = ?")) {
                p.setString(1, scenario);
                p.setString(2, trigger);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    long at = rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
                }
            }
        });
    }

    /** The experiments still recorded as running, oldest first: at start-up, those of dead replicas get finished. */
    public List<Experiment> running() throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM chaos_experiments WHERE state = ? "
                    + "ORDER BY started_at, id")) {
                p.setString(1, RUNNING);
                List<Experiment> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(experiment(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Experiments newest first.
     *
     * @param cursor the {@code next} of the previous page, or null
     * @throws IllegalArgumentException when the cursor is not one this store issued
     */
    public Page list(int limit, String cursor) throws StoreException {
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        return db.read(c -> {
            String where = after == null ? "" : " WHERE (started_at < ? OR (started_at = ? AND id < ?))";
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM chaos_experiments" + where
                    + " ORDER BY started_at DESC, id DESC LIMIT ?")) {
                int i = 1;
                if (after != null) {
                    p.setLong(i++, after.at());
                    p.setLong(i++, after.at());
                    p.setString(i++, after.id());
                }
                p.setInt(i, limit + 1);
                List<Experiment> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(experiment(rs));
                    }
                }
                if (out.size() <= limit) {
                    return new Page(out, null);
                }
                List<Experiment> page = out.subList(0, limit);
                Experiment last = page.get(limit - 1);
                return new Page(page, new PageCursor(last.startedAt().toEpochMilli(), last.id()).encode());
            }
        });
    }

    private static Experiment experiment(ResultSet rs) throws SQLException {
        long finished = rs.getLong(10);
        boolean hasFinished = !rs.wasNull();
        return new Experiment(rs.getString(1), rs.getString(2), StoredJson.read(rs.getString(3), STRINGS), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(9)),
                hasFinished ? Instant.ofEpochMilli(finished) : null, rs.getString(11));
    }
}
