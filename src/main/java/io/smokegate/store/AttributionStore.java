package io.smokegate.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attributions, one per alert occurrence (fingerprint + startsAt). The database's uniqueness decides which of two
 * concurrent saves for one alert is kept; the other gets the kept one back, so every caller sees the same record.
 */
public final class AttributionStore {

    private static final String COLUMNS = "id, fingerprint, starts_at, alertname, service, confidence, attributed_at, "
            + "resolved_at, recovery_seconds, document";

    /**
     * One stored attribution. {@code service}, {@code resolvedAt} and {@code recoverySeconds} may be null.
     *
     * @param document the ranking as JSON, as the API answers it
     */
    public record Stored(String id, String fingerprint, Instant startsAt, String alertname, String service,
                         String confidence, Instant attributedAt, Instant resolvedAt, Long recoverySeconds,
                         String document) {
    }

    /** What to list; null fields do not filter. {@code from} and {@code to} bound the alert's start (inclusive). */
    public record Query(String fingerprint, String alertname, String service, Instant from, Instant to) {
        public static final Query ALL = new Query(null, null, null, null, null);
    }

    private final Database db;

    public AttributionStore(Database db) {
        this.db = db;
    }

    /**
     * Saves {@code a} unless an attribution of the same alert occurrence exists; returns the one stored (this one, or
     * the one that was there first). Its resolvedAt and recoverySeconds are ignored: they come with {@link #resolve}.
     */
    public Stored save(Stored a) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO attributions (id, fingerprint, starts_at, alertname, "
                    + "service, confidence, attributed_at, document) VALUES (?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT (fingerprint, starts_at) DO NOTHING")) {
                p.setString(1, a.id());
                p.setString(2, a.fingerprint());
                p.setLong(3, a.startsAt().toEpochMilli());
                p.setString(4, a.alertname());
                p.setString(5, a.service());
                p.setString(6, a.confidence());
                p.setLong(7, a.attributedAt().toEpochMilli());
                p.setString(8, a.document());
                p.executeUpdate();
            }
            return one(c, "fingerprint = ? AND starts_at = ?", a.fingerprint(), a.startsAt().toEpochMilli())
                    .orElseThrow(() -> new SQLException("attribution of " + a.fingerprint() + " vanished after insert"));
        });
    }

    public Optional<Stored> find(String id) throws StoreException {
        return db.read(c -> one(c, "id = ?", id, null));
    }

    /** The attribution of one alert occurrence, if there is one. */
    public Optional<Stored> find(String fingerprint, Instant startsAt) throws StoreException {
        return db.read(c -> one(c, "fingerprint = ? AND starts_at = ?", fingerprint, startsAt.toEpochMilli()));
    }

    /** At most {@code limit} attributions matching {@code q}, the latest alert start first. */
    public List<Stored> list(Query q, int limit) throws StoreException {
        Filters f = new Filters()
                .equal("fingerprint", q.fingerprint())
                .equal("alertname", q.alertname())
                .equal("service", q.service())
                .atLeast("starts_at", q.from())
                .atMost("starts_at", q.to());
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM attributions" + f.where()
                    + " ORDER BY starts_at DESC, id DESC LIMIT ?")) {
                p.setInt(f.bind(p), limit);
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
     * Records that the alert occurrence resolved at {@code resolvedAt}, and the recovery time since it started; false
     * when there is no attribution of it, or it was already resolved (the first resolution counts).
     */
    public boolean resolve(String fingerprint, Instant startsAt, Instant resolvedAt) throws StoreException {
        long recovery = Math.max(0, Duration.between(startsAt, resolvedAt).toSeconds());
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE attributions SET resolved_at = ?, recovery_seconds = ? "
                    + "WHERE fingerprint = ? AND starts_at = ? AND resolved_at IS NULL")) {
                p.setLong(1, resolvedAt.toEpochMilli());
                p.setLong(2, recovery);
                p.setString(3, fingerprint);
                p.setLong(4, startsAt.toEpochMilli());
                return p.executeUpdate() == 1;
            }
        });
    }

    private static Optional<Stored> one(java.sql.Connection c, String where, String key, Long at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM attributions WHERE " + where)) {
            p.setString(1, key);
            if (at != null) {
                p.setLong(2, at);
            }
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
            }
        }
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        long resolved = rs.getLong(8);
        boolean isResolved = !rs.wasNull();
        long recovery = rs.getLong(9);
        boolean hasRecovery = !rs.wasNull();
        return new Stored(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                isResolved ? Instant.ofEpochMilli(resolved) : null, hasRecovery ? recovery : null, rs.getString(10));
    }
}
