package io.smokegate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Whether a standard stream is an interactive terminal, so progress can redraw a status line (and colour it). */
final class Terminal {

    private Terminal() {
    }

    /**
     * Whether what goes to the terminal may be coloured: not when NO_COLOR is set to anything
     * (https://no-color.org: an empty value does not count), nor on a dumb terminal.
     */
    static boolean coloursAllowed(Function<String, String> env) {
        String noColor = env.apply("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.apply("TERM"));
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
