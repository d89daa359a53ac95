package io.smokegate.schedule;

import io.smokegate.input.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** When a checklist runs by itself: at a fixed interval, or on a cron expression in a time zone. */
public sealed interface Schedule {

    Duration MIN_INTERVAL = Duration.ofSeconds(10);

    /** The next run strictly after {@code after}; empty if there is none. */
    Optional<Instant> next(Instant after);

    /** The form stored and shown by the API: {@code {"every": "5m"}} or {@code {"cron": "...", "timezone": "..."}}. */
    Map<String, String> describe();

    record Every(Duration interval) implements Schedule {
        public Every {
            if (interval.compareTo(MIN_INTERVAL) < 0) {
                throw new IllegalArgumentException("interval " + Durations.format(interval) + " is shorter than "
                        + Durations.format(MIN_INTERVAL));
            }
        }

        @Override
        public Optional<Instant> next(Instant after) {
            return Optional.of(after.plus(interval));
        }

        @Override
        public Map<String, String> describe() {
            return Map.of("every", Durations.format(interval));
        }
    }

    record OnCron(Cron cron, ZoneId zone) implements Schedule {
        @Override
        public Optional<Instant> next(Instant after) {
            return cron.next(after.atZone(zone)).map(java.time.ZonedDateTime::toInstant);
        }

        @Override
        public Map<String, String> describe() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("cron", cron.toString());
            out.put("timezone", zone.getId());
            return out;
        }
    }

    /**
     * Builds a schedule from its written form; exactly one of {@code every} and {@code cron} is given.
     * The exception message names the field at fault.
     */
    static Schedule of(String every, String cron, String timezone) {
        if ((every == null) == (cron == null)) {
            throw new IllegalArgumentException("give exactly one of 'every' and 'cron'");
        }
        if (every != null) {
            if (timezone != null) {
                throw new IllegalArgumentException("timezone: only applies to 'cron' schedules");
            }
            Duration interval = Durations.parse(every).orElseThrow(() ->
                    new IllegalArgumentException("every: '" + every + "' is not a duration (" + Durations.EXAMPLES + ")"));
            try {
                return new Every(interval);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("every: " + e.getMessage());
            }
        }
        ZoneId zone;
        try {
            zone = timezone == null ? java.time.ZoneOffset.UTC : ZoneId.of(timezone);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("timezone: '" + timezone + "' is not a time zone (e.g. UTC, Europe/Berlin)");
        }
        try {
            return new OnCron(Cron.parse(cron), zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron: " + e.getMessage());
        }
    }
}
