package io.smokegate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smokegate.alerts.AlertmanagerPayload;
import io.smokegate.alerts.ReceivedAlert;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager notifications exactly as received (the raw body), with one row per alert for lookups by
 * fingerprint and time.
 */
public final class AlertStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stored notification's summary. */
    public record Received(String id, Instant receivedAt, String status, String receiver, String groupKey, int alerts) {
    }

    private final Database db;

    public AlertStore(Database db) {
        this.db = db;
    }

    public void save(String id, Instant receivedAt, AlertmanagerPayload payload, String body) throws StoreException {
        db.transaction(c -> {
            try (PreparedStatement n = c.prepareStatement("INSERT INTO alert_notifications (id, received_at, status, "
                    + "receiver, group_key, payload) VALUES (?,?,?,?,?,?)")) {
                n.setString(1, id);
                n.setLong(2, receivedAt.toEpochMilli());
                n.setString(3, payload.status());
                n.setString(4, payload.receiver());
                n.setString(5, payload.groupKey());
                n.setString(6, body);
                n.executeUpdate();
            }
            try (PreparedStatement a = c.prepareStatement("INSERT INTO alerts (notification_id, position, fingerprint, "
                    + "status, alertname, starts_at, ends_at, labels, annotations) VALUES (?,?,?,?,?,?,?,?,?)")) {
                int position = 0;
                for (ReceivedAlert alert : payload.alerts()) {
                    a.setString(1, id);
                    a.setInt(2, position++);
                    a.setString(3, alert.fingerprint());
                    a.setString(4, alert.status());
                    a.setString(5, alert.alertname());
                    a.setLong(6, alert.startsAt().toEpochMilli());
                    if (alert.endsAt().isPresent()) {
                        a.setLong(7, alert.endsAt().get().toEpochMilli());
                    } else {
                        a.setNull(7, Types.BIGINT);
                    }
                    a.setString(8, json(alert.labels()));
                    a.setString(9, json(alert.annotations()));
                    a.addBatch();
                }
                a.executeBatch();
            }
            return null;
        });
    }

    /** The raw body of a notification, as Alertmanager sent it. */
    public Optional<String> payload(String id) throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT payload FROM alert_notifications WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The newest notifications first. */
    public List<Received> list(int limit) throws StoreException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT n.id, n.received_at, n.status, n.receiver, n.group_key, "
                    + "(SELECT COUNT(*) FROM alerts a WHERE a.notification_id = n.id) FROM alert_notifications n "
                    + "ORDER BY n.received_at DESC, n.id DESC LIMIT ?")) {
                p.setInt(1, limit);
                List<Received> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Received(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getInt(6)));
                    }
                }
                return out;
            }
        });
    }

    private static String json(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("string maps always serialise", e);
        }
    }
}
