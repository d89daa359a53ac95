package io.smokegate.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smokegate.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** A scheduler whose schedules last fired at {@code last} (as the shared database says), leading while told. */
    Scheduler replica(Map<String, Instant> last, AtomicBoolean leading) {
        return new Scheduler(() -> Map.copyOf(schedules), name -> {
            fired.add(name + "@" + clock.instant());
            return Scheduler.Fired.STARTED;
        }, clock, name -> Optional.ofNullable(last.get(name))).onlyWhile(leading::get);
    }

    @Test
    void aFollowerFiresNothing() {
        schedules.put("a", Schedule.of("1m", null, null));
        Scheduler follower = replica(Map.of(), new AtomicBoolean(false));

        follower.tick();
        clock.advance(Duration.ofMinutes(5));
        follower.tick();

        assertEquals(List.of(), fired);
    }

    @Test
    void aNewLeaderFiresAnIntervalScheduleOneIntervalAfterItsLastRunOnAnyReplica() {
        schedules.put("a", Schedule.of("1m", null, null));
        Map<String, Instant> last = new HashMap<>(Map.of("a", clock.instant().minusSeconds(20)));
        AtomicBoolean leading = new AtomicBoolean(false);
        Scheduler scheduler = replica(last, leading);
        scheduler.tick();
        clock.advance(Duration.ofSeconds(10));
        leading.set(true);

        scheduler.tick();
        clock.advance(Duration.ofSeconds(30));
        scheduler.tick();

        assertEquals(List.of("a@2026-11-22T10:01:10Z"), fired, "not at once: the old leader ran it 30 s before");
    }

    @Test
    void aNewLeaderTakesTheLastRunFromTheDatabaseAgainAfterLeadershipCameBack() {
        schedules.put("a", Schedule.of("1m", null, null));
        Map<String, Instant> last = new HashMap<>();
        AtomicBoolean leading = new AtomicBoolean(true);
        Scheduler scheduler = replica(last, leading);
        scheduler.tick();
        leading.set(false);
        clock.advance(Duration.ofSeconds(50));
        scheduler.tick();
        last.put("a", clock.instant());
        clock.advance(Duration.ofSeconds(20));
        leading.set(true);

        scheduler.tick();
        clock.advance(Duration.ofSeconds(40));
        scheduler.tick();

        assertEquals(List.of("a@2026-11-22T10:00:30Z", "a@2026-11-22T10:02:20Z"), fired,
                "the other leader's run at 10:01:20 counts, the interval follows it");
    }

    @Test
    void aNewLeaderFiresAtOnceWhenTheIntervalSinceTheLastRunHasPassed() {
        schedules.put("a", Schedule.of("1m", null, null));
        Scheduler scheduler = replica(Map.of("a", clock.instant().minusSeconds(90)), new AtomicBoolean(true));

        scheduler.tick();

        assertEquals(List.of("a@2026-11-22T10:00:30Z"), fired);
    }

    @Test
    void aNewLeaderFiresACronTimeTheOldLeaderMissedByLessThanAMinute() {
        clock.advance(Duration.ofSeconds(-20));
        schedules.put("b", Schedule.of(null, "*/5 * * * *", null));
        clock.advance(Duration.ofMinutes(5));
        Scheduler scheduler = replica(Map.of("b", Instant.parse("2026-11-22T10:00:00Z")),
                new AtomicBoolean(true));

        scheduler.tick();

        assertEquals(List.of("b@2026-11-22T10:05:10Z"), fired, "10:05 was due 10 s ago and not run");
    }

    @Test
    void aNewLeaderSkipsACronTimeMissedByMoreThanAMinute() {
        schedules.put("b", Schedule.of(null, "*/5 * * * *", null));
        clock.advance(Duration.ofMinutes(6));
        Scheduler scheduler = replica(Map.of("b", Instant.parse("2026-11-22T10:00:00Z")),
                new AtomicBoolean(true));

        scheduler.tick();

        assertEquals(List.of(), fired);
        assertEquals(Instant.parse("2026-11-22T10:10:00Z"), scheduler.status().get(0).nextRunAt());
    }
}
