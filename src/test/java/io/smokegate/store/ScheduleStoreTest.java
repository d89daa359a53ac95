package io.smokegate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.smokegate.schedule.Schedule;
import io.smokegate.schedule.ScheduleOverride;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedule overrides are typed in and out of the store; the column keeps its JSON form. */
class ScheduleStoreTest {

    @TempDir
    Path dir;

    Database db;
    ScheduleStore store;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir, null, null, null);
        store = new ScheduleStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    Map<String, String> columns() throws StoreException {
        return db.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (var rs = c.prepareStatement("SELECT checklist, spec FROM schedule_overrides ORDER BY checklist").executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    void putRaw(String checklist, String spec) throws StoreException {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schedule_overrides (checklist, spec, updated_at) VALUES (?, ?, 0)")) {
                p.setString(1, checklist);
                p.setString(2, spec);
                return p.executeUpdate();
            }
        });
    }

    @Test
    void overridesRoundTripTypedAndAreStoredInTheirJsonForm() throws Exception {
        store.put("every", new ScheduleOverride.Replaced(Schedule.of("5m", null, null)));
        store.put("cron", new ScheduleOverride.Replaced(Schedule.of(null, "30 2 * * MON-FRI", "Europe/Berlin")));
        store.put("off", ScheduleOverride.DISABLED);

        Map<String, ScheduleOverride> read = store.all();

        assertEquals(List.of("cron", "every", "off"), List.copyOf(read.keySet()));
        assertEquals(Map.of("cron", "30 2 * * MON-FRI", "timezone", "Europe/Berlin"),
                assertInstanceOf(ScheduleOverride.Replaced.class, read.get("cron")).schedule().describe());
        assertEquals(Map.of("every", "5m"), assertInstanceOf(ScheduleOverride.Replaced.class, read.get("every")).schedule().describe());
        assertEquals(ScheduleOverride.DISABLED, read.get("off"));
        assertEquals(Map.of("cron", "{\"cron\":\"30 2 * * MON-FRI\",\"timezone\":\"Europe/Berlin\"}", "every", "{\"every\":\"5m\"}",
                "off", "{\"enabled\":false}"), columns());
    }

    @Test
    void aStoredOverrideThatCannotBeReadComesBackUnreadableWithTheReason() throws Exception {
        putRaw("too-often", "{\"every\":\"1s\"}");
        putRaw("not-json", "every 5m");
        putRaw("null", "null");

        Map<String, ScheduleOverride> read = store.all();

        assertEquals(new ScheduleOverride.Unreadable("every: interval 1s is shorter than 10s"), read.get("too-often"));
        assertEquals("stored JSON is null, not an object",
                assertInstanceOf(ScheduleOverride.Unreadable.class, read.get("null")).why());
        assertInstanceOf(ScheduleOverride.Unreadable.class, read.get("not-json"));
    }
}
