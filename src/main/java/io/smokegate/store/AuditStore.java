package io.smokegate.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The audit trail: every mutating API call with the token that made it, newest first when listed. */
public final class AuditStore {

    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    /** One page of the trail; {@code next} continues it, null on the last page. */
    public record Page(List<AuditEvent> events, String next) {
    }

    private final Database db;

    public AuditStore(Database db) {
        this.db = db;
    }

    public void record(AuditEvent event) throws StoreException {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO audit_events (id, at, actor, action, target, detail) VALUES (?,?,?,?,?,?)")) {
                p.setString(1, event.id());
                p.setLong(2, event.at().toEpochMilli());
                p.setString(3, event.actor());
                p.setString(4, event.action());
                p.setString(5, event.target());
                p.setString(6, StoredJson.write(event.detail()));
                p.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Events newest first, optionally of one actor or about one target.
     *
     * @param cursor the {@code next} of the previous page, or null
     */
    public Page list(String actor, String target, int limit, String cursor) throws StoreException {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, target, detail FROM audit_events WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (actor != null) {
            sql.append(" AND actor = ?");
            args.add(actor);
        }
        if (target != null) {
            sql.append(" AND target = ?");
            args.add(target);
        }
        if (cursor != null) {
            PageCursor after = PageCursor.decode(cursor);
            sql.append(" AND (at < ? OR (at = ? AND id < ?))");
            args.add(after.at());
            args.add(after.at());
            args.add(after.id());
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        return db.read(c -> {
            List<AuditEvent> events = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    p.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        events.add(new AuditEvent(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), StoredJson.read(rs.getString(6), DETAIL)));
                    }
                }
            }
            if (events.size() <= limit) {
                return new Page(events, null);
            }
            List<AuditEvent> page = List.copyOf(events.subList(0, limit));
            AuditEvent last = page.get(limit - 1);
            return new Page(page, new PageCursor(last.at().toEpochMilli(), last.id()).encode());
        });
    }
}
