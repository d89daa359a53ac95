package io.smokegate.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ZonedDateTime utc(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), ZoneOffset.UTC);
    }

    private static ZonedDateTime berlin(String localDateTime, String offset) {
        return ZonedDateTime.ofLocal(java.time.LocalDateTime.parse(localDateTime), BERLIN, ZoneOffset.of(offset));
    }

    /** The next {@code count} firings after {@code after}. */
    private static List<ZonedDateTime> firings(String expression, ZonedDateTime after, int count) {
        Cron cron = Cron.parse(expression);
        List<ZonedDateTime> out = new ArrayList<>();
        ZonedDateTime t = after;
        for (int i = 0; i < count; i++) {
            t = cron.next(t).orElseThrow();
            out.add(t);
        }
        return out;
    }

    @ParameterizedTest(name = "''{0}'' after {1} -> {2}")
    @CsvSource({
        "'* * * * *',         2025-01-31T10:00:30,  2025-01-31T10:01",
        "'0 * * * *',         2025-01-31T10:00,     2025-01-31T11:00",
        "'*/15 * * * *',      2025-01-31T10:07,     2025-01-31T10:15",
        "'5/15 * * * *',      2025-01-31T10:06,     2025-01-31T10:20",
        "'0,30 * * * *',      2025-01-31T10:10,     2025-01-31T10:30",
        "'0 9-17 * * *',      2025-01-31T17:30,     2025-02-01T09:00",
        "'0 9-17/4 * * *',    2025-01-31T10:00,     2025-01-31T13:00",
        "'30 2 * * *',        2025-01-31T10:00,     2025-02-01T02:30",
        "'0 0 1 * *',         2025-01-31T23:59,     2025-02-01T00:00",
        "'0 0 31 * *',        2025-01-31T10:00,     2025-03-31T00:00",
        "'0 0 29 2 *',        2025-01-01T00:00,     2028-02-29T00:00",
        "'0 0 1 1 *',         2025-12-31T23:59,     2026-01-01T00:00",
        "'59 23 31 12 *',     2025-12-31T23:59,     2026-12-31T23:59",
        "'0 0 1 1-12/3 *',    2025-02-15T00:00,     2025-04-01T00:00",
        "'0  12   * * *',     2025-01-31T10:00,     2025-01-31T12:00",
    })
    void nextFindsTheFirstMatchingMinuteStrictlyAfter(String expression, String after, String expected) {
        assertEquals(Optional.of(utc(expected)), Cron.parse(expression).next(utc(after)));
    }

    @Test
    void nextIsStrictlyAfterEvenWhenTheStartMatches() {
        assertEquals(utc("2025-02-01T12:00"), Cron.parse("0 12 * * *").next(utc("2025-01-31T12:00")).orElseThrow());
    }

    @Test
    void nextDropsSecondsAndFractions() {
        assertEquals(utc("2025-01-31T12:00"), Cron.parse("0 12 * * *").next(utc("2025-01-31T10:00:30.5")).orElseThrow());
    }

    @Test
    void nextKeepsTheZoneOfItsStart() {
        ZonedDateTime after = ZonedDateTime.of(2025, 1, 31, 10, 0, 0, 0, ZoneId.of("Asia/Kolkata"));
        assertEquals(ZonedDateTime.of(2025, 1, 31, 12, 0, 0, 0, ZoneId.of("Asia/Kolkata")),
                Cron.parse("0 12 * * *").next(after).orElseThrow());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "@yearly,    '0 0 1 1 *'",
        "@annually,  '0 0 1 1 *'",
        "@monthly,   '0 0 1 * *'",
        "@weekly,    '0 0 * * 0'",
        "@daily,     '0 0 * * *'",
        "@midnight,  '0 0 * * *'",
        "@hourly,    '0 * * * *'",
        "@DAILY,     '0 0 * * *'",
    })
    void macrosFireLikeTheirExpansion(String macro, String expansion) {
        ZonedDateTime after = utc("2025-06-06T10:17");
        assertEquals(firings(expansion, after, 3), firings(macro, after, 3));
    }

    @Test
    void macrosKeepTheirWrittenForm() {
        assertEquals("@hourly", Cron.parse(" @hourly ").toString());
        assertEquals("*/5 * * * *", Cron.parse("*/5 * * * *").toString());
    }

    @Test
    void monthNamesAreCaseInsensitive() {
        assertEquals(List.of(utc("2025-07-01T00:00"), utc("2026-01-01T00:00")),
                firings("0 0 1 JAN,jul *", utc("2025-01-31T10:00"), 2));
    }

    @Test
    void monthNamesFormRanges() {
        assertEquals(List.of(utc("2025-06-01T00:00"), utc("2025-07-01T00:00"), utc("2025-08-01T00:00"),
                utc("2026-06-01T00:00")), firings("0 0 1 JUN-AUG *", utc("2025-05-15T00:00"), 4));
    }

    @Test
    void weekdayNamesFormRanges() {
        // Friday 2025-06-06 10:00: the next weekday mornings are Monday and Tuesday
        assertEquals(List.of(utc("2025-06-09T09:00"), utc("2025-06-10T09:00")),
                firings("0 9 * * MON-FRI", utc("2025-06-06T10:00"), 2));
    }

    @Test
    void sundayIsZeroAndSeven() {
        ZonedDateTime friday = utc("2025-06-06T10:00");
        assertEquals(utc("2025-06-08T00:00"), Cron.parse("0 0 * * 0").next(friday).orElseThrow());
        assertEquals(utc("2025-06-08T00:00"), Cron.parse("0 0 * * 7").next(friday).orElseThrow());
        assertEquals(utc("2025-06-08T00:00"), Cron.parse("0 0 * * sun").next(friday).orElseThrow());
        assertEquals(List.of(utc("2025-06-07T00:00"), utc("2025-06-08T00:00"), utc("2025-06-14T00:00")),
                firings("0 0 * * 6-7", friday, 3));
    }

    @Test
    void aRestrictedWeekdayAloneMeansOnlyThoseWeekdays() {
        assertEquals(List.of(utc("2025-07-04T09:00"), utc("2025-07-11T09:00"), utc("2025-07-18T09:00")),
                firings("0 9 * * FRI", utc("2025-07-01T00:00"), 3));
    }

    @Test
    void aRestrictedDayOfMonthAloneMeansOnlyThoseDays() {
        assertEquals(List.of(utc("2025-07-13T09:00"), utc("2025-08-13T09:00")),
                firings("0 9 13 * *", utc("2025-07-01T00:00"), 2));
    }

    @Test
    void whenBothDayFieldsAreRestrictedEitherMatches() {
        // Fridays or the 13th: Jul 4 (Fri), Jul 11 (Fri), Jul 13 (Sun), Jul 18 (Fri)
        assertEquals(List.of(utc("2025-07-04T09:00"), utc("2025-07-11T09:00"), utc("2025-07-13T09:00"),
                utc("2025-07-18T09:00")), firings("0 9 13 * FRI", utc("2025-07-01T00:00"), 4));
    }

    @Test
    void aDayFieldStartingWithStarCombinesWithTheOtherByAndAsInVixieCron() {
        // "*/2" in day-of-month with MON: odd days that are Mondays, not "odd days or Mondays".
        Cron cron = Cron.parse("0 0 */2 * MON");
        assertEquals(ZonedDateTime.parse("2026-11-23T00:00Z"),
                cron.next(ZonedDateTime.parse("2026-11-22T12:00Z")).orElseThrow());
        assertEquals(ZonedDateTime.parse("2026-12-07T00:00Z"),
                cron.next(ZonedDateTime.parse("2026-11-23T00:00Z")).orElseThrow());
    }

    @Test
    void anImpossibleDateStillFiresOnItsWeekday() {
        // February 30 never comes, but "or Monday" does
        assertEquals(utc("2025-02-03T00:00"), Cron.parse("0 0 30 2 MON").next(utc("2025-01-31T10:00")).orElseThrow());
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(delimiter = '|', value = {
        "61 * * * *      | minute: 61 is outside 0-59",
        "-1 * * * *      | minute: '' is not a number",
        "x * * * *       | minute: 'x' is not a number",
        "1,,2 * * * *    | minute: '' is not a number",
        "30-10 * * * *   | minute: range '30-10' runs backwards",
        "*/0 * * * *     | minute: 0 is outside 1-59",
        "* 24 * * *      | hour: 24 is outside 0-23",
        "* * 0 * *       | day of month: 0 is outside 1-31",
        "* * 32 * *      | day of month: 32 is outside 1-31",
        "* * * 13 *      | month: 13 is outside 1-12",
        "* * * FOO *     | month: 'FOO' is not a number or name",
        "* * * * 8       | day of week: 8 is outside 0-7",
        "* * * * MONDAY  | day of week: 'MONDAY' is not a number or name",
        "* * * * FRI-SUN | day of week: range 'FRI-SUN' runs backwards",
        "* * * *         | a cron expression has 5 fields (minute hour day month weekday), found 4",
        "0 * * * * *     | a cron expression has 5 fields (minute hour day month weekday), found 6",
        "@reboot         | a cron expression has 5 fields (minute hour day month weekday), found 1",
    })
    void anInvalidExpressionNamesTheFieldAndWhy(String expression, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cron.parse(expression));
        assertEquals(message, e.getMessage());
    }

    @Test
    void februaryThirtiethIsRejectedAsNeverFiring() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 0 30 2 *"));
        assertEquals("'0 0 30 2 *' never fires (no such date)", e.getMessage());
    }

    @Test
    void theThirtyFirstOfShortMonthsIsRejectedAsNeverFiring() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 0 31 4,6,9,11 *"));
        assertEquals("'0 0 31 4,6,9,11 *' never fires (no such date)", e.getMessage());
    }

    @Test
    void februaryTwentyNinthIsAcceptedBecauseLeapYearsComeWithinEightYears() {
        assertEquals(utc("2032-02-29T00:00"), Cron.parse("0 0 29 2 *").next(utc("2028-02-29T00:00")).orElseThrow());
    }

    // --- daylight saving time in Europe/Berlin (2025: 02:00 -> 03:00 on Mar 30, 03:00 -> 02:00 on Oct 26) ---

    @Test
    void hourlyKeepsFiringEveryRealHourWhenClocksSpringForward() {
        List<ZonedDateTime> runs = firings("0 * * * *", berlin("2025-03-30T00:30", "+01:00"), 3);
        assertEquals(List.of(berlin("2025-03-30T01:00", "+01:00"), berlin("2025-03-30T03:00", "+02:00"),
                berlin("2025-03-30T04:00", "+02:00")), runs);
        assertEquals(java.time.Duration.ofHours(1),
                java.time.Duration.between(runs.get(0).toInstant(), runs.get(1).toInstant()));
    }

    @Test
    void hourlyKeepsFiringEveryRealHourWhenClocksFallBack() {
        List<ZonedDateTime> runs = firings("0 * * * *", berlin("2025-10-26T01:30", "+02:00"), 3);
        assertEquals(List.of(berlin("2025-10-26T02:00", "+02:00"), berlin("2025-10-26T02:00", "+01:00"),
                berlin("2025-10-26T03:00", "+01:00")), runs);
    }

    @Test
    void aDailyTimeAfterTheSpringForwardGapFiresAtItsLocalTime() {
        ZonedDateTime run = Cron.parse("0 3 * * *").next(berlin("2025-03-29T12:00", "+01:00")).orElseThrow();
        assertEquals(berlin("2025-03-30T03:00", "+02:00"), run);
        assertEquals(java.time.Instant.parse("2025-03-30T01:00:00Z"), run.toInstant());
    }

    @Test
    void aDailyTimeInWinterAndSummerIsTheSameLocalTime() {
        Cron nine = Cron.parse("0 9 * * *");
        assertEquals(java.time.Instant.parse("2025-01-15T08:00:00Z"),
                nine.next(berlin("2025-01-15T00:00", "+01:00")).orElseThrow().toInstant());
        assertEquals(java.time.Instant.parse("2025-07-15T07:00:00Z"),
                nine.next(berlin("2025-07-15T00:00", "+02:00")).orElseThrow().toInstant());
    }

    @Test
    void aLocalTimeSkippedBySpringForwardDoesNotFireThatDay() {
        // As documented for Vixie cron's crontab(5): non-existent local times never match.
        assertEquals(List.of(berlin("2025-03-29T02:30", "+01:00"), berlin("2025-03-31T02:30", "+02:00")),
                firings("30 2 * * *", berlin("2025-03-28T12:00", "+01:00"), 2));
    }

    @Test
    void aLocalTimeRepeatedByFallBackFiresAtBothOccurrences() {
        // As documented for Vixie cron's crontab(5): local times that occur twice match twice.
        assertEquals(List.of(berlin("2025-10-26T02:30", "+02:00"), berlin("2025-10-26T02:30", "+01:00"),
                berlin("2025-10-27T02:30", "+01:00")), firings("30 2 * * *", berlin("2025-10-25T12:00", "+02:00"), 3));
    }

    @Test
    void everyThirtyMinutesRunsThroughTheRepeatedHour() {
        List<ZonedDateTime> runs = firings("*/30 * * * *", berlin("2025-10-26T01:50", "+02:00"), 5);
        assertEquals(List.of(berlin("2025-10-26T02:00", "+02:00"), berlin("2025-10-26T02:30", "+02:00"),
                berlin("2025-10-26T02:00", "+01:00"), berlin("2025-10-26T02:30", "+01:00"),
                berlin("2025-10-26T03:00", "+01:00")), runs);
    }
}
