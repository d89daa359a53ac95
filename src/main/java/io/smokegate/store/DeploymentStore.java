package io.smokegate.store;

import io.smokegate.attribution.DeployMarker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Deploy markers: which commit of a service reached which environment when. Listed newest first, always bounded. */
public final class DeploymentStore {

    /** When a service last reached an environment. */
    public record Latest(String service, String environment, Instant time) {
    }

    /** A stored marker with its id and when smokegate recorded it. */
    public record Deployment(String id, DeployMarker marker, Instant recordedAt) {
    }

    /**
     * What to list; null fields do not filter. {@code from} and {@code to} bound the deploy time (inclusive).
     */
    public record Query(String service, String environment, Instant from, Instant to) {
        public static final Query ALL = new Query(null, null, null, null);
    }

    private final Database db;

    public DeploymentStore(Database db) {
        this.db = db;
    }

    public void add(String id, DeployMarker m, Instant recordedAt) throws StoreException {
        db.transaction(c -> {
            insert(c, id, m, recordedAt);
            return null;
        });
    }

    /**
     * Adds {@code m} unless a marker of the same deploy is stored: same service, environment, commit, version and
     * time (the source does not count: Argo CD and a ReplicaSet may report one rollout). For markers read from a
     * cluster again and again; true when it was added.
     */
    public boolean addIfAbsent(String id, DeployMarker m, Instant recordedAt) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM deploy_markers WHERE service = ? AND environment = ? "
                    + "AND deployed_at = ? AND COALESCE(commit_id, '') = ? AND COALESCE(version, '') = ?")) {
                p.setString(1, m.service());
                p.setString(2, m.environment());
                p.setLong(3, m.time().toEpochMilli());
                p.setString(4, m.commit() == null ? "" : m.commit());
                p.setString(5, m.version() == null ? "" : m.version());
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            insert(c, id, m, recordedAt);
            return true;
        });
    }

    private static void insert(Connection c, String id, DeployMarker m, Instant recordedAt) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO deploy_markers (id, service, environment, repository, "
                + "commit_id, deployed_at, recorded_at, version, source) VALUES (?,?,?,?,?,?,?,?,?)")) {
            p.setString(1, id);
            p.setString(2, m.service());
            p.setString(3, m.environment());
            p.setString(4, m.repository());
            p.setString(5, m.commit());
            p.setLong(6, m.time().toEpochMilli());
            p.setLong(7, recordedAt.toEpochMilli());
            p.setString(8, m.version());
            p.setString(9, m.source());
            p.executeUpdate();
        }
    }

    /** At most {@code limit} markers matching {@code q}, newest deploy first. */
    public List<Deployment> list(Query q, int limit) throws StoreException {
        Filters f = new Filters()
                .equal("service", q.service())
                .equal("environment", q.environment())
                .atLeast("deployed_at", q.from())
                .atMost("deployed_at", q.to());
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, service, environment, repository, commit_id, deployed_at, "
                    + "recorded_at, version, source FROM deploy_markers" + f.where() + " ORDER BY deployed_at DESC, id DESC LIMIT ?")) {
                int i = f.bind(p);
                p.setInt(i, limit);
                List<Deployment> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Deployment(rs.getString(1), new DeployMarker(rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(8), rs.getString(9)),
                                Instant.ofEpochMilli(rs.getLong(7))));
                    }
                }
                return out;
            }
        });
    }

    /**
     * The newest deploy of each service and environment, ordered by service and environment; at most {@code limit}
     * of them, so a flood of made-up service names cannot grow what is exported without bound.
     */
    public List<Latest> latest(int limit) throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT service, environment, MAX(deployed_at) FROM deploy_markers "
                    + "GROUP BY service, environment ORDER BY service, environment LIMIT ?")) {
                p.setInt(1, limit);
                List<Latest> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Latest(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
                    }
                }
                return out;
            }
        });
    }
}
