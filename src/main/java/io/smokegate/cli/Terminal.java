package io.smokegate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is an interactive terminal, so progress can redraw a status line. */
final class Terminal {

    private Terminal() {
    }

    /** {@code fd} 1 is stdout, 2 is stderr. Never a terminal under CI=true. */
    static boolean isTerminal(int fd) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }
}
