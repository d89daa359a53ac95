package io.smokegate.store;

import io.smokegate.analysis.Analysis;
import io.smokegate.analysis.AnalysisMeasurement;
import io.smokegate.analysis.AnalysisPhase;
import io.smokegate.analysis.AnalysisSpec;
import io.smokegate.slo.GateResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Analyses over a window and their measurements: recorded as running when one starts, so a replica that dies
 * mid-analysis leaves a row the next start-up can finish as an error; each measurement as it is taken; the end exactly
 * once. A request to abort is a column any replica may set and the owner's loop reads.
 */
public final class AnalysisStore {

    private static final String COLUMNS = "id, checklist, window_ms, interval_ms, failure_limit, inconclusive_limit, "
            + "fail_on_warning, phase, message, started_by, owner, started_at, finished_at";
    private static final String RUNNING = AnalysisPhase.RUNNING.label();

    /** An analysis with the replica that runs (or ran) it. */
    public record Owned(Analysis analysis, String owner) {
    }

    /** A page of analyses, newest first; {@code next} is the cursor of the following page, null on the last. */
    public record Page(List<Analysis> analyses, String next) {
        public Page {
            analyses = List.copyOf(analyses);
        }
    }

    private final Database db;

    /**
     * The owner of analyses the CLI ({@code gate --for}) runs. No replica has this id, and a {@code serve} start-up
     * cannot tell whether a CLI process somewhere still runs, so it leaves them alone: a signal ends them in Error,
     * only a SIGKILL leaves one Running.
     */
    public static final String CLI_OWNER = "cli";

    public AnalysisStore(Database db) {
        this.db = db;
    }

    /** Records an analysis that starts now, run by the replica {@code owner}; it must not have measurements yet. */
    public void start(Analysis started, String owner) throws StoreException {
        if (started.phase() != AnalysisPhase.RUNNING || !started.measurements().isEmpty()) {
            throw new IllegalArgumentException("only a just-started analysis is recorded as started");
        }
        AnalysisSpec spec = started.spec();
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO analyses (id, checklist, window_ms, interval_ms, "
                    + "failure_limit, inconclusive_limit, fail_on_warning, phase, message, started_by, owner, started_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                p.setString(1, started.id());
                p.setString(2, spec.checklist());
                p.setLong(3, spec.window().toMillis());
                p.setLong(4, spec.interval().toMillis());
                p.setInt(5, spec.failureLimit());
                p.setInt(6, spec.inconclusiveLimit());
                p.setInt(7, spec.failOnWarning() ? 1 : 0);
                p.setString(8, RUNNING);
                p.setString(9, started.message());
                p.setString(10, started.startedBy());
                p.setString(11, owner);
                p.setLong(12, started.startedAt().toEpochMilli());
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Adds a measurement to a running analysis; false when it is not running (unknown, or finished meanwhile). */
    public boolean addMeasurement(String id, AnalysisMeasurement m) throws StoreException {
        return db.transaction(c -> {
            if (!running(c, id)) {
                return false;
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO analysis_measurements (analysis_id, idx, measured_at, "
                    + "run_id, verdict_id, result, score, message) VALUES (?,?,?,?,?,?,?,?)")) {
                p.setString(1, id);
                p.setInt(2, m.index());
                p.setLong(3, m.at().toEpochMilli());
                p.setString(4, m.runId());
                p.setString(5, m.verdictId());
                p.setString(6, m.result().label());
                if (m.score() == null) {
                    p.setNull(7, Types.DOUBLE);
                } else {
                    p.setDouble(7, m.score());
                }
                p.setString(8, m.message());
                p.executeUpdate();
            }
            return true;
        });
    }

    private static boolean running(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT phase FROM analyses WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && RUNNING.equals(rs.getString(1));
            }
        }
    }

    /**
     * Records how a running analysis ended; false when it is not running (unknown, or already finished — e.g. by a
     * start-up that took its replica for dead), so an end is never overwritten.
     */
    public boolean finish(Analysis finished) throws StoreException {
        if (!finished.phase().finished()) {
            throw new IllegalArgumentException("analysis " + finished.id() + " has not finished");
        }
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE analyses SET phase = ?, message = ?, finished_at = ? "
                    + "WHERE id = ? AND phase = ?")) {
                p.setString(1, finished.phase().label());
                p.setString(2, finished.message());
                p.setLong(3, finished.finishedAt().toEpochMilli());
                p.setString(4, finished.id());
                p.setString(5, RUNNING);
                return p.executeUpdate() == 1;
            }
        });
    }

    /**
     * Asks the replica running the analysis to abort it; false when it is not running. The first request counts: who
     * asked first is who aborted it.
     */
    public boolean requestAbort(String id, String by) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE analyses SET abort_requested_by = COALESCE(abort_requested_by, ?) "
                    + "WHERE id = ? AND phase = ?")) {
                p.setString(1, by);
                p.setString(2, id);
                p.setString(3, RUNNING);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Who asked to abort the analysis, if anyone did. */
    public Optional<String> abortRequestedBy(String id) throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT abort_requested_by FROM analyses WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The analysis with its measurements so far. */
    public Optional<Owned> find(String id) throws StoreException {
        return db.read(c -> {
            List<Owned> found = select(c, " WHERE id = ?", List.of(id));
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    /** The analyses still recorded as running, oldest first: at start-up, those of dead replicas get finished. */
    public List<Owned> running() throws StoreException {
        return db.read(c -> select(c, " WHERE phase = ? ORDER BY started_at, id", List.of(RUNNING)));
    }

    /**
     * Analyses newest first, of one checklist or (null) of all, with their measurements.
     *
     * @param cursor the {@code next} of the previous page, or null
     * @throws IllegalArgumentException when the cursor is not one this store issued
     */
    public Page list(String checklist, int limit, String cursor) throws StoreException {
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        return db.read(c -> {
            List<String> conditions = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            if (checklist != null) {
                conditions.add("checklist = ?");
                args.add(checklist);
            }
            if (after != null) {
                conditions.add("(started_at < ? OR (started_at = ? AND id < ?))");
                Collections.addAll(args, after.at(), after.at(), after.id());
            }
            args.add(limit + 1);
            List<Analysis> out = select(c, (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                    + " ORDER BY started_at DESC, id DESC LIMIT ?", args).stream().map(Owned::analysis).toList();
            if (out.size() <= limit) {
                return new Page(out, null);
            }
            List<Analysis> page = out.subList(0, limit);
            Analysis last = page.get(limit - 1);
            return new Page(page, new PageCursor(last.startedAt().toEpochMilli(), last.id()).encode());
        });
    }

    private static List<Owned> select(Connection c, String rest, List<?> args) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM analyses" + rest)) {
            bind(p, args);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        Map<String, List<AnalysisMeasurement>> measurements = measurements(c, rows.stream().map(r -> r.id).toList());
        List<Owned> out = new ArrayList<>();
        for (Row r : rows) {
            Instant finishedAt = r.finishedAt == null ? null : Instant.ofEpochMilli(r.finishedAt);
            AnalysisPhase phase = AnalysisPhase.parse(r.phase)
                    .orElseThrow(() -> new SQLException("analysis " + r.id + " has the unknown phase '" + r.phase + "'"));
            out.add(new Owned(new Analysis(r.id, r.spec, phase, r.startedBy, Instant.ofEpochMilli(r.startedAt), finishedAt,
                    measurements.getOrDefault(r.id, List.of()), r.message), r.owner));
        }
        return out;
    }

    private record Row(String id, AnalysisSpec spec, String phase, String message, String startedBy, String owner,
                       long startedAt, Long finishedAt) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        AnalysisSpec spec = new AnalysisSpec(rs.getString(2), Duration.ofMillis(rs.getLong(3)), Duration.ofMillis(rs.getLong(4)),
                rs.getInt(5), rs.getInt(6), rs.getInt(7) != 0);
        long finished = rs.getLong(13);
        Long finishedAt = rs.wasNull() ? null : finished;
        return new Row(rs.getString(1), spec, rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getLong(12), finishedAt);
    }

    /** The measurements of these analyses in one query, by analysis id, in order. */
    private static Map<String, List<AnalysisMeasurement>> measurements(Connection c, List<String> ids) throws SQLException {
        Map<String, List<AnalysisMeasurement>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement p = c.prepareStatement("SELECT analysis_id, idx, measured_at, run_id, verdict_id, result, "
                + "score, message FROM analysis_measurements WHERE analysis_id IN (" + marks + ") ORDER BY analysis_id, idx")) {
            bind(p, ids);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    double score = rs.getDouble(7);
                    Double nullable = rs.wasNull() ? null : score;
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new AnalysisMeasurement(rs.getInt(2),
                            Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), rs.getString(5),
                            GateResult.fromLabel(rs.getString(6)), nullable, rs.getString(8)));
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement p, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long l) {
                p.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                p.setInt(i + 1, n);
            } else {
                p.setString(i + 1, (String) a);
            }
        }
    }
}
