package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class CliTest {

    @Test
    void topLevelHelpAdvertisesOnlyWhatExists() {
        CliRun run = CliRun.of("--help");
        assertEquals(ExitCode.PASSED, run.exitCode(), run.err());
        assertEquals("Smoke tests and SLO gates for Go module infrastructure.", run.out().lines().toList().get(1));
        assertFalse(run.out().toLowerCase(Locale.ROOT).contains("fault"), "no fault injection before it exists:\n" + run.out());
    }
}
