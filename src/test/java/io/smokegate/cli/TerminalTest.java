package io.smokegate.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void anyNonEmptyNoColorTurnsColoursOff() {
        assertFalse(Terminal.coloursAllowed(Map.of("NO_COLOR", "1", "TERM", "xterm-256color")::get));
        assertFalse(Terminal.coloursAllowed(Map.of("NO_COLOR", "false")::get), "any value, even one that reads as no");
    }

    @Test
    void anUnsetOrEmptyNoColorLeavesColoursOn() {
        assertTrue(Terminal.coloursAllowed(Map.of("TERM", "xterm-256color")::get));
        assertTrue(Terminal.coloursAllowed(Map.of("NO_COLOR", "", "TERM", "xterm-256color")::get));
    }

    @Test
    void aDumbTerminalGetsNoColours() {
        assertFalse(Terminal.coloursAllowed(Map.of("TERM", "dumb")::get));
    }
}
