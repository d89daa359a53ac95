package io.smokegate.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static String problem(String every, String cron, String timezone) {
        return assertThrows(IllegalArgumentException.class, () -> Schedule.of(every, cron, timezone)).getMessage();
    }

    @Test
    void everyRunsAtAFixedInterval() {
        Schedule s = Schedule.of("5m", null, null);
        assertEquals(new Schedule.Every(Duration.ofMinutes(5)), s);
        assertEquals(Optional.of(Instant.parse("2025-06-06T10:05:00Z")), s.next(Instant.parse("2025-06-06T10:00:00Z")));
    }

    @Test
    void everyDescribesItselfInItsWrittenForm() {
        assertEquals(Map.of("every", "1m30s"), Schedule.of("90s", null, null).describe());
    }

    @Test
    void tenSecondsIsTheShortestInterval() {
        assertEquals(new Schedule.Every(Duration.ofSeconds(10)), Schedule.of("10s", null, null));
        assertEquals(Schedule.MIN_INTERVAL, Duration.ofSeconds(10));
    }

    @Test
    void anIntervalShorterThanTenSecondsIsRefused() {
        assertEquals("every: interval 9.5s is shorter than 10s", problem("9500ms", null, null));
    }

    @Test
    void theIntervalRecordRefusesShortIntervalsToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Schedule.Every(Duration.ofSeconds(1)));
        assertEquals("interval 1s is shorter than 10s", e.getMessage());
    }

    @Test
    void aMalformedIntervalGetsTheUseEgHint() {
        assertEquals("every: '10 secs' is not a duration (use e.g. 500ms, 10s, 1m30s, 2h)", problem("10 secs", null, null));
    }

    @Test
    void everyAndCronAreMutuallyExclusive() {
        assertEquals("give exactly one of 'every' and 'cron'", problem("5m", "@hourly", null));
    }

    @Test
    void oneOfEveryAndCronIsRequired() {
        assertEquals("give exactly one of 'every' and 'cron'", problem(null, null, "UTC"));
    }

    @Test
    void aTimeZoneOnlyAppliesToCron() {
        assertEquals("timezone: only applies to 'cron' schedules", problem("5m", null, "Europe/Berlin"));
    }

    @Test
    void cronKeepsItsTimeZone() {
        Schedule.OnCron cron = assertInstanceOf(Schedule.OnCron.class, Schedule.of(null, "0 9 * * *", "Europe/Berlin"));
        assertEquals(ZoneId.of("Europe/Berlin"), cron.zone());
        assertEquals("0 9 * * *", cron.cron().toString());
    }

    @Test
    void cronFiresAtTheLocalTimeOfItsZoneAcrossSeasons() {
        Schedule s = Schedule.of(null, "0 9 * * *", "Europe/Berlin");
        assertEquals(Optional.of(Instant.parse("2025-01-15T08:00:00Z")), s.next(Instant.parse("2025-01-15T00:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2025-07-15T07:00:00Z")), s.next(Instant.parse("2025-07-15T00:00:00Z")));
    }

    @Test
    void cronWithoutTimeZoneRunsInUtc() {
        Schedule.OnCron s = assertInstanceOf(Schedule.OnCron.class, Schedule.of(null, "@daily", null));
        assertEquals(ZoneOffset.UTC, s.zone());
        assertEquals(Optional.of(Instant.parse("2025-01-16T00:00:00Z")), s.next(Instant.parse("2025-01-15T12:00:00Z")));
    }

    @Test
    void cronDescribesItsExpressionAndZone() {
        assertEquals(Map.of("cron", "*/10 * * * *", "timezone", "America/New_York"),
                Schedule.of(null, "*/10 * * * *", "America/New_York").describe());
    }

    @Test
    void anUnknownTimeZoneIsRefusedWithExamples() {
        assertEquals("timezone: 'Mars/Olympus_Mons' is not a time zone (e.g. UTC, Europe/Berlin)",
                problem(null, "@daily", "Mars/Olympus_Mons"));
    }

    @Test
    void aMalformedTimeZoneIsRefusedWithExamples() {
        assertEquals("timezone: 'CEST+' is not a time zone (e.g. UTC, Europe/Berlin)", problem(null, "@daily", "CEST+"));
    }

    @Test
    void anInvalidCronNamesTheCronField() {
        assertEquals("cron: minute: 61 is outside 0-59", problem(null, "61 * * * *", null));
    }

    @Test
    void aCronThatNeverFiresIsRefused() {
        assertEquals("cron: '0 0 30 2 *' never fires (no such date)", problem(null, "0 0 30 2 *", "UTC"));
    }
}
