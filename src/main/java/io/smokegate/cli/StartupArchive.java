package io.smokegate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/**
 * Vouches for the class-data archive the launcher script has the JVM write at exit while this build has none
 * (see ./smokegate). The launcher keeps that archive only if the run left the marker file named by {@value
 * #PROPERTY}, and it is left only by a real run: never by {@code --help}, {@code --version}, an invalid
 * invocation or a failed start, whose few classes would otherwise slow every later start of the command.
 */
final class StartupArchive {

    static final String PROPERTY = "smokegate.cds.marker";
    private static final Logger LOG = Logger.getLogger(StartupArchive.class.getName());

    private StartupArchive() {
    }

    /** After {@code cli} returned {@code exitCode}: a real run if a command's own code ran and gave a verdict. */
    static void afterRun(CommandLine cli, int exitCode) {
        if ((exitCode == ExitCode.PASSED || exitCode == ExitCode.FAILED) && ranACommand(cli.getParseResult())) {
            realRun();
        }
    }

    /** No help or version asked for at any level, and the command is one that does something (not a group). */
    static boolean ranACommand(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return false;
            }
            leaf = p;
        }
        return leaf != null && leaf.commandSpec().userObject() instanceof Callable<?>;
    }

    /** Leaves the marker (a no-op unless the launcher asked for one). */
    static void realRun() {
        String marker = System.getProperty(PROPERTY);
        if (marker == null) {
            return;
        }
        try {
            Files.write(Path.of(marker), new byte[0]);
        } catch (IOException | RuntimeException e) {
            // Only start-up time is lost: the next run trains again.
            LOG.log(Level.FINE, "cannot mark the class-data archive " + marker + " as from a real run", e);
        }
    }
}
