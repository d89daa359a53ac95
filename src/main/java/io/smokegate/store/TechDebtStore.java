package io.smokegate.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smokegate.techdebt.TechDebtScan;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tech-debt scans: each with its figures, for trends, and its document as {@code TechDebtJson} wrote it, returned
 * unchanged as the latest scan.
 */
public final class TechDebtStore {

    private static final TypeReference<LinkedHashMap<String, Number>> FIGURES = new TypeReference<>() {
    };

    /** A stored scan: its summary and its whole JSON document. */
    public record Stored(String id, Instant scannedAt, String targetVersion, Map<String, Number> figures, boolean partial,
                         String document) {
    }

    /** The figures of one scan, a point of a trend. */
    public record Point(Instant scannedAt, Map<String, Number> figures, boolean partial) {
    }

    private final Database db;

    public TechDebtStore(Database db) {
        this.db = db;
    }

    public void save(String id, TechDebtScan scan, String document) throws StoreException {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO techdebt_scans (id, scanned_at, target_version, "
                    + "figures, document, partial) VALUES (?,?,?,?,?,?)")) {
                p.setString(1, id);
                p.setLong(2, scan.scannedAt().toEpochMilli());
                p.setString(3, scan.targets().kubernetes().toString());
                p.setString(4, StoredJson.write(scan.figures()));
                p.setString(5, document);
                p.setInt(6, scan.partial() ? 1 : 0);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** The scan with the latest scan time; empty before the first. */
    public Optional<Stored> latest() throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, scanned_at, target_version, figures, partial, document "
                    + "FROM techdebt_scans ORDER BY scanned_at DESC, id DESC LIMIT 1");
                 ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getString(3), figures(rs.getString(4)), rs.getInt(5) != 0, rs.getString(6))) : Optional.empty();
            }
        });
    }

    /**
     * The figures of the scans from {@code from} (inclusive) to {@code to} (exclusive), either open when null: the
     * newest {@code limit} of them, oldest first, as a trend is drawn.
     */
    public List<Point> figures(Instant from, Instant to, int limit) throws StoreException {
        return db.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT scanned_at, figures, partial FROM techdebt_scans WHERE 1 = 1");
            if (from != null) {
                sql.append(" AND scanned_at >= ?");
            }
            if (to != null) {
                sql.append(" AND scanned_at < ?");
            }
            sql.append(" ORDER BY scanned_at DESC, id DESC LIMIT ?");
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (from != null) {
                    p.setLong(i++, from.toEpochMilli());
                }
                if (to != null) {
                    p.setLong(i++, to.toEpochMilli());
                }
                p.setInt(i, limit);
                List<Point> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Point(Instant.ofEpochMilli(rs.getLong(1)), figures(rs.getString(2)), rs.getInt(3) != 0));
                    }
                }
                Collections.reverse(out);
                return out;
            }
        });
    }

    /** Whole numbers as Long and the rest as Double, as scans count them, whatever width JSON reading chose. */
    private static Map<String, Number> figures(String json) throws SQLException {
        Map<String, Number> out = new LinkedHashMap<>();
        StoredJson.read(json, FIGURES).forEach((name, value) -> out.put(name,
                value instanceof Double || value instanceof Float || value instanceof java.math.BigDecimal
                        ? (Number) value.doubleValue() : (Number) value.longValue()));
        return Collections.unmodifiableMap(out);
    }
}
