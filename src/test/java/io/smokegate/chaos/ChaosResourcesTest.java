package io.smokegate.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Chaos Mesh's {@code spec.duration} is a Go duration: written so Go reads it, read as people write it. */
class ChaosResourcesTest {

    @Test
    void durationsAreWrittenAsGoReadsThem() {
        assertEquals("3m", ChaosResources.goDuration(Duration.ofMinutes(3)));
        assertEquals("1h30m", ChaosResources.goDuration(Duration.ofMinutes(90)));
        assertEquals("1h5s", ChaosResources.goDuration(Duration.ofSeconds(3605)));
        assertEquals("1500ms", ChaosResources.goDuration(Duration.ofMillis(1500)));
        assertEquals("0s", ChaosResources.goDuration(Duration.ZERO));
    }

    @Test
    void goDurationsAreReadAsChaosMeshWritesThem() {
        assertEquals(Duration.ofSeconds(90), ChaosResources.parseGoDuration("1m30s"));
        assertEquals(Duration.ofMillis(500), ChaosResources.parseGoDuration("500ms"));
        assertEquals(Duration.ofHours(2), ChaosResources.parseGoDuration("2h"));
        assertEquals(Duration.ofMinutes(90), ChaosResources.parseGoDuration("1.5h"));
    }

    @Test
    void whatIsNotAGoDurationIsRefused() {
        assertEquals("not a Go duration: 5 minutes",
                assertThrows(IllegalArgumentException.class, () -> ChaosResources.parseGoDuration("5 minutes")).getMessage());
    }
}
