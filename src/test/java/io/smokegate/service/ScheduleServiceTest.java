package io.smokegate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.check.CheckRegistry;
import io.smokegate.checklist.ChecklistCatalog;
import io.smokegate.checklist.ChecklistLoader;
import io.smokegate.metrics.SmokegateMetrics;
import io.smokegate.schedule.Schedule;
import io.smokegate.schedule.ScheduleOverride;
import io.smokegate.store.AuditStore;
import io.smokegate.store.Database;
import io.smokegate.store.ScheduleStore;
import io.smokegate.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Effective schedules from checklist files and typed overrides (the scheduler's input; runs need no queue here). */
class ScheduleServiceTest {

    @TempDir
    Path dir;

    Database db;
    ScheduleService schedules;
    LogCapture log;

    @BeforeEach
    void open() throws Exception {
        Path checklists = Files.createDirectories(dir.resolve("checklists"));
        for (String name : List.of("hourly", "other")) {
            Files.writeString(checklists.resolve(name + ".yaml"), """
                    apiVersion: smokegate.io/v1
                    kind: Checklist
                    metadata: {name: %s}
                    spec:
                      schedule: {every: 1h}
                      checks:
                        - {id: home, type: http, with: {url: "http://127.0.0.1:9/"}}
                    """.formatted(name));
        }
        db = Database.open(dir.resolve("data"), null, null, null);
        ChecklistCatalog catalog = new ChecklistCatalog(checklists, new ChecklistLoader(CheckRegistry.standard(), name -> null));
        AuditTrail audit = new AuditTrail(new AuditStore(db), Clock.systemUTC());
        SmokegateMetrics metrics = new SmokegateMetrics("test");
        RunService runs = new RunService(catalog, null, null, null, null, audit, metrics);
        schedules = new ScheduleService(catalog, runs, new ScheduleStore(db), audit, metrics);
        log = LogCapture.of(ScheduleService.class);
    }

    @AfterEach
    void close() {
        log.close();
        db.close();
    }

    static Map<String, Map<String, String>> described(Map<String, Schedule> schedules) {
        Map<String, Map<String, String>> out = new java.util.TreeMap<>();
        schedules.forEach((name, s) -> out.put(name, s.describe()));
        return out;
    }

    @Test
    void anOverrideReplacesOrDisablesTheFileSchedule() throws Exception {
        schedules.override("hourly", new ScheduleOverride.Replaced(Schedule.of("5m", null, null)), "admin");
        assertEquals(Map.of("hourly", Map.of("every", "5m"), "other", Map.of("every", "1h")),
                described(schedules.effectiveSchedules()));

        schedules.override("other", ScheduleOverride.DISABLED, "admin");
        assertEquals(Map.of("hourly", Map.of("every", "5m")), described(schedules.effectiveSchedules()));
        assertEquals(Map.of("every", "5m"), schedules.overrides().get("hourly").schedule().describe());
        assertEquals(ScheduleOverride.DISABLED, schedules.overrides().get("other"));
    }

    @Test
    void anUnreadableStoredOverrideIsIgnoredWithAWarningAndItsChecklistIsNotScheduled() throws Exception {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schedule_overrides (checklist, spec, updated_at) VALUES ('hourly', '{\"every\":\"1s\"}', 0)")) {
                return p.executeUpdate();
            }
        });

        assertEquals(Map.of("other", Map.of("every", "1h")), described(schedules.effectiveSchedules()));
        LogRecord warning = log.at(Level.WARNING).get(0);
        assertEquals("ignoring unreadable schedule override: every: interval 1s is shorter than 10s", warning.getMessage());
        assertEquals(List.of("checklist=hourly"), List.of(warning.getParameters()));
    }
}
