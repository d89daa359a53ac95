package io.smokegate.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smokegate.check.CheckRegistry;
import io.smokegate.check.CheckResult;
import io.smokegate.check.CheckStatus;
import io.smokegate.check.Measurement;
import io.smokegate.check.Severity;
import io.smokegate.run.RunReport;
import io.smokegate.run.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Run history: every run with every check result, saved in one transaction each. */
public final class RunStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private final Database db;
    private final CheckRegistry registry;

    /** @param registry knows the measures of stored check results by name */
    public RunStore(Database db, CheckRegistry registry) {
        this.db = db;
        this.registry = registry;
    }

    public Database database() {
        return db;
    }

    /**
     * Stores a finished run and, in the same transaction, takes it off the accepted runs. A run id is stored
     * once: a second save fails and leaves the first record as it was.
     */
    public void save(RunReport report) throws StoreException {
        db.transaction(c -> {
            AcceptedRunStore.delete(c, report.runId(), null);
            insert(c, report);
            return null;
        });
    }

    /** Inserts a run and its check results; the caller owns the transaction. */
    static void insert(Connection c, RunReport report) throws SQLException {
        try (PreparedStatement run = c.prepareStatement("INSERT INTO runs (id, checklist, status, run_trigger, "
                + "started_at, duration_ms, labels, passed, failed, errors, skipped) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            run.setString(1, report.runId());
            run.setString(2, report.checklist());
            run.setString(3, report.status().label());
            run.setString(4, report.trigger());
            run.setLong(5, report.startedAt().toEpochMilli());
            run.setLong(6, report.duration().toMillis());
            run.setString(7, StoredJson.write(report.labels()));
            run.setInt(8, (int) report.count(CheckStatus.PASSED));
            run.setInt(9, (int) report.count(CheckStatus.FAILED));
            run.setInt(10, (int) report.count(CheckStatus.ERROR));
            run.setInt(11, (int) report.count(CheckStatus.SKIPPED));
            run.executeUpdate();
        }
        try (PreparedStatement check = c.prepareStatement("INSERT INTO check_results (run_id, position, check_id, "
                + "check_type, status, started_at, duration_ms, attempts, weight, message, details, measurements, severity) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            int position = 0;
            for (CheckResult r : report.checks()) {
                check.setString(1, report.runId());
                check.setInt(2, position++);
                check.setString(3, r.id());
                check.setString(4, r.type());
                check.setString(5, r.status().label());
                check.setLong(6, r.startedAt().toEpochMilli());
                check.setLong(7, r.duration().toMillis());
                check.setInt(8, r.attempts());
                check.setDouble(9, r.weight());
                check.setString(10, text(r.message()));
                check.setString(11, text(StoredJson.write(r.details())));
                check.setString(12, StoredJson.write(encodeMeasurements(r.measurements())));
                check.setString(13, r.severity().label());
                check.addBatch();
            }
            check.executeBatch();
        }
    }

    public Optional<RunReport> find(String runId) throws StoreException {
        return db.read(c -> {
            RunSummary summary;
            Map<String, String> labels;
            try (PreparedStatement p = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + ", labels FROM runs WHERE id = ?")) {
                p.setString(1, runId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    summary = summary(rs);
                    labels = StoredJson.read(rs.getString("labels"), STRING_MAP);
                }
            }
            return Optional.of(new RunReport(summary.runId(), summary.checklist(), labels, summary.status(),
                    summary.trigger(), summary.startedAt(), summary.duration(), checks(c, runId)));
        });
    }

    public RunPage list(RunQuery q) throws StoreException {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM runs WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.checklist() != null) {
            sql.append(" AND checklist = ?");
            args.add(q.checklist());
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().label());
        }
        if (q.since() != null) {
            sql.append(" AND started_at >= ?");
            args.add(q.since().toEpochMilli());
        }
        if (q.until() != null) {
            sql.append(" AND started_at < ?");
            args.add(q.until().toEpochMilli());
        }
        if (q.cursor() != null) {
            PageCursor cursor = PageCursor.decode(q.cursor());
            sql.append(" AND (started_at < ? OR (started_at = ? AND id < ?))");
            args.add(cursor.at());
            args.add(cursor.at());
            args.add(cursor.id());
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
        args.add(q.limit() + 1);
        return db.read(c -> {
            List<RunSummary> runs = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    p.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        runs.add(summary(rs));
                    }
                }
            }
            if (runs.size() <= q.limit()) {
                return new RunPage(runs, null);
            }
            List<RunSummary> page = runs.subList(0, q.limit());
            RunSummary last = page.get(page.size() - 1);
            return new RunPage(List.copyOf(page), new PageCursor(last.startedAt().toEpochMilli(), last.runId()).encode());
        });
    }

    private static final String SUMMARY_COLUMNS =
            "id, checklist, status, run_trigger, started_at, duration_ms, passed, failed, errors, skipped";

    private static RunSummary summary(ResultSet rs) throws SQLException {
        return new RunSummary(rs.getString("id"), rs.getString("checklist"), RunStatus.fromLabel(rs.getString("status")),
                rs.getString("run_trigger"), Instant.ofEpochMilli(rs.getLong("started_at")),
                Duration.ofMillis(rs.getLong("duration_ms")), rs.getInt("passed"), rs.getInt("failed"),
                rs.getInt("errors"), rs.getInt("skipped"));
    }

    private List<CheckResult> checks(Connection c, String runId) throws SQLException {
        List<CheckResult> checks = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT check_id, check_type, status, started_at, duration_ms, "
                + "attempts, weight, message, details, measurements, severity FROM check_results WHERE run_id = ? ORDER BY position")) {
            p.setString(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    checks.add(new CheckResult(rs.getString(1), rs.getString(2), CheckStatus.fromLabel(rs.getString(3)),
                            Instant.ofEpochMilli(rs.getLong(4)), Duration.ofMillis(rs.getLong(5)), rs.getString(8),
                            StoredJson.read(rs.getString(9), MAP), decodeMeasurements(StoredJson.read(rs.getString(10), LIST)), rs.getInt(6),
                            rs.getDouble(7), Severity.fromLabel(rs.getString(11))));
                }
            }
        }
        return checks;
    }

    private static List<Map<String, Object>> encodeMeasurements(List<Measurement> measurements) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Measurement m : measurements) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("measure", m.measure().name());
            row.put("value", m.value());
            row.put("labels", m.labelValues());
            out.add(row);
        }
        return out;
    }

    /** Measures no longer known to this version are dropped rather than failing the whole read. */
    @SuppressWarnings("unchecked")
    private List<Measurement> decodeMeasurements(List<Map<String, Object>> rows) {
        List<Measurement> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            try {
                registry.measure((String) row.get("measure")).ifPresent(measure -> out.add(new Measurement(measure,
                        ((Number) row.get("value")).doubleValue(), (List<String>) row.get("labels"))));
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                // A row this version cannot read; the rest of the run still can be.
            }
        }
        return out;
    }

    /** PostgreSQL TEXT cannot hold NUL; hostile servers can put one in a message. */
    private static String text(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }
}
