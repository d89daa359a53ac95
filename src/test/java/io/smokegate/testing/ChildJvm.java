package io.smokegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a {@code main} class of the test class path in a separate JVM, optionally behind a wrapper command. */
public final class ChildJvm {

    private ChildJvm() {
    }

    public record Result(int exitCode, String output) {
    }

    /**
     * The wrapper for a child that runs as root but, like any other user, is bound by permission bits:
     * {@code setpriv} drops CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER from the bounding set, so
     * the JVM it starts never has them. (Running as {@code nobody} instead would not work: the build's jars
     * usually sit under /root, which nobody may not read.)
     */
    public static List<String> rootWithoutFileOverride() {
        return List.of(ExternalTool.require("setpriv", "util-linux").toString(),
                "--bounding-set", "-dac_override,-dac_read_search,-fowner");
    }

    /** The command line that runs {@code main} of the test class path in a new JVM behind {@code wrapper}. */
    public static List<String> command(List<String> wrapper, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    public static Result run(List<String> wrapper, Class<?> main, String... args) {
        return run(wrapper, Map.of(), main, args);
    }

    /** Runs {@code main} with {@code env} added to this process's environment. */
    public static Result run(List<String> wrapper, Map<String, String> env, Class<?> main, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(wrapper, main, args));
        builder.environment().putAll(env);
        return run(builder);
    }

    /** Runs {@code builder}'s command with no input, to its end (at most a minute), output and errors merged. */
    public static Result run(ProcessBuilder builder) {
        try {
            Process p = builder.redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("child process did not finish: " + builder.command());
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
