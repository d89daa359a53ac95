package io.smokegate.schedule;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) with the usual
 * {@code * , - /} syntax, month and weekday names, and the {@code @hourly}-style macros. As in Vixie cron,
 * when both day fields are restricted a day matches if either does.
 */
public final class Cron {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Long enough to reach any real date (Feb 29 recurs within 8 years), short enough to end quickly. */
    private static final int SEARCH_YEARS = 9;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domRestricted;
    private final boolean dowRestricted;

    private Cron(String text, BitSet[] fields, boolean domRestricted, boolean dowRestricted) {
        this.text = text;
        this.minutes = fields[0];
        this.hours = fields[1];
        this.daysOfMonth = fields[2];
        this.months = fields[3];
        this.daysOfWeek = fields[4];
        this.domRestricted = domRestricted;
        this.dowRestricted = dowRestricted;
    }

    /** Parses {@code text}; the exception message says which field is wrong and why. */
    public static Cron parse(String text) {
        String expanded = MACROS.getOrDefault(text.trim().toLowerCase(Locale.ROOT), text.trim());
        String[] parts = expanded.split("\\s+");
        if (parts.length != 5) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day month weekday), found "
                    + parts.length);
        }
        BitSet[] fields = {
            field(parts[0], "minute", 0, 59, null),
            field(parts[1], "hour", 0, 23, null),
            field(parts[2], "day of month", 1, 31, null),
            field(parts[3], "month", 1, 12, MONTHS),
            field(parts[4], "day of week", 0, 7, DAYS)};
        if (fields[4].get(7)) {
            fields[4].set(0);
            fields[4].clear(7);
        }
        // Vixie cron: a day field starting with '*' (also "*/2") does not restrict, so the other decides alone.
        Cron cron = new Cron(text.trim(), fields, !parts[2].startsWith("*"), !parts[4].startsWith("*"));
        if (cron.next(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC)).isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' never fires (no such date)");
        }
        return cron;
    }

    /** The first time strictly after {@code after} that matches, in {@code after}'s zone. */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = after.plusYears(SEARCH_YEARS);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (domRestricted && dowRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private static BitSet field(String text, String name, int min, int max, List<String> names) {
        BitSet bits = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), name, 1, max, null);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], name, min, max, names);
                to = number(ends[1], name, min, max, names);
                if (from > to) {
                    throw new IllegalArgumentException(name + ": range '" + range + "' runs backwards");
                }
            } else {
                from = number(range, name, min, max, names);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String text, String name, int min, int max, List<String> names) {
        if (names != null) {
            int index = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (index >= 0) {
                return names == MONTHS ? index + 1 : index;
            }
        }
        try {
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + ": " + v + " is outside " + min + "-" + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a number" + (names == null ? "" : " or name"));
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
