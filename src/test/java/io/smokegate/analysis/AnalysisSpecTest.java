package io.smokegate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnalysisSpecTest {

    private static String refused(Duration window, Duration interval, int failureLimit, int inconclusiveLimit) {
        return assertThrows(IllegalArgumentException.class, () -> new AnalysisSpec("site", window, interval, failureLimit,
                inconclusiveLimit, false)).getMessage();
    }

    @Test
    void theWindowHoldsOneMeasurementPerWholeInterval() {
        assertEquals(15, new AnalysisSpec("site", Duration.ofMinutes(15), Duration.ofMinutes(1), 0, 0, false).count());
        assertEquals(2, new AnalysisSpec("site", Duration.ofSeconds(150), Duration.ofMinutes(1), 0, 0, false).count());
    }

    @Test
    void aWindowShorterThanTheIntervalIsRefused() {
        assertEquals("for: 30s is shorter than the interval (1m); the window must hold at least one interval",
                refused(Duration.ofSeconds(30), Duration.ofMinutes(1), 0, 0));
    }

    @Test
    void negativeLimitsAreRefused() {
        assertEquals("failureLimit: -1 is negative; 0 fails the analysis on the first failed measurement",
                refused(Duration.ofMinutes(5), Duration.ofMinutes(1), -1, 0));
        assertEquals("inconclusiveLimit: -2 is negative; 0 ends the analysis on the first measurement that cannot be judged",
                refused(Duration.ofMinutes(5), Duration.ofMinutes(1), 0, -2));
    }

    @Test
    void zeroOrNegativeDurationsAreRefused() {
        assertEquals("interval: must be a positive duration", refused(Duration.ofMinutes(5), Duration.ZERO, 0, 0));
        assertEquals("for: must be a positive duration", refused(Duration.ofSeconds(-5), Duration.ofSeconds(1), 0, 0));
    }

    @Test
    void moreThanAThousandMeasurementsIsRefused() {
        assertEquals("interval: 1s over 1h would take 3600 measurements, more than 1000; use a longer interval",
                refused(Duration.ofHours(1), Duration.ofSeconds(1), 0, 0));
    }

    @Test
    void windowsLongerThanADayAreRefused() {
        assertEquals("for: 48h is longer than 24h; split a longer rollout into stages",
                refused(Duration.ofHours(48), Duration.ofHours(1), 0, 0));
    }

    @Test
    void durationsAreWrittenAsUsersWriteThem() {
        assertEquals("90s", AnalysisSpec.text(Duration.ofSeconds(90)));
        assertEquals("15m", AnalysisSpec.text(Duration.ofMinutes(15)));
        assertEquals("2h", AnalysisSpec.text(Duration.ofHours(2)));
        assertEquals("1500ms", AnalysisSpec.text(Duration.ofMillis(1500)));
    }
}
