package io.smokegate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.slo.GateResult;
import io.smokegate.slo.History;
import io.smokegate.slo.Verdict;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gate verdicts: each with its objective values, for later comparisons, and the document the API
 * answered, returned unchanged when asked again.
 */
public final class VerdictStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Double>> VALUES = new TypeReference<>() {
    };

    /** A stored verdict's summary and its full JSON document. */
    public record Stored(String id, String checklist, String runId, GateResult result, double score,
                         Instant evaluatedAt, String document) {
    }

    private final Database db;

    public VerdictStore(Database db) {
        this.db = db;
    }

    public void save(Verdict verdict, String document) throws StoreException {
        String values;
        try {
            values = JSON.writeValueAsString(verdict.objectiveValues());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("numbers by name always serialise", e);
        }
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO verdicts (id, checklist, run_id, result, score, "
                    + "evaluated_at, objective_values, document) VALUES (?,?,?,?,?,?,?,?)")) {
                p.setString(1, verdict.id());
                p.setString(2, verdict.checklist());
                p.setString(3, verdict.runId());
                p.setString(4, verdict.result().label());
                p.setDouble(5, verdict.evaluation().score());
                p.setLong(6, verdict.evaluatedAt().toEpochMilli());
                p.setString(7, values);
                p.setString(8, document);
                p.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Stored> find(String id) throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM verdicts WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The newest verdicts first, optionally of one checklist. */
    public List<Stored> list(String checklist, int limit) throws StoreException {
        return db.read(c -> {
            String sql = "SELECT " + COLUMNS + " FROM verdicts" + (checklist == null ? "" : " WHERE checklist = ?")
                    + " ORDER BY evaluated_at DESC, id DESC LIMIT ?";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                int i = 1;
                if (checklist != null) {
                    p.setString(i++, checklist);
                }
                p.setInt(i, limit);
                List<Stored> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(stored(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * The objective values of the last {@code limit} verdicts of a checklist whose result is one of
     * {@code results}, evaluated before {@code before}, newest first.
     */
    public History history(String checklist, Set<GateResult> results, int limit, Instant before) throws StoreException {
        if (results.isEmpty() || limit <= 0) {
            return History.EMPTY;
        }
        String marks = String.join(",", results.stream().map(r -> "?").toList());
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT objective_values FROM verdicts WHERE checklist = ? "
                    + "AND result IN (" + marks + ") AND evaluated_at < ? ORDER BY evaluated_at DESC, id DESC LIMIT ?")) {
                int i = 1;
                p.setString(i++, checklist);
                for (GateResult r : results) {
                    p.setString(i++, r.label());
                }
                p.setLong(i++, before.toEpochMilli());
                p.setInt(i, limit);
                Map<String, List<Double>> values = new HashMap<>();
                int evaluations = 0;
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        evaluations++;
                        for (Map.Entry<String, Double> e : parse(rs.getString(1)).entrySet()) {
                            values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                        }
                    }
                }
                return new History(evaluations, values);
            }
        });
    }

    private static final String COLUMNS = "id, checklist, run_id, result, score, evaluated_at, document";

    private static Stored stored(ResultSet rs) throws java.sql.SQLException {
        return new Stored(rs.getString(1), rs.getString(2), rs.getString(3), GateResult.fromLabel(rs.getString(4)),
                rs.getDouble(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7));
    }

    /** A value map that cannot be read is skipped, not fatal: one bad row must not block every later gate. */
    private static Map<String, Double> parse(String json) {
        try {
            Map<String, Double> values = JSON.readValue(json, VALUES);
            return values == null ? Map.of() : values;
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
