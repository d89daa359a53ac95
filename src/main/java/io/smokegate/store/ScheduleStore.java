package io.smokegate.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Schedules set through the API, which take precedence over a checklist file's {@code spec.schedule}.
 * Stored as their JSON form ({@code {"every":"5m"}}, {@code {"cron":"…","timezone":"…"}} or
 * {@code {"enabled":false}}) so every replica sees the same.
 */
public final class ScheduleStore {

    private final Database db;

    public ScheduleStore(Database db) {
        this.db = db;
    }

    public Map<String, String> all() throws StoreException {
        return db.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT checklist, spec FROM schedule_overrides ORDER BY checklist");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    public void put(String checklist, String specJson) throws StoreException {
        db.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM schedule_overrides WHERE checklist = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO schedule_overrides (checklist, spec, updated_at) VALUES (?, ?, ?)")) {
                delete.setString(1, checklist);
                delete.executeUpdate();
                insert.setString(1, checklist);
                insert.setString(2, specJson);
                insert.setLong(3, System.currentTimeMillis());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Returns whether there was an override to remove. */
    public boolean remove(String checklist) throws StoreException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM schedule_overrides WHERE checklist = ?")) {
                p.setString(1, checklist);
                return p.executeUpdate() > 0;
            }
        });
    }
}
