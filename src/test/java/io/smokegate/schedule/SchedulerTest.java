package io.smokegate.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:30Z"));
    final Map<String, Schedule> schedules = new HashMap<>();
    final List<String> fired = new ArrayList<>();
    final Scheduler scheduler = new Scheduler(() -> Map.copyOf(schedules), name -> {
        fired.add(name + "@" + clock.instant());
        return Scheduler.Fired.STARTED;
    }, clock);

    @Test
    void reconcilingListsAChangeAtOnceAndLeavesFiringToTheTick() {
        schedules.put("a", Schedule.of("1m", null, null));
        scheduler.reconcile();
        assertEquals(List.of("a"), scheduler.status().stream().map(Scheduler.Status::checklist).toList());
        assertEquals(List.of(), fired);
        scheduler.tick();
        assertEquals(List.of("a@2026-11-22T10:00:30Z"), fired, "due at once as it appeared, fired by the tick");
        schedules.clear();
        scheduler.reconcile();
        assertEquals(List.of(), scheduler.status());
    }

    @Test
    void anIntervalScheduleFiresWhenItAppearsAndThenEveryInterval() {
        schedules.put("a", Schedule.of("1m", null, null));
        scheduler.tick();
        clock.advance(Duration.ofSeconds(30));
        scheduler.tick();
        clock.advance(Duration.ofSeconds(30));
        scheduler.tick();
        assertEquals(List.of("a@2026-11-22T10:00:30Z", "a@2026-11-22T10:01:30Z"), fired);
    }

    @Test
    void aCronScheduleFiresAtItsNextMatchingMinuteOnly() {
        schedules.put("b", Schedule.of(null, "*/5 * * * *", null));
        scheduler.tick();
        assertEquals(List.of(), fired);
        assertEquals(Instant.parse("2026-11-22T10:05:00Z"), scheduler.status().get(0).nextRunAt());
        clock.advance(Duration.ofMinutes(4).plusSeconds(30));
        scheduler.tick();
        assertEquals(List.of("b@2026-11-22T10:05:00Z"), fired);
        assertEquals(Instant.parse("2026-11-22T10:10:00Z"), scheduler.status().get(0).nextRunAt());
    }

    @Test
    void aRemovedScheduleStopsFiringAndLeavesTheStatus() {
        schedules.put("a", Schedule.of("1m", null, null));
        scheduler.tick();
        schedules.clear();
        clock.advance(Duration.ofMinutes(5));
        scheduler.tick();
        assertEquals(1, fired.size());
        assertEquals(List.of(), scheduler.status());
    }

    @Test
    void aChangedScheduleIsPlannedAfresh() {
        schedules.put("a", Schedule.of(null, "0 * * * *", null));
        scheduler.tick();
        schedules.put("a", Schedule.of("10m", null, null));
        scheduler.tick();
        assertEquals(List.of("a@2026-11-22T10:00:30Z"), fired);
    }

    @Test
    void theStatusRecordsTheOutcomeOfTheLastFiring() {
        Scheduler busy = new Scheduler(() -> Map.of("a", Schedule.of("1m", null, null)),
                name -> Scheduler.Fired.SKIPPED_STILL_RUNNING, clock);
        busy.tick();
        assertEquals(Scheduler.Fired.SKIPPED_STILL_RUNNING, busy.status().get(0).lastOutcome());
        assertEquals(clock.instant(), busy.status().get(0).lastFiredAt());
    }
}
