package io.smokegate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "0,        0",
        "1ms,      1",
        "500ms,    500",
        "10s,      10000",
        "1.5s,     1500",
        "1m30s,    90000",
        "2h,       7200000",
        "1h30m,    5400000",
        "1.5h,     5400000",
        "1d,       86400000",
        "2000us,   2",
        "2000µs,   2",
        "3000000ns, 3",
    })
    void parseReadsGoStyleDurations(String text, long millis) {
        assertEquals(Optional.of(Duration.ofMillis(millis)), Durations.parse(text));
    }

    @ParameterizedTest(name = "''{0}'' is not a duration")
    @ValueSource(strings = {"", "10", "10 secs", "10sec", "s", "-1s", "1.s", "ten seconds", "1e3s", " 10s", "10s ",
        "1m 30s", "PT10S"})
    void parseRejectsAnythingElse(String text) {
        assertEquals(Optional.empty(), Durations.parse(text));
    }

    @Test
    void parseRejectsNull() {
        assertEquals(Optional.empty(), Durations.parse(null));
    }

    @Test
    void parseRejectsTextLongerThan64Characters() {
        assertEquals(Optional.empty(), Durations.parse("1s".repeat(33)));
    }

    @Test
    void parseRejectsDurationsTooLargeToRepresent() {
        assertEquals(Optional.empty(), Durations.parse("999999999999999h"));
    }

    @ParameterizedTest(name = "{0} ms formats as {1}")
    @CsvSource({
        "0,         0s",
        "1,         1ms",
        "500,       500ms",
        "1000,      1s",
        "1500,      1.5s",
        "1234,      1.234s",
        "10000,     10s",
        "60000,     1m",
        "90000,     1m30s",
        "61500,     1m1.5s",
        "3600000,   1h",
        "3601000,   1h1s",
        "5400000,   1h30m",
        "86400000,  24h",
    })
    void formatWritesTheShortestGoStyleForm(long millis, String expected) {
        assertEquals(expected, Durations.format(Duration.ofMillis(millis)));
    }

    @Test
    void formatWritesSubMillisecondDurationsInMicroseconds() {
        assertEquals("250us", Durations.format(Duration.ofNanos(250_000)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ms", "500ms", "1s", "1.5s", "10s", "1m", "1m30s", "2h", "1h1m1s"})
    void formatAndParseRoundTrip(String text) {
        assertEquals(text, Durations.format(Durations.parse(text).orElseThrow()));
    }

    @Test
    void theHintNamesExamplesUsersCanCopy() {
        assertEquals("use e.g. 500ms, 10s, 1m30s, 2h", Durations.EXAMPLES);
    }
}
