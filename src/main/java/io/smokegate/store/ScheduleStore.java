package io.smokegate.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smokegate.schedule.Schedule;
import io.smokegate.schedule.ScheduleOverride;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Schedules set through the API, which take precedence over a checklist file's {@code spec.schedule}.
 * Stored as their JSON form ({@code {"every":"5m"}}, {@code {"cron":"…","timezone":"…"}} or
 * {@code {"enabled":false}}) so every replica sees the same.
 */
public final class ScheduleStore {

    private static final TypeReference<Map<String, Object>> SPEC = new TypeReference<>() {
    };
    private static final Map<String, Object> DISABLED = Map.of("enabled", false);

    private final Database db;

    public ScheduleStore(Database db) {
        this.db = db;
    }

    /** Every override by checklist name; one that cannot be read is there as {@link ScheduleOverride.Unreadable}. */
    public Map<String, ScheduleOverride> all() throws StoreException {
        return db.read(c -> {
            Map<String, ScheduleOverride> out = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT checklist, spec FROM schedule_overrides ORDER BY checklist");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), read(rs.getString(2)));
                }
            }
            return out;
        });
    }

    /** Sets the override of a checklist; an unreadable one cannot be written back. */
    public void put(String checklist, ScheduleOverride override) throws StoreException {
        Map<String, ?> spec = switch (override) {
            case ScheduleOverride.Disabled d -> DISABLED;
            case ScheduleOverride.Replaced r -> r.schedule().describe();
            case ScheduleOverride.Unreadable u -> throw new IllegalArgumentException("an unreadable override is not stored");
        };
        db.transaction(c -> {
            String specJson = StoredJson.write(spec);
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

    private static ScheduleOverride read(String json) {
        try {
            Map<String, Object> spec = StoredJson.read(json, SPEC);
            if (spec == null) {
                return new ScheduleOverride.Unreadable("stored JSON is null, not an object");
            }
            if (Boolean.FALSE.equals(spec.get("enabled"))) {
                return ScheduleOverride.DISABLED;
            }
            return new ScheduleOverride.Replaced(Schedule.of((String) spec.get("every"), (String) spec.get("cron"),
                    (String) spec.get("timezone")));
        } catch (SQLException | IllegalArgumentException | ClassCastException e) {
            return new ScheduleOverride.Unreadable(e.getMessage());
        }
    }
}
